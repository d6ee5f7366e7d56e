"""Catalogue search: ranking across characters, pinyin, initials, English, codes and typos."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.catalog import load_catalog, sample_catalog_path
from kiosk.search import (
    MAX_QUERY_CHARS,
    SearchDocument,
    SearchHit,
    SearchIndex,
    compact,
    documents_from_catalog,
    pinyin_slots,
)

# (code, zh, en, keywords, popular) — a realistic community-station list, not an official one.
MATTERS: list[tuple[str, str, str, tuple[str, ...], bool]] = [
    ("GA-001", "居住证申领", "Residence permit application", ("暂住证",), True),
    ("GA-002", "居住证签注", "Residence permit endorsement", (), False),
    ("GA-003", "居住证遗失补领", "Residence permit replacement after loss", (), False),
    ("GA-004", "居民身份证申领", "Resident ID card application", ("身份证",), True),
    ("GA-005", "户口迁移登记", "Household registration transfer", ("迁户口",), False),
    (
        "RS-101",
        "城乡居民养老保险参保登记",
        "Urban and rural residents' pension insurance enrollment",
        ("养老保险", "居民养老"),
        True,
    ),
    (
        "RS-102",
        "城乡居民养老保险待遇申领",
        "Urban and rural residents' pension benefit claim",
        ("领养老金",),
        True,
    ),
    (
        "RS-103",
        "城乡居民基本医疗保险参保登记",
        "Urban and rural residents' basic medical insurance enrollment",
        ("医保", "居民医保"),
        True,
    ),
    ("RS-104", "失业登记", "Unemployment registration", ("失业",), False),
    (
        "RS-105",
        "就业困难人员认定",
        "Recognition of persons with employment difficulties",
        (),
        False,
    ),
    ("RS-106", "社会保障卡申领", "Social security card application", ("社保卡",), True),
    ("RS-107", "社会保障卡挂失", "Social security card loss report", ("社保卡挂失",), False),
    ("RS-108", "灵活就业人员参保登记", "Flexible employment insurance enrollment", (), False),
    ("RS-109", "医疗费用报销", "Medical expense reimbursement", ("报销",), False),
    (
        "MZ-201",
        "最低生活保障申请",
        "Minimum living allowance application",
        ("低保", "低保申请", "subsistence allowance"),
        True,
    ),
    ("MZ-202", "特困人员救助供养", "Support for persons in extreme poverty", ("特困",), False),
    ("MZ-203", "临时救助申请", "Temporary assistance application", ("急难救助",), False),
    ("MZ-204", "高龄津贴申请", "Old-age allowance application", ("高龄补贴", "elderly"), True),
    ("MZ-205", "老年人优待证办理", "Senior citizen preferential card", ("老年证", "elderly"), True),
    (
        "MZ-206",
        "居家养老服务补贴申请",
        "Home-based elderly care subsidy application",
        ("养老服务",),
        False,
    ),
    ("MZ-207", "残疾人证办理", "Disability certificate application", ("残疾证",), True),
    ("MZ-208", "困难残疾人生活补贴", "Living subsidy for disabled persons in need", (), False),
    ("MZ-209", "重度残疾人护理补贴", "Nursing subsidy for severely disabled persons", (), False),
    ("MZ-210", "结婚登记预约", "Marriage registration appointment", ("结婚",), False),
    ("MZ-211", "殡葬补贴申请", "Funeral subsidy application", (), False),
    ("MZ-212", "重新申请低保复核", "Minimum living allowance re-review", (), False),
    ("WJ-301", "生育登记", "Birth registration", ("生育服务",), True),
    ("WJ-302", "独生子女父母光荣证", "One-child parents honour certificate", (), False),
    ("WJ-303", "计划生育家庭特别扶助", "Special support for family-planning families", (), False),
    ("WJ-304", "出生医学证明补发", "Birth medical certificate reissue", (), False),
    ("WJ-305", "预防接种证查询", "Vaccination certificate inquiry", ("疫苗",), False),
    ("JY-401", "义务教育入学登记", "Compulsory education enrolment", ("入学",), False),
    ("JY-402", "学生资助申请", "Student financial aid application", (), False),
    ("ZJ-501", "公积金提取", "Housing provident fund withdrawal", ("住房公积金",), True),
    ("ZJ-502", "公租房申请", "Public rental housing application", (), False),
    ("TY-601", "退役军人优待证申领", "Veteran preferential card application", (), False),
    ("TY-602", "优抚对象抚恤补助", "Pension and subsidy for entitled groups", (), False),
    ("SW-701", "银行卡绑定社保待遇发放", "Bank card binding for social benefit payment", (), False),
    ("SW-702", "行政事业性收费缴纳", "Administrative fee payment", (), False),
    ("SW-703", "个人所得税专项附加扣除", "Individual income tax special deductions", (), False),
    ("GH-801", "工会困难职工帮扶", "Union support for workers in hardship", (), False),
]
BUNDLES: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("B-01", "新生儿出生一件事", "Newborn birth one-stop", ("出生",)),
    ("B-02", "退休一件事", "Retirement one-stop", ("退休", "养老")),
]


def _docs() -> list[SearchDocument]:
    docs = [
        SearchDocument(code, "matter", code, zh, en, kws, 1.0 if popular else 0.0)
        for code, zh, en, kws, popular in MATTERS
    ]
    docs += [SearchDocument(code, "bundle", code, zh, en, kws) for code, zh, en, kws in BUNDLES]
    return docs


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build(_docs())


def keys(hits: list[SearchHit]) -> list[str]:
    return [h.key for h in hits]


def test_normalization_folds_width_case_and_punctuation() -> None:
    assert compact("ＪＺＺ") == "jzz"
    assert compact(" 居住证（签注）! ") == "居住证签注"
    assert compact("Residence-Permit") == "residencepermit"


def test_polyphonic_characters_use_phrase_reading_first() -> None:
    assert pinyin_slots("重新")[0][0] == "chong"
    assert pinyin_slots("银行")[1][0] == "hang"
    assert pinyin_slots("行政")[0][0] == "xing"


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "，。！", "　"])
def test_empty_or_punctuation_only_query_finds_nothing(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []


def test_exact_chinese_name_ranks_first(index: SearchIndex) -> None:
    hits = index.search("失业登记")
    assert hits[0].key == "RS-104"
    assert hits[0].matched == "name"
    assert hits[0].score > hits[1].score if len(hits) > 1 else True


def test_chinese_prefix_beats_substring(index: SearchIndex) -> None:
    got = keys(index.search("居住证"))
    assert set(got[:3]) == {"GA-001", "GA-002", "GA-003"}
    # popular and shortest first
    assert got[0] == "GA-001"


def test_initials_find_residence_permit_matters_first(index: SearchIndex) -> None:
    hits = index.search("jzz")
    assert set(keys(hits)[:3]) == {"GA-001", "GA-002", "GA-003"}
    assert hits[0].key == "GA-001"  # popular tie-breaker among equally long names
    assert hits[0].matched == "initials"


def test_full_width_initials_behave_like_half_width(index: SearchIndex) -> None:
    assert keys(index.search("ｊｚｚ")) == keys(index.search("jzz"))
    assert keys(index.search("ＪＺＺ")) == keys(index.search("jzz"))


@pytest.mark.parametrize("query", ["juzhuzheng", "ju zhu zheng", "JuZhuZheng", "juzhuz", "jzzheng"])
def test_full_mixed_and_spaced_pinyin(index: SearchIndex, query: str) -> None:
    assert set(keys(index.search(query))[:3]) == {"GA-001", "GA-002", "GA-003"}


def test_full_pinyin_of_whole_name_ranks_as_exact(index: SearchIndex) -> None:
    hits = index.search("juzhuzhengqianzhu")
    assert hits[0].key == "GA-002"
    assert hits[0].matched == "pinyin"
    assert hits[0].score >= 95


def test_pinyin_word_finds_pension_and_elderly_matters(index: SearchIndex) -> None:
    top = keys(index.search("yanglao"))[:5]
    assert "RS-101" in top
    assert "RS-102" in top
    assert "MZ-206" in top
    # pinyin of unrelated matters does not sneak in ahead
    assert "GA-001" not in top


def test_dibao_through_keywords(index: SearchIndex) -> None:
    assert index.search("dibao")[0].key == "MZ-201"
    assert index.search("低保")[0].key == "MZ-201"
    assert index.search("dbsq")[0].key == "MZ-201"
    # initials of the formal name also work
    assert index.search("zdshbz")[0].key == "MZ-201"


def test_polyphonic_initials_match_common_reading(index: SearchIndex) -> None:
    assert index.search("chongxin")[0].key == "MZ-212"  # 重 read chong in 重新
    assert index.search("cxsq")[0].key == "MZ-212"
    assert index.search("yinhangka")[0].key == "SW-701"  # 行 read hang in 银行
    assert index.search("xingzheng")[0].key == "SW-702"  # 行 read xing in 行政
    # initials index every plausible reading: 重 as zhong (重度) stays findable
    assert index.search("zdcjr")[0].key == "MZ-209"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("pension", {"RS-101", "RS-102", "TY-602"}),
        ("residence permit", {"GA-001", "GA-002", "GA-003"}),
        ("Residence Permit", {"GA-001", "GA-002", "GA-003"}),
        ("disability", {"MZ-207"}),
        ("disab", {"MZ-207"}),
    ],
)
def test_english_words_case_insensitive_prefix(
    index: SearchIndex, query: str, expected: set[str]
) -> None:
    hits = index.search(query)
    assert set(keys(hits)[: len(expected)]) == expected
    assert hits[0].matched == "english"


def test_english_exact_name_ranks_above_longer_names(index: SearchIndex) -> None:
    hits = index.search("birth registration")
    assert hits[0].key == "WJ-301"
    assert hits[0].score >= 100


def test_english_keyword_alias(index: SearchIndex) -> None:
    top = keys(index.search("elderly"))[:4]
    assert {"MZ-204", "MZ-205", "MZ-206"} <= set(top)


@pytest.mark.parametrize("query", ["RS-106", "rs106", "ＲＳ－１０６", "rs 106"])
def test_code_exact(index: SearchIndex, query: str) -> None:
    hits = index.search(query)
    assert hits[0].key == "RS-106"
    assert hits[0].matched == "code"


def test_code_prefix_with_digits(index: SearchIndex) -> None:
    got = keys(index.search("MZ-20"))
    assert set(got[:9]) == {f"MZ-20{n}" for n in range(1, 10)}
    # equal coverage, so popularity breaks the tie
    assert set(got[:4]) == {"MZ-201", "MZ-204", "MZ-205", "MZ-207"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("pensoin", "RS-101"),
        ("residnce permit", "GA-001"),
        ("disabilty", "MZ-207"),
        ("juzhuzehng", "GA-001"),
        ("shehuibaozhnagka", "RS-106"),
    ],
)
def test_typos_are_tolerated(index: SearchIndex, query: str, expected: str) -> None:
    hits = index.search(query)
    assert expected in keys(hits)[:3]
    assert any(h.matched == "fuzzy" for h in hits)


def test_homophone_typed_with_wrong_characters(index: SearchIndex) -> None:
    # 居住正 instead of 居住证: the IME picked a homophone
    assert index.search("居住正")[0].key in {"GA-001", "GA-002", "GA-003"}


def test_chinese_near_miss_is_fuzzy(index: SearchIndex) -> None:
    assert "GA-001" in keys(index.search("居住证申请"))[:3]


@pytest.mark.parametrize("query", ["xqzvkw", "qqqqqqqq", "zzzzxxxxyy", "黑洞穿越", "@@@###"])
def test_nonsense_finds_nothing(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []


def test_bundles_are_searchable(index: SearchIndex) -> None:
    hits = index.search("退休")
    assert hits[0].key == "B-02"
    assert hits[0].kind == "bundle"
    assert "B-01" in keys(index.search("xinshenger"))


@pytest.mark.parametrize("query", ["shengyu", "s", "l", "gs", "居", "bao", "MZ", "c"])
def test_scores_never_increase_down_the_list(index: SearchIndex, query: str) -> None:
    hits = index.search(query)
    assert hits
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_name_prefix_beats_substring(index: SearchIndex) -> None:
    hits = index.search("shengyu")
    assert hits[0].key == "WJ-301"  # prefix of 生育登记 beats the middle of 计划生育…
    assert hits[1].key == "WJ-303"


def test_letter_only_code_prefix_ranks_below_words(index: SearchIndex) -> None:
    hits = index.search("s")
    assert hits[0].matched == "english"
    assert all(h.matched != "code" for h in hits[:5])


def test_limit_is_respected(index: SearchIndex) -> None:
    assert len(index.search("s", limit=5)) == 5
    assert index.search("s", limit=0) == []


def test_very_long_query_is_truncated_not_rejected(index: SearchIndex) -> None:
    long = "juzhuzheng" + "x" * 10_000
    assert isinstance(index.search(long), list)
    assert keys(index.search("居住证" + "　" * 5000))[:1] == ["GA-001"]
    assert MAX_QUERY_CHARS == 64


def test_empty_index() -> None:
    assert SearchIndex.build([]).search("jzz") == []


@settings(max_examples=300, deadline=None)
@given(query=st.text(max_size=200), limit=st.integers(min_value=0, max_value=30))
def test_any_input_never_raises_and_respects_limit(
    index: SearchIndex, query: str, limit: int
) -> None:
    hits = index.search(query, limit=limit)
    assert len(hits) <= limit
    assert len({h.key for h in hits}) == len(hits)
    assert all(
        h.matched in {"name", "pinyin", "initials", "english", "code", "fuzzy"} for h in hits
    )


@settings(max_examples=200, deadline=None)
@given(query=st.text(alphabet="abcdefghijklmnopqrstuvwxyzｊｚ 居住证养老保险重行-", max_size=80))
def test_pinyin_like_input_never_raises(index: SearchIndex, query: str) -> None:
    assert len(index.search(query)) <= 20


def test_documents_from_the_shipped_sample_catalog() -> None:
    catalog = load_catalog(sample_catalog_path())
    docs = documents_from_catalog(catalog)
    assert [d.key for d in docs if d.kind == "matter"] == [m.code for m in catalog.matters]
    assert [d.key for d in docs if d.kind == "bundle"] == [b.code for b in catalog.bundles]
    popular = {m.code for m in catalog.matters if m.popular}
    for bundle in catalog.bundles:
        doc = next(d for d in docs if d.kind == "bundle" and d.key == bundle.code)
        assert doc.popularity == (1.0 if popular & set(bundle.matter_codes) else 0.0)
    index = SearchIndex.build(docs)
    permit = next(m.code for m in catalog.matters if m.name.zh.startswith("居住证"))
    assert index.search("jzz")[0].key == permit
    assert index.search("juzhuzheng")[0].key == permit
    assert index.search("residence permit")[0].key == permit
    dibao = next(m.code for m in catalog.matters if "低保" in m.keywords)
    assert index.search("dibao")[0].key == dibao
    assert index.search("低保")[0].key == dibao
    pension = {m.code for m in catalog.matters if "pension" in m.name.en.lower()}
    assert {h.key for h in index.search("pension")[:3]} <= pension
