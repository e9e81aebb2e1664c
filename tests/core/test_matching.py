import numpy as np
import pytest

from sadari_core.matching import (
    MatchDoc,
    Matcher,
    MatchExplanation,
    available_encoders,
    load_encoder,
)
from sadari_core.matching.features import budget_fit, field_overlap, trl_fit
from sadari_core.matching.terms import analyze, letter_trigrams, loose_latin, query_lookups, stem
from sadari_core.resolution.romanize import romanize
from sadari_core.text.korean import bigram_analyzer

pytestmark = pytest.mark.core

OFFERS = [
    MatchDoc(
        "o1",
        "Battery health diagnosis for EV fleets",
        "Estimates the state of health of lithium-ion batteries from charging data.",
        ("ENERGY",),
        trl=7,
        budget_min_krw=80_000_000,
    ),
    MatchDoc(
        "o2",
        "스마트팜 작물 생육 모니터링",
        "온실 센서와 영상으로 작물 상태를 분석",
        ("AGRI",),
        trl=6,
    ),
    MatchDoc(
        "o3", "Drone delivery platform", "Autonomous drones for last-mile logistics.", ("MOBILITY",)
    ),
    MatchDoc(
        "o4", "AI 기반 제조 불량 검사", "딥러닝 비전으로 생산 라인의 결함을 검출", ("AI", "MFG")
    ),
    MatchDoc(
        "o5", "Crop growth monitoring", "Greenhouse sensors and cameras analyse crops.", ("AGRI",)
    ),
    MatchDoc("o6", "카카오 챗봇 상담", "고객 상담 자동화", ()),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(OFFERS)


@pytest.mark.parametrize(
    ("_case", "query", "expected_first"),
    [
        (
            "korean need, english offer",
            MatchDoc("n1", "배터리 수명 진단", "전기차 배터리 상태"),
            "o1",
        ),
        ("english need, korean offer", MatchDoc("n2", "visual defect inspection with AI"), "o4"),
        ("loanword by sound", MatchDoc("n3", "드론 배송"), "o3"),
        ("brand by romanization", MatchDoc("n4", "kakao chatbot"), "o6"),
        ("korean need, korean offer", MatchDoc("n5", "스마트팜 생육"), "o2"),
    ],
)
def test_matcher_finds_the_offer_across_languages(matcher, _case, query, expected_first):
    results = matcher.top_k(query, k=3)

    assert results[0].item_id == expected_first
    assert [r.rank for r in results] == [1, 2, 3]


def test_matcher_returns_k_results_even_without_evidence(matcher):
    results = matcher.top_k(MatchDoc("q", "전혀 무관한 질의 xyzzy"), k=4)

    assert len(results) == 4
    assert len({r.item_id for r in results}) == 4


def test_matcher_returns_fewer_only_when_there_are_fewer_items(matcher):
    assert len(matcher.top_k(MatchDoc("q", "배터리"), k=50)) == len(OFFERS)


def test_matcher_excludes_ids(matcher):
    results = matcher.top_k(MatchDoc("q", "배터리 진단"), k=3, exclude_ids={"o1"})

    assert "o1" not in [r.item_id for r in results]


def test_matcher_explains_shared_terms_fields_and_trl(matcher):
    query = MatchDoc(
        "n1", "배터리 수명 진단", fields=("energy",), trl=6, budget_max_krw=100_000_000
    )

    top = matcher.top_k(query, k=1)[0]
    explanation = top.explanation

    assert top.item_id == "o1"
    assert "배터리 ↔ battery" in explanation.shared_terms
    assert explanation.field_overlap == ("ENERGY",)
    assert explanation.trl_fit == 1.0
    assert explanation.budget_fit == 1.0
    assert explanation.semantic is None
    assert top.score == pytest.approx(sum(explanation.components.values()))
    assert explanation.summary().startswith("공통 용어: 배터리 ↔ battery")
    assert "분야 일치: ENERGY" in explanation.summary()
    assert "TRL 적합" in explanation.summary()
    assert explanation.summary("en").startswith("Shared terms: ")


def test_matcher_field_overlap_breaks_ties():
    items = [
        MatchDoc("a", "sensor module", fields=("BIO",)),
        MatchDoc("b", "sensor module", fields=("ENERGY",)),
    ]

    results = Matcher(items, analyzer=bigram_analyzer()).top_k(
        MatchDoc("q", "센서 모듈", fields=("ENERGY",)), k=2
    )

    assert [r.item_id for r in results] == ["b", "a"]


def test_matcher_offer_side_reads_trl_the_other_way():
    needs = [
        MatchDoc("n-low", "battery diagnosis", trl=5),
        MatchDoc("n-high", "battery diagnosis", trl=9),
    ]
    offer = MatchDoc("o", "배터리 진단", trl=6)

    results = Matcher(needs, analyzer=bigram_analyzer(), query_side="offer").top_k(offer, k=2)

    assert [r.item_id for r in results] == ["n-low", "n-high"]
    assert results[0].explanation.trl_fit == 1.0
    assert results[1].explanation.trl_fit == pytest.approx(1 - 3 / 3)


def test_score_pair_matches_top_k_for_an_indexed_item(matcher):
    query = MatchDoc("n1", "배터리 수명 진단")

    top = matcher.top_k(query, k=1)[0]
    pair = matcher.score_pair(query, OFFERS[0])

    assert pair.item_id == top.item_id == "o1"
    assert pair.score == pytest.approx(top.score)
    assert pair.rank == 1
    assert pair.explanation.shared_terms == top.explanation.shared_terms


def test_score_pair_explains_an_item_outside_the_index(matcher):
    outside = MatchDoc("x", "EV battery diagnosis service")

    pair = matcher.score_pair(MatchDoc("n1", "배터리 진단"), outside)

    assert pair.item_id == "x"
    assert pair.score > 0
    assert "배터리 ↔ battery" in pair.explanation.shared_terms


class _FakeEncoder:
    """Vectors from a fixed table: lets the test know the cosine of every pair."""

    name = "fake"
    dim = 2

    def __init__(self, table: dict[str, tuple[float, float]]) -> None:
        self.table = table
        self.calls = 0

    def encode(self, texts):
        self.calls += 1
        rows = np.array([self.table.get(t, (0.0, 1.0)) for t in texts], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_matcher_with_encoder_ranks_a_paraphrase_without_shared_words():
    items = [MatchDoc("a", "alpha"), MatchDoc("b", "beta"), MatchDoc("c", "gamma")]
    encoder = _FakeEncoder(
        {"alpha": (1.0, 0.0), "beta": (0.0, 1.0), "gamma": (0.6, 0.8), "질의": (1.0, 0.1)}
    )

    results = Matcher(items, encoder=encoder, analyzer=bigram_analyzer()).top_k(
        MatchDoc("q", "질의"), k=3
    )

    assert [r.item_id for r in results] == ["a", "c", "b"]
    assert results[0].explanation.semantic == pytest.approx(0.995, abs=1e-3)
    assert "의미 유사도 1.00" in results[0].explanation.summary()


def test_matcher_uses_stored_vectors_without_encoding():
    items = [MatchDoc("a", "alpha"), MatchDoc("b", "beta")]
    encoder = _FakeEncoder({})
    vectors = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)

    matcher = Matcher(items, encoder=encoder, item_vectors=vectors, analyzer=bigram_analyzer())
    results = matcher.top_k(
        MatchDoc("q", "x"), k=2, query_vector=np.array([0.0, 1.0], dtype=np.float32)
    )

    assert encoder.calls == 0
    assert [r.item_id for r in results] == ["b", "a"]


def test_matcher_rejects_misaligned_vectors():
    with pytest.raises(ValueError, match="2 rows for 1 items"):
        Matcher([MatchDoc("a", "alpha")], item_vectors=np.zeros((2, 3), dtype=np.float32))


@pytest.mark.parametrize(
    ("_case", "wanted", "has", "fit"),
    [
        ("meets", 6, 7, 1.0),
        ("one short", 7, 6, 2 / 3),
        ("three short", 7, 4, 0.0),
        ("unknown", None, 5, None),
    ],
)
def test_trl_fit(_case, wanted, has, fit):
    assert trl_fit(wanted, has) == (pytest.approx(fit) if fit is not None else None)


@pytest.mark.parametrize(
    ("_case", "need", "offer", "fit"),
    [
        ("within", (50_000_000, 100_000_000), (80_000_000, None), 1.0),
        ("cheaper", (50_000_000, 100_000_000), (10_000_000, 20_000_000), 1.0),
        ("too expensive", (50_000_000, 100_000_000), (150_000_000, None), 2 / 3),
        ("need unknown", (None, None), (1, 2), None),
    ],
)
def test_budget_fit(_case, need, offer, fit):
    assert budget_fit(*need, *offer) == (pytest.approx(fit) if fit is not None else None)


def test_field_overlap_matches_hierarchical_codes():
    assert field_overlap(("energy", "C28"), ("ENERGY", "C281")) == (("ENERGY", "C28"), 1.0)
    assert field_overlap(("AI",), ("BIO",)) == ((), 0.0)
    assert field_overlap((), ("BIO",)) == ((), 0.0)


def test_analyze_bridges_korean_and_english_terms():
    korean = analyze("이차전지 진단", "", bigram_analyzer()).counts
    english = analyze("Secondary battery diagnosis", "", bigram_analyzer()).counts

    shared_concepts = {t for t in korean if t.startswith("c:")} & {
        t for t in english if t.startswith("c:")
    }
    assert shared_concepts == {"c:secondary battery", "c:diagnosis"}
    assert "pe:ptl" in query_lookups(analyze("배터리", "", bigram_analyzer()).counts)
    assert "pe:ptl" in english


def test_analyze_counts_title_twice_and_joins_model_codes():
    counts = analyze("Sony KDL-40V5100", "sony tv", bigram_analyzer()).counts

    assert counts["w:sony"] == 3
    assert counts["w:kdl40v5100"] == 2


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [("batteries", "battery"), ("sensors", "sensor"), ("glass", "glass"), ("bus", "bus")],
)
def test_stem_folds_plurals(word, stemmed):
    assert stem(word) == stemmed


def test_explanation_summary_without_evidence():
    explanation = MatchExplanation((), (), None, None, None, {})

    assert explanation.summary() == "공통 근거 없음"
    assert explanation.summary("en") == "No shared evidence"
    assert explanation.as_dict()["components"] == {}


def test_load_encoder_names():
    assert load_encoder(None) is None
    assert load_encoder("none") is None
    assert load_encoder("lexical") is None
    with pytest.raises(ValueError, match="unknown encoder 'bert'"):
        load_encoder("bert")
    assert set(available_encoders()) <= {"usem3", "e5"}


def test_matcher_finds_an_english_company_name_for_a_one_word_korean_name():
    names = [
        MatchDoc("1", "SEOUL EXPRESS"),
        MatchDoc("2", "Daesung Wood Industrial"),
        MatchDoc("3", "Kolmarpharma Co., Ltd."),
        MatchDoc("4", "Hanil Cement"),
    ]
    matcher = Matcher(names, analyzer=bigram_analyzer())

    firsts = [
        matcher.top_k(MatchDoc(q, q), k=1)[0].item_id
        for q in ("서울고속", "대성목재공업", "콜마파마")
    ]

    assert firsts == ["1", "2", "3"]
    assert all(
        "#" not in term
        for term in matcher.top_k(MatchDoc("q", "서울고속"), k=1)[0].explanation.shared_terms
    )


def test_loose_latin_folds_romanization_variants():
    assert loose_latin("Kolmarpharma") == "kolmalpalma"
    assert set(letter_trigrams(loose_latin(romanize("콜마파마")))) & set(
        letter_trigrams(loose_latin("Kolmarpharma"))
    ) == {"#ko", "kol", "olm", "lma", "ma#"}
