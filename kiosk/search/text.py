"""Text folding and pinyin for catalogue search: what a query and a name are compared as.

Names are folded (full-width to half-width, case) and cut into *slots*, one per Chinese
character with its plausible readings, so that full pinyin, initials (``jzz`` finds 居住证) and
mixed spellings can all be matched against one precomputed line per name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pypinyin import Style, pinyin
from pypinyin.seg.mmseg import seg as _mmseg  # the word cutter pinyin() applies internally

_MAX_READINGS = 4  # readings kept per character (phrase reading first)

CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_CJK_RUN = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+|[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+"
)
TOKEN = re.compile(r"[^\W_]+")
LETTERS = re.compile(r"[a-z]+")


def normalize(text: str) -> str:
    """Full-width to half-width, compatibility forms folded, case folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def compact(text: str) -> str:
    """Normalized text without punctuation and spaces: ``居住证（签注）`` -> ``居住证签注``."""
    return "".join(ch for ch in normalize(text) if ch.isalnum())


def pinyin_slots(text: str) -> list[tuple[str, ...]]:
    """One slot per Chinese character with its plausible readings, one per latin/digit run.

    Heteronym mode keeps the phrase-dictionary reading first (重新 -> chong only, 银行 -> hang)
    and, for characters outside known phrases, every reading, so initials typed for a less
    common reading still match. Text is cut into words the way pypinyin itself does and each
    word's readings are cached: catalogue names reuse a small vocabulary, and this turns the
    largest cost of building the index into dictionary hits.
    """
    slots: list[tuple[str, ...]] = []
    for run in _CJK_RUN.findall(text):
        if not CJK.match(run):
            slots.append((run.lower(),))
            continue
        for word in _mmseg.cut(run):
            slots.extend(_word_slots(word))
    return slots


@lru_cache(maxsize=16384)
def _word_slots(word: str) -> tuple[tuple[str, ...], ...]:
    slots = []
    for readings in pinyin(word, style=Style.NORMAL, heteronym=True, errors="default"):
        kept = tuple(dict.fromkeys(r.lower() for r in readings if r))[:_MAX_READINGS]
        if kept:
            slots.append(kept)
    return tuple(slots)


@lru_cache(maxsize=512)
def abbreviation(query: str) -> re.Pattern[str]:
    """Regex matching ``query`` as consecutive syllable prefixes of a slot line.

    A slot line is ``/ju/ji /zhu /zheng``: slots separated by a space, each reading preceded by
    ``/``. Between two query letters the match either stays inside the reading or skips the
    rest of the slot and starts a reading of the next slot, so ``jzz``, ``juzhuz`` and
    ``jzzheng`` all match and no letter is ever skipped.
    """
    gap = r"(?:[^ ]* (?:/[^/ ]+)*/)?"
    return re.compile("/" + gap.join(re.escape(ch) for ch in query))


def pair_keys(slots: list[tuple[str, ...]]) -> set[str]:
    """Keys a query's consecutive letters must hit for any abbreviation match to exist.

    A letter pair ``ab`` of the query is either inside one reading or ends one slot's piece and
    starts the next slot's reading; single letters are reading initials. Intersecting these
    postings prunes candidates before any regex runs.
    """
    keys: set[str] = set()
    prev: tuple[str, ...] = ()
    for alts in slots:
        keys |= _inner_keys(alts)
        if prev:
            keys |= _cross_keys(prev, alts)
        prev = alts
    return keys


@lru_cache(maxsize=8192)
def _inner_keys(alts: tuple[str, ...]) -> frozenset[str]:
    return frozenset({r[0] for r in alts} | {r[j : j + 2] for r in alts for j in range(len(r) - 1)})


@lru_cache(maxsize=65536)
def _cross_keys(prev: tuple[str, ...], alts: tuple[str, ...]) -> frozenset[str]:
    return frozenset(a + r[0] for a in set("".join(prev)) for r in alts)
