"""The 好差评 rating scheme as versioned data (``config/rating_indicators.json``).

Levels, indicators and reasons are fixed by the authority and change by decree, not by code:
the screen draws whatever the scheme lists, and :func:`check_rating` enforces its rules
(reasons only for 基本满意 and below, known codes, scores 1..5) before anything is stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kiosk.errors import ValidationError
from kiosk.i18n import LocalText

RATING_SCHEME_RESOURCE = ("config", "rating_indicators.json")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RatingLevel(_Frozen):
    level: int = Field(ge=1, le=5)
    code: str
    icon: str  # a face drawn next to the text: colour is never the only signal
    label: LocalText


class RatingIndicator(_Frozen):
    code: str
    label: LocalText


class RatingReason(_Frozen):
    code: str
    label: LocalText


class RatingScheme(_Frozen):
    scheme_version: str = Field(min_length=1)
    source: str = ""
    channel: str = "kiosk"
    levels: tuple[RatingLevel, ...]
    overall: RatingIndicator
    indicators: tuple[RatingIndicator, ...]
    reasons_max_level: int = Field(ge=1, le=5)
    reasons: tuple[RatingReason, ...]
    follow_up_max_level: int = Field(ge=0, le=5)
    follow_up_working_days: int = Field(ge=1)

    @model_validator(mode="after")
    def _five_levels(self) -> RatingScheme:
        if sorted(lv.level for lv in self.levels) != [1, 2, 3, 4, 5]:
            raise ValueError("a rating scheme has exactly the five levels 1..5")
        return self

    def level(self, level: int) -> RatingLevel:
        for item in self.levels:
            if item.level == level:
                return item
        raise ValidationError("error.rating.level", level=level)

    def reasons_allowed(self, level: int) -> bool:
        return level <= self.reasons_max_level

    def needs_follow_up(self, level: int) -> bool:
        return level <= self.follow_up_max_level


@cache
def load_rating_scheme() -> RatingScheme:
    """The shipped scheme (read once per process)."""
    package, name = RATING_SCHEME_RESOURCE
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return RatingScheme.model_validate_json(text)


def check_rating(
    scheme: RatingScheme,
    level: int,
    indicators: Mapping[str, int],
    reasons: Sequence[str],
    *,
    anonymous: bool,
    contact: str | None,
) -> None:
    """Raise ``ValidationError`` (key ``error.rating.*``) when a rating breaks the scheme."""
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
        raise ValidationError("error.rating.level")
    known_indicators = {i.code for i in scheme.indicators}
    for code, score in indicators.items():
        if code not in known_indicators:
            raise ValidationError("error.rating.unknown_indicator", indicator=str(code)[:32])
        if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
            raise ValidationError("error.rating.indicator_score", indicator=code)
    if reasons and not scheme.reasons_allowed(level):
        raise ValidationError("error.rating.reasons_not_allowed", level=level)
    known_reasons = {r.code for r in scheme.reasons}
    for reason in reasons:
        if reason not in known_reasons:
            raise ValidationError("error.rating.unknown_reason")
    if len(set(reasons)) != len(reasons):
        raise ValidationError("error.rating.duplicate_reason")
    if contact is not None and anonymous:
        raise ValidationError("error.rating.contact_needs_real_name")
