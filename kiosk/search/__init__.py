"""Catalogue search: Chinese characters, pinyin, pinyin initials, English, codes and typos.

``text`` folds text and spells it in pinyin, ``documents`` says what is searched and what comes
back, ``index`` precomputes everything once per catalogue version and ranks on each keystroke.
"""

from kiosk.search.documents import SearchDocument, SearchHit, documents_from_catalog
from kiosk.search.index import MAX_QUERY_CHARS, SearchIndex
from kiosk.search.text import compact, normalize, pinyin_slots

__all__ = [
    "MAX_QUERY_CHARS",
    "SearchDocument",
    "SearchHit",
    "SearchIndex",
    "compact",
    "documents_from_catalog",
    "normalize",
    "pinyin_slots",
]
