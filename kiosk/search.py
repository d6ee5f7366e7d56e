"""Catalogue search: Chinese characters, pinyin, pinyin initials, English, codes and typos.

Residents (many elderly) type on a touch keyboard, often in pinyin initials, with small slips,
and the list re-ranks on every keystroke. So everything costly (pinyin conversion with all
plausible readings, token indexes) is done once in :meth:`SearchIndex.build`, and a query does
only dictionary/set look-ups, one regex scan over a pre-joined pinyin text, and, only when the
precise channels leave room in the result list, a bounded RapidFuzz pass.

Ranking is by tiers (exact > prefix > substring > initials > homophone > fuzzy); inside a tier,
how much of the name the query covers and then popularity decide. Tiers are integers and the
in-tier bonus stays below 1, so a lower tier can never overtake a higher one.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from pypinyin import Style, pinyin
from rapidfuzz import fuzz, process

if TYPE_CHECKING:
    from kiosk.catalog.models import Catalog

MAX_QUERY_CHARS = 64  # longer input is cut: a search must never do unbounded work
_MAX_RAW_CHARS = 4 * MAX_QUERY_CHARS  # NFKC can expand a character, so cut before it too
_MAX_READINGS = 4  # readings kept per character (phrase reading first)
_MAX_VARIANTS = 8  # whole-string reading combinations kept for exact/full-pinyin checks
_FUZZY_MIN_CHARS = 4
_EN_CUTOFF = 78.0
_PY_CUTOFF = 80.0
_ZH_CUTOFF = 70.0

_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_TOKEN = re.compile(r"[^\W_]+")
_ASCII_LETTERS = re.compile(r"[a-z]+")

# Tiers. Names beat keywords; characters beat pinyin; pinyin beats initials.
_EXACT, _EXACT_PY, _EXACT_KW = 100, 95, 85
_PREFIX, _PREFIX_PY, _PREFIX_KW, _PREFIX_KW_PY = 90, 89, 82, 81
_SUBSTR, _SUBSTR_EN, _SUBSTR_PY, _EN_KW, _SUBSTR_KW, _SUBSTR_KW_PY = 80, 79, 78, 76, 75, 74
_INITIALS_PREFIX, _INITIALS, _INITIALS_KW_PREFIX, _CODE_WORDLIKE, _INITIALS_KW = 72, 68, 66, 65, 64
_HOMOPHONE = 60
_FUZZY_LOW, _FUZZY_SPAN = 30, 20  # fuzzy scores land in [30, 50]


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


def normalize(text: str) -> str:
    """Full-width to half-width, compatibility forms folded, case folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def compact(text: str) -> str:
    """Normalized text without punctuation and spaces: ``居住证（签注）`` -> ``居住证签注``."""
    return "".join(ch for ch in normalize(text) if ch.isalnum())


def pinyin_slots(text: str) -> list[tuple[str, ...]]:
    """One slot per Chinese character with its plausible readings, one per latin/digit run.

    Heteronym mode keeps the phrase-dictionary reading first (重新 -> chong only, 银行 -> hang),
    and for characters outside known phrases it keeps every reading, so initials typed for a
    less common reading still match.
    """
    if not text:
        return []
    slots: list[tuple[str, ...]] = []
    for readings in pinyin(text, style=Style.NORMAL, heteronym=True, errors="default"):
        kept = tuple(dict.fromkeys(r.lower() for r in readings if r))[:_MAX_READINGS]
        if kept:
            slots.append(kept)
    return slots


def documents_from_catalog(catalog: Catalog) -> list[SearchDocument]:
    """Matters and bundles of a catalogue as search documents (keyed by their code).

    Bundles (一件事) carry no popularity flag of their own; they inherit it when any of their
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


@lru_cache(maxsize=512)
def _pinyin_pattern(query: str) -> re.Pattern[str]:
    """Regex matching ``query`` as consecutive syllable prefixes over the joined pinyin text.

    The text holds one line per name or keyword: slots separated by a space, each reading
    preceded by ``/`` (``/ju/ji /zhu /zheng``). Between two query letters the match either stays
    inside the reading or skips the rest of the slot and starts a reading of the next slot. So
    ``jzz``, ``juzhuzheng`` and ``juzhuz`` all match, and no letter is ever skipped. Starting
    with the literal ``/`` + first letter lets the regex engine jump between candidates fast.
    """
    gap = r"(?:[^ \n]* (?:/[^/ \n]+)*/)?"
    return re.compile("/" + gap.join(re.escape(ch) for ch in query))


@dataclass(slots=True)
class _Best:
    score: float
    matched: str


class SearchIndex:
    """Immutable, precomputed index; build once per catalogue version and share it."""

    def __init__(self, docs: Iterable[SearchDocument]) -> None:
        self._docs: list[SearchDocument] = list(docs)
        top = max((d.popularity for d in self._docs if math.isfinite(d.popularity)), default=0.0)
        self._pop = [
            min(1.0, max(0.0, d.popularity / top))
            if top > 0 and math.isfinite(d.popularity)
            else 0.0
            for d in self._docs
        ]
        self._names: list[str] = []
        self._keywords: list[tuple[str, ...]] = []
        self._chars: dict[str, set[int]] = {}
        self._codes: dict[str, list[int]] = {}
        self._en_names: list[str] = []
        self._en_name_tokens: list[tuple[str, ...]] = []
        self._en_index: dict[str, set[int]] = {}
        self._py_exact: dict[str, dict[int, bool]] = {}  # full pinyin -> doc -> is_name
        self._line_starts: list[int] = []
        self._line_doc: list[int] = []
        self._line_is_name: list[bool] = []
        self._line_variants: list[tuple[str, ...]] = []
        self._line_slots: list[int] = []
        self._zh_choices: list[str] = []
        self._zh_choice_doc: list[int] = []
        parts: list[str] = []
        offset = 0
        slot_cache: dict[str, list[tuple[str, ...]]] = {}
        for i, doc in enumerate(self._docs):
            name = compact(doc.name_zh)
            kws = tuple(k for k in (compact(k) for k in doc.keywords) if k)
            self._names.append(name)
            self._keywords.append(kws)
            for text in (name, *kws):
                for ch in text:
                    self._chars.setdefault(ch, set()).add(i)
                if _CJK.search(text):
                    self._zh_choices.append(text)
                    self._zh_choice_doc.append(i)
            self._codes.setdefault(compact(doc.code), []).append(i)
            en_tokens = tuple(_TOKEN.findall(normalize(doc.name_en)))
            self._en_names.append(" ".join(en_tokens))
            self._en_name_tokens.append(en_tokens)
            for kw in doc.keywords:
                en_tokens += tuple(t for t in _TOKEN.findall(normalize(kw)) if not _CJK.search(t))
            for tok in en_tokens:
                self._en_index.setdefault(tok, set()).add(i)
            for text, is_name in ((name, True), *((k, False) for k in kws)):
                if not _CJK.search(text):
                    continue  # English keywords live in the English index only
                slots = slot_cache.get(text)
                if slots is None:
                    slots = slot_cache[text] = pinyin_slots(text)
                variants = tuple(
                    "".join(combo)
                    for combo in itertools.islice(itertools.product(*slots), _MAX_VARIANTS)
                )
                for v in variants:
                    seen = self._py_exact.setdefault(v, {})
                    seen[i] = seen.get(i, False) or is_name
                line = " ".join("/" + "/".join(alts) for alts in slots) + "\n"
                self._line_starts.append(offset)
                self._line_doc.append(i)
                self._line_is_name.append(is_name)
                self._line_variants.append(variants)
                self._line_slots.append(len(slots))
                parts.append(line)
                offset += len(line)
        self._py_text = "".join(parts)
        self._code_keys = sorted(self._codes)
        self._en_vocab = sorted(self._en_index)
        self._py_choices = [v[0] for v in self._line_variants]

    @classmethod
    def build(cls, docs: Iterable[SearchDocument]) -> SearchIndex:
        """Precompute pinyin, initials and token indexes for ``docs`` (order is irrelevant)."""
        return cls(docs)

    def __len__(self) -> int:
        return len(self._docs)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Best ``limit`` matches for what the resident typed; never raises on any string."""
        if limit <= 0:
            return []
        q = compact(query[:_MAX_RAW_CHARS])[:MAX_QUERY_CHARS]
        if not q:
            return []
        best: dict[int, _Best] = {}
        has_cjk = _CJK.search(q) is not None
        self._by_code(q, best)
        if has_cjk:
            self._by_characters(q, best)
        elif q.isascii():
            tokens = _TOKEN.findall(normalize(query[:_MAX_RAW_CHARS]))[: MAX_QUERY_CHARS // 2]
            self._by_english(tokens, best)
            if _ASCII_LETTERS.fullmatch(q):
                self._by_pinyin(q, best, homophone=False)
        # Homophones rank below every precise tier, so they matter only if room is left.
        if len(best) < limit and has_cjk:
            spelled = "".join(s[0] for s in pinyin_slots(q))
            if _ASCII_LETTERS.fullmatch(spelled):
                self._by_pinyin(spelled[:MAX_QUERY_CHARS], best, homophone=True)
        # Typo tolerance only when nothing matched: on top of real matches, near misses of
        # short queries are mostly noise the resident has to scroll past.
        if not best and len(q) >= _FUZZY_MIN_CHARS:
            self._fuzzy(q, query, has_cjk, best)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1].score, self._docs[kv[0]].key))
        return [
            SearchHit(self._docs[i].key, self._docs[i].kind, round(b.score, 4), b.matched)
            for i, b in ranked[:limit]
        ]

    # -- channels ---------------------------------------------------------------------------

    def _offer(
        self, best: dict[int, _Best], i: int, tier: float, cover: float, matched: str
    ) -> None:
        score = tier + 0.6 * min(1.0, cover) + 0.39 * self._pop[i]
        current = best.get(i)
        if current is None or score > current.score:
            best[i] = _Best(score, matched)

    def _by_code(self, q: str, best: dict[int, _Best]) -> None:
        for i in self._codes.get(q, ()):
            self._offer(best, i, _EXACT, 1.0, "code")
        # Letter-only prefixes are more likely words than codes, so they rank low.
        tier = _PREFIX if any(ch.isdigit() for ch in q) else _CODE_WORDLIKE
        lo = bisect_left(self._code_keys, q)
        hi = bisect_left(self._code_keys, q + "\U0010ffff", lo)
        for code in self._code_keys[lo:hi]:
            if code != q:
                for i in self._codes[code]:
                    self._offer(best, i, tier, len(q) / len(code), "code")

    def _by_characters(self, q: str, best: dict[int, _Best]) -> None:
        postings = sorted((self._chars.get(ch, set()) for ch in set(q)), key=len)
        if not postings or not postings[0]:
            return
        for i in postings[0].intersection(*postings[1:]):
            name = self._names[i]
            if q == name:
                self._offer(best, i, _EXACT, 1.0, "name")
            elif name.startswith(q):
                self._offer(best, i, _PREFIX, len(q) / len(name), "name")
            elif q in name:
                self._offer(best, i, _SUBSTR, len(q) / len(name), "name")
            for kw in self._keywords[i]:
                if q == kw:
                    self._offer(best, i, _EXACT_KW, 1.0, "name")
                elif kw.startswith(q):
                    self._offer(best, i, _PREFIX_KW, len(q) / len(kw), "name")
                elif q in kw:
                    self._offer(best, i, _SUBSTR_KW, len(q) / len(kw), "name")

    def _prefix_docs(self, token: str) -> set[int]:
        lo = bisect_left(self._en_vocab, token)
        hi = bisect_left(self._en_vocab, token + "\U0010ffff", lo)
        found: set[int] = set()
        for word in self._en_vocab[lo:hi]:
            found |= self._en_index[word]
        return found

    def _by_english(self, tokens: list[str], best: dict[int, _Best]) -> None:
        if not tokens:
            return
        docs = self._prefix_docs(tokens[0])
        for tok in tokens[1:]:
            if not docs:
                return
            docs &= self._prefix_docs(tok)
        phrase = " ".join(tokens)
        for i in docs:
            en = self._en_names[i]
            cover = len(phrase) / max(1, len(en))
            if en == phrase:
                self._offer(best, i, _EXACT, 1.0, "english")
            elif en.startswith(phrase):
                self._offer(best, i, _PREFIX, cover, "english")
            elif all(any(w.startswith(t) for w in self._en_name_tokens[i]) for t in tokens):
                self._offer(best, i, _SUBSTR_EN, cover, "english")
            else:
                self._offer(best, i, _EN_KW, cover, "english")

    def _by_pinyin(self, q: str, best: dict[int, _Best], *, homophone: bool) -> None:
        label = "pinyin"
        for i, is_name in self._py_exact.get(q, {}).items():
            self._offer(
                best,
                i,
                _HOMOPHONE if homophone else _EXACT_PY if is_name else _EXACT_KW,
                1.0,
                label,
            )
        text, starts = self._py_text, self._line_starts
        for m in _pinyin_pattern(q).finditer(text):
            line = bisect_right(starts, m.start()) - 1
            i = self._line_doc[line]
            variants = self._line_variants[line]
            full = any(q in v for v in variants)
            cover = len(q) / len(variants[0]) if full else len(q) / self._line_slots[line]
            if homophone:
                self._offer(best, i, _HOMOPHONE, cover, label)
                continue
            first_slot = text.find(" ", starts[line], m.start()) == -1
            name = self._line_is_name[line]
            if full:
                tier = (
                    (_PREFIX_PY if name else _PREFIX_KW_PY)
                    if first_slot
                    else (_SUBSTR_PY if name else _SUBSTR_KW_PY)
                )
                self._offer(best, i, tier, cover, "pinyin")
            else:
                tier = (
                    (_INITIALS_PREFIX if name else _INITIALS_KW_PREFIX)
                    if first_slot
                    else (_INITIALS if name else _INITIALS_KW)
                )
                self._offer(best, i, tier, cover, "initials")

    def _fuzzy(self, q: str, raw: str, has_cjk: bool, best: dict[int, _Best]) -> None:
        """Typo tolerance; runs only when the precise channels left room in the result list."""
        if has_cjk:
            for _, ratio, idx in process.extract(
                q, self._zh_choices, scorer=fuzz.partial_ratio, score_cutoff=_ZH_CUTOFF, limit=None
            ):
                self._offer_fuzzy(best, self._zh_choice_doc[idx], ratio, _ZH_CUTOFF)
            return
        if not q.isascii():
            return
        tokens = _TOKEN.findall(normalize(raw[:_MAX_RAW_CHARS]))[:8]
        if tokens:
            self._fuzzy_english(tokens, best)
        if _ASCII_LETTERS.fullmatch(q):
            for choice, ratio, idx in process.extract(
                q, self._py_choices, scorer=fuzz.partial_ratio, score_cutoff=_PY_CUTOFF, limit=None
            ):
                # partial_ratio would let a short keyword hide inside a long query.
                if len(choice) < len(q) - 1 and fuzz.ratio(q, choice) < _PY_CUTOFF:
                    continue
                self._offer_fuzzy(best, self._line_doc[idx], ratio, _PY_CUTOFF)

    def _fuzzy_english(self, tokens: list[str], best: dict[int, _Best]) -> None:
        """Every query word must match a word of the doc, by prefix or within the typo cutoff."""
        worst: dict[int, float] | None = None
        for tok in tokens:
            ratios = dict.fromkeys(self._prefix_docs(tok), 100.0)
            if len(tok) >= _FUZZY_MIN_CHARS:
                for word, ratio, _ in process.extract(
                    tok, self._en_vocab, scorer=fuzz.ratio, score_cutoff=_EN_CUTOFF, limit=None
                ):
                    for i in self._en_index[word]:
                        ratios[i] = max(ratios.get(i, 0.0), ratio)
            if worst is None:
                worst = ratios
            else:
                worst = {i: min(r, ratios[i]) for i, r in worst.items() if i in ratios}
            if not worst:
                return
        for i, ratio in (worst or {}).items():
            self._offer_fuzzy(best, i, ratio, _EN_CUTOFF)

    def _offer_fuzzy(self, best: dict[int, _Best], i: int, ratio: float, cutoff: float) -> None:
        span = max(0.0, min(1.0, (ratio - cutoff) / (100.0 - cutoff)))
        self._offer(best, i, _FUZZY_LOW + _FUZZY_SPAN * span, 0.0, "fuzzy")
