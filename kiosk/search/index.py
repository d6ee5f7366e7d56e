"""The search index: precomputed once per catalogue version, ranked on every keystroke.

Residents (many elderly) type on a touch keyboard, often in pinyin initials, with small slips,
and the list re-ranks on every keystroke. So everything costly (pinyin with all plausible
readings, token and letter-pair indexes) is done once in :meth:`SearchIndex.build`.

Ranking is by tiers (exact > prefix > substring > initials > homophone > fuzzy). Inside a tier
the order is static: popular first, then shorter names. That makes ranking a walk down the
tiers that stops once ``limit`` documents are found, so a one-letter query costs no more than
a long one. Typo tolerance (RapidFuzz) runs only when no precise tier matched anything: on top
of real matches, near misses of short queries are noise the resident has to scroll past.
"""

from __future__ import annotations

import heapq
import itertools
import math
from bisect import bisect_left
from collections.abc import Callable, Iterable
from functools import cache

from rapidfuzz import fuzz, process

from kiosk.search.documents import SearchDocument, SearchHit
from kiosk.search.text import (
    CJK,
    LETTERS,
    TOKEN,
    abbreviation,
    compact,
    normalize,
    pair_keys,
    pinyin_slots,
)

MAX_QUERY_CHARS = 64  # longer input is cut: a search must never do unbounded work
_MAX_RAW_CHARS = 4 * MAX_QUERY_CHARS  # NFKC can expand a character, so cut before it too
_MAX_VARIANTS = 8  # whole-string reading combinations kept for full-pinyin matching
_FUZZY_MIN_CHARS = 4
_EN_CUTOFF, _PY_CUTOFF, _ZH_CUTOFF = 78.0, 80.0, 70.0
_FUZZY_LOW, _FUZZY_SPAN = 30.0, 20.0  # fuzzy scores land in [30, 50]
_HOMOPHONE = 60.0
_TOP = "\U0010ffff"


# Each produces ranks (static order) for one tier, given how many are still needed and which
# documents a higher tier already took.
_Producer = Callable[[int, set[int]], list[int]]


class _Sorted:
    """Sorted strings with their document ranks, for prefix look-ups by bisection."""

    def __init__(self, pairs: Iterable[tuple[str, int]]) -> None:
        ordered = sorted(set(pairs))
        self.keys = [k for k, _ in ordered]
        self.ranks = [r for _, r in ordered]

    def prefixed(self, prefix: str) -> list[int]:
        lo = bisect_left(self.keys, prefix)
        return self.ranks[lo : bisect_left(self.keys, prefix + _TOP, lo)]

    def exact(self, key: str) -> list[int]:
        lo = bisect_left(self.keys, key)
        return self.ranks[lo : bisect_left(self.keys, key + "\0", lo)]


def _fresh(ranks: Iterable[int], need: int, seen: set[int]) -> list[int]:
    return heapq.nsmallest(need, set(ranks).difference(seen))


def _scan(
    cands: Iterable[int], need: int, seen: set[int], test: Callable[[int], bool]
) -> list[int]:
    out: list[int] = []
    for r in cands:
        if r not in seen and test(r):
            out.append(r)
            if len(out) >= need:
                break
    return out


class SearchIndex:
    """Immutable, precomputed index; build once per catalogue version and share it."""

    def __init__(self, docs: Iterable[SearchDocument]) -> None:
        items = list(docs)
        top = max((d.popularity for d in items if math.isfinite(d.popularity)), default=0.0)

        def order(d: SearchDocument) -> tuple[float, int, int, str]:
            pop = d.popularity / top if top > 0 and math.isfinite(d.popularity) else 0.0
            return (-pop, len(compact(d.name_zh)), len(d.name_en), d.key)

        self._docs = sorted(items, key=order)  # position == rank
        self._names: list[str] = []
        self._keywords: list[tuple[str, ...]] = []
        self._name_py: list[tuple[str, ...]] = []  # full-pinyin variants, main reading first
        self._kw_py: list[tuple[str, ...]] = []
        self._name_slots: list[str] = []
        self._kw_slots: list[tuple[str, ...]] = []
        self._chars: dict[str, set[int]] = {}
        self._pairs: dict[str, set[int]] = {}
        self._en_name_index: dict[str, set[int]] = {}
        self._en_all_index: dict[str, set[int]] = {}
        cache: dict[str, list[tuple[str, ...]]] = {}
        codes: list[tuple[str, int]] = []
        names: list[tuple[str, int]] = []
        kws: list[tuple[str, int]] = []
        en_names: list[tuple[str, int]] = []
        py_names: list[tuple[str, int]] = []
        py_kws: list[tuple[str, int]] = []
        self._py_choices: list[str] = []
        self._py_choice_rank: list[int] = []
        self._zh_choices: list[str] = []
        self._zh_choice_rank: list[int] = []
        for rank, doc in enumerate(self._docs):
            name = compact(doc.name_zh)
            keywords = tuple(k for k in map(compact, doc.keywords) if k)
            self._names.append(name)
            self._keywords.append(keywords)
            codes.append((compact(doc.code), rank))
            names.append((name, rank))
            kws.extend((k, rank) for k in keywords)
            tokens = tuple(TOKEN.findall(normalize(doc.name_en)))
            en_names.append((" ".join(tokens), rank))
            for tok in tokens:
                self._en_name_index.setdefault(tok, set()).add(rank)
            for kw in doc.keywords:
                if not CJK.search(kw):  # English keywords live in the English index only
                    tokens += tuple(TOKEN.findall(normalize(kw)))
            for tok in tokens:
                self._en_all_index.setdefault(tok, set()).add(rank)
            name_py: tuple[str, ...] = ()
            kw_py: list[str] = []
            name_slots, kw_slots = "", []
            keys: set[str] = set()
            for j, text in enumerate((name, *keywords)):
                for ch in text:
                    self._chars.setdefault(ch, set()).add(rank)
                if not CJK.search(text):
                    continue
                self._zh_choices.append(text)
                self._zh_choice_rank.append(rank)
                slots = cache.get(text)
                if slots is None:
                    slots = cache[text] = pinyin_slots(text)
                variants = tuple(
                    "".join(c) for c in itertools.islice(itertools.product(*slots), _MAX_VARIANTS)
                )
                line = " ".join("/" + "/".join(alts) for alts in slots)
                keys |= pair_keys(slots)
                self._py_choices.append(variants[0])
                self._py_choice_rank.append(rank)
                if j == 0:
                    name_py, name_slots = variants, line
                    py_names.extend((v, rank) for v in variants)
                else:
                    kw_py.extend(variants)
                    kw_slots.append(line)
                    py_kws.extend((v, rank) for v in variants)
            for key in keys:
                self._pairs.setdefault(key, set()).add(rank)
            self._name_py.append(name_py)
            self._kw_py.append(tuple(kw_py))
            self._name_slots.append(name_slots)
            self._kw_slots.append(tuple(kw_slots))
        self._codes, self._zh, self._zh_kw = _Sorted(codes), _Sorted(names), _Sorted(kws)
        self._en, self._py, self._py_kw = _Sorted(en_names), _Sorted(py_names), _Sorted(py_kws)
        self._en_vocab = sorted(self._en_all_index)
        self._en_name_vocab = sorted(self._en_name_index)

    @classmethod
    def build(cls, docs: Iterable[SearchDocument]) -> SearchIndex:
        """Precompute pinyin, initials and token indexes for ``docs`` (order is irrelevant)."""
        return cls(docs)

    def __len__(self) -> int:
        return len(self._docs)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Best ``limit`` matches for what the resident typed; never raises on any string."""
        q = compact(query[:_MAX_RAW_CHARS])[:MAX_QUERY_CHARS]
        if limit <= 0 or not q:
            return []
        tiers: list[tuple[float, str, _Producer]] = []
        if CJK.search(q):
            tiers = self._character_tiers(q)
        elif q.isascii():
            words = TOKEN.findall(normalize(query[:_MAX_RAW_CHARS]))[: MAX_QUERY_CHARS // 2]
            tiers = self._latin_tiers(q, words)
        hits: list[SearchHit] = []
        seen: set[int] = set()
        n = len(self._docs)
        # Stable sort: equal tiers keep their listed order (e.g. codes before English names).
        for tier, matched, produce in sorted(tiers, key=lambda t: -t[0]):
            if len(hits) >= limit:
                break
            for rank in produce(limit - len(hits), seen):
                seen.add(rank)
                doc = self._docs[rank]
                score = round(tier + 0.99 * (1 - rank / n), 4)
                hits.append(SearchHit(doc.key, doc.kind, score, matched))
        if not hits and len(q) >= _FUZZY_MIN_CHARS:
            hits = self._fuzzy(q, query, limit)
        return hits

    # -- tiers ------------------------------------------------------------------------------

    def _character_tiers(self, q: str) -> list[tuple[float, str, _Producer]]:
        @cache
        def cands() -> list[int]:
            postings = sorted((self._chars.get(ch, set()) for ch in set(q)), key=len)
            return sorted(postings[0].intersection(*postings[1:]))

        names, kws = self._names, self._keywords
        spelled = "".join(s[0] for s in pinyin_slots(q))
        return [
            (100, "name", lambda need, seen: _fresh(self._zh.exact(q), need, seen)),
            (90, "name", lambda need, seen: _fresh(self._zh.prefixed(q), need, seen)),
            (85, "name", lambda need, seen: _fresh(self._zh_kw.exact(q), need, seen)),
            (82, "name", lambda need, seen: _fresh(self._zh_kw.prefixed(q), need, seen)),
            (80, "name", lambda need, seen: _scan(cands(), need, seen, lambda r: q in names[r])),
            (75, "name", lambda n, s: _scan(cands(), n, s, lambda r: any(q in k for k in kws[r]))),
            # A wrong character picked from the IME: same sound, so compare pinyin.
            (_HOMOPHONE, "pinyin", lambda need, seen: self._homophones(spelled, need, seen)),
        ]

    def _latin_tiers(self, q: str, words: list[str]) -> list[tuple[float, str, _Producer]]:
        letters = LETTERS.fullmatch(q) is not None
        phrase = " ".join(words)
        name_py, kw_py, slots, kw_slots = (
            self._name_py,
            self._kw_py,
            self._name_slots,
            self._kw_slots,
        )

        @cache
        def cands() -> list[int]:
            return self._pinyin_candidates(q) if letters else []

        def scan(test: Callable[[int], bool]) -> _Producer:
            return lambda need, seen: _scan(cands(), need, seen, test)

        # Letter-only code prefixes are more likely words than codes, so they rank low.
        code_tier = 90 if any(ch.isdigit() for ch in q) else 65
        return [
            (100, "code", lambda need, seen: _fresh(self._codes.exact(q), need, seen)),
            (100, "english", lambda need, seen: _fresh(self._en.exact(phrase), need, seen)),
            (95, "pinyin", lambda need, seen: _fresh(self._py.exact(q), need, seen)),
            (code_tier, "code", lambda need, seen: _fresh(self._codes.prefixed(q), need, seen)),
            (90, "english", lambda need, seen: _fresh(self._en.prefixed(phrase), need, seen)),
            (89, "pinyin", lambda need, seen: _fresh(self._py.prefixed(q), need, seen)),
            (85, "pinyin", lambda need, seen: _fresh(self._py_kw.exact(q), need, seen)),
            (81, "pinyin", lambda need, seen: _fresh(self._py_kw.prefixed(q), need, seen)),
            (79, "english", lambda need, seen: self._english(words, need, seen, names_only=True)),
            (78, "pinyin", scan(lambda r: any(q in v for v in name_py[r]))),
            (76, "english", lambda need, seen: self._english(words, need, seen, names_only=False)),
            (74, "pinyin", scan(lambda r: any(q in v for v in kw_py[r]))),
            (72, "initials", scan(lambda r: abbreviation(q).match(slots[r]) is not None)),
            (68, "initials", scan(lambda r: abbreviation(q).search(slots[r]) is not None)),
            (66, "initials", scan(lambda r: any(abbreviation(q).search(s) for s in kw_slots[r]))),
        ]

    def _pinyin_candidates(self, q: str) -> list[int]:
        """Documents holding every letter pair of ``q`` (see :func:`pair_keys`), in rank order."""
        keys = {q[0]} | {q[i : i + 2] for i in range(len(q) - 1)}
        postings = sorted((self._pairs.get(k, set()) for k in keys), key=len)
        return sorted(postings[0].intersection(*postings[1:]))

    def _homophones(self, spelled: str, need: int, seen: set[int]) -> list[int]:
        if not LETTERS.fullmatch(spelled):
            return []
        spelled = spelled[:MAX_QUERY_CHARS]
        pys = self._name_py, self._kw_py
        test: Callable[[int], bool] = lambda r: any(spelled in v for p in pys for v in p[r])  # noqa: E731
        return _scan(self._pinyin_candidates(spelled), need, seen, test)

    def _prefix_docs(self, word: str, names_only: bool) -> set[int]:
        vocab = self._en_name_vocab if names_only else self._en_vocab
        index = self._en_name_index if names_only else self._en_all_index
        lo = bisect_left(vocab, word)
        found: set[int] = set()
        for w in vocab[lo : bisect_left(vocab, word + _TOP, lo)]:
            found |= index[w]
        return found

    def _english(
        self, words: list[str], need: int, seen: set[int], *, names_only: bool
    ) -> list[int]:
        """Every query word is the prefix of some word of the name (or keywords)."""
        if not words:
            return []
        found = self._prefix_docs(words[0], names_only)
        for word in words[1:]:
            if not found:
                break
            found &= self._prefix_docs(word, names_only)
        return _fresh(found, need, seen)

    # -- typos --------------------------------------------------------------------------------

    def _fuzzy(self, q: str, raw: str, limit: int) -> list[SearchHit]:
        """Typo tolerance by RapidFuzz over precomputed strings; only when nothing matched."""
        best: dict[int, float] = {}

        def offer(rank: int, ratio: float, cutoff: float) -> None:
            score = _FUZZY_LOW + _FUZZY_SPAN * max(0.0, (ratio - cutoff) / (100.0 - cutoff))
            best[rank] = max(best.get(rank, 0.0), score)

        if CJK.search(q):
            for _, ratio, i in process.extract(
                q, self._zh_choices, scorer=fuzz.partial_ratio, score_cutoff=_ZH_CUTOFF, limit=None
            ):
                offer(self._zh_choice_rank[i], ratio, _ZH_CUTOFF)
        elif q.isascii():
            words = TOKEN.findall(normalize(raw[:_MAX_RAW_CHARS]))[:8]
            for rank, ratio in self._fuzzy_english(words).items():
                offer(rank, ratio, _EN_CUTOFF)
            # An English near miss tells the query is English: skip the costlier pinyin pass.
            if not best and LETTERS.fullmatch(q):
                for choice, ratio, i in process.extract(
                    q,
                    self._py_choices,
                    scorer=fuzz.partial_ratio,
                    score_cutoff=_PY_CUTOFF,
                    limit=None,
                ):
                    # partial_ratio would let a short keyword hide inside a long query.
                    if len(choice) >= len(q) - 1 or fuzz.ratio(q, choice) >= _PY_CUTOFF:
                        offer(self._py_choice_rank[i], ratio, _PY_CUTOFF)
        n = len(self._docs)
        ranked = heapq.nsmallest(limit, best.items(), key=lambda kv: (-kv[1], kv[0]))
        return [
            SearchHit(
                self._docs[r].key, self._docs[r].kind, round(s + 0.99 * (1 - r / n), 4), "fuzzy"
            )
            for r, s in ranked
        ]

    def _fuzzy_english(self, words: list[str]) -> dict[int, float]:
        """Each query word matches some word of the doc by prefix or within the typo cutoff."""
        worst: dict[int, float] | None = None
        for word in words:
            ratios = dict.fromkeys(self._prefix_docs(word, names_only=False), 100.0)
            if len(word) >= _FUZZY_MIN_CHARS:
                for w, ratio, _ in process.extract(
                    word, self._en_vocab, scorer=fuzz.ratio, score_cutoff=_EN_CUTOFF, limit=None
                ):
                    for rank in self._en_all_index[w]:
                        ratios[rank] = max(ratios.get(rank, 0.0), ratio)
            worst = (
                ratios
                if worst is None
                else {r: min(v, ratios[r]) for r, v in worst.items() if r in ratios}
            )
            if not worst:
                return {}
        return worst or {}
