"""What search knows about a catalogue entry, and what it answers with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.catalog.models import Catalog


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """What search needs to know about a matter or bundle, independent of catalogue models."""

    key: str
    kind: str  # "matter" | "bundle"
    code: str
    name_zh: str
    name_en: str
    keywords: tuple[str, ...] = ()
    popularity: float = 0.0


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked result; ``matched`` tells the UI which way it matched (for highlighting)."""

    key: str
    kind: str
    score: float
    matched: str  # "name" | "pinyin" | "initials" | "english" | "code" | "fuzzy"


def documents_from_catalog(catalog: Catalog) -> list[SearchDocument]:
    """Matters and bundles of a catalogue as search documents (keyed by their code).

    Bundles (一件事) have no popularity flag of their own; they inherit it when any of their
    matters is popular, because a life event built on a popular matter is what residents seek.
    """
    docs = [
        SearchDocument(
            key=m.code,
            kind="matter",
            code=m.code,
            name_zh=m.name.zh,
            name_en=m.name.en,
            keywords=tuple(m.keywords),
            popularity=1.0 if m.popular else 0.0,
        )
        for m in catalog.matters
    ]
    popular = {m.code for m in catalog.matters if m.popular}
    docs.extend(
        SearchDocument(
            key=b.code,
            kind="bundle",
            code=b.code,
            name_zh=b.name.zh,
            name_en=b.name.en,
            keywords=tuple(b.keywords),
            popularity=1.0 if popular.intersection(b.matter_codes) else 0.0,
        )
        for b in catalog.bundles
    )
    return docs
