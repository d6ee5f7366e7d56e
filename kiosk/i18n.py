"""Bilingual text carried by data (catalogue, forms). UI chrome uses Qt's translator instead."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class LocalText(BaseModel):
    """Text in Chinese (required, the kiosk's first language) and English."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, language: str) -> str:
        """Text for a language code such as ``zh_CN`` or ``en``; Chinese is the fallback."""
        return self.en if language.lower().startswith("en") else self.zh
