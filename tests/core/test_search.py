import random

import pytest

from sadari_core.search import InMemoryIndex, parse_query, substring_match
from sadari_core.text.korean import bigram_analyzer

pytestmark = pytest.mark.core


def test_parse_query_splits_scripts_and_dedupes():
    q = parse_query("AI 스타트업 AI")
    assert [(t.script, t.text) for t in q.terms] == [("latin", "ai"), ("hangul", "스타트업")]


def test_parse_query_empty_and_punctuation_only():
    assert parse_query("").is_empty
    assert parse_query('"* AND ( ) :').is_empty is False  # "and" is a Latin word
    assert parse_query('"* ( ) :').is_empty


def test_fts5_compiles_phrase_prefix_and_boost():
    q = parse_query("스타트업 채용 드 kak", prefix_last=True)
    assert q.fts5() == '("스타 타트 트업" OR "스타트업") AND "채용" AND "드"* AND "kak"*'


def test_tsquery_compiles_phrase_and_splits_on_quotes():
    assert parse_query("핀테크 o'neil").tsquery() == (
        "(('핀테' <-> '테크') | '핀테크') & ('o') & ('neil')"
    )


def test_fts5_column_filter():
    assert parse_query("드론").fts5(column="name aliases") == '{name aliases} : ("드론")'


@pytest.mark.parametrize(
    ("_case", "query", "text", "expected"),
    [
        ("2-letter inside compound", "채용", "스마트채용플랫폼", True),
        ("3-letter inside compound", "핀테크", "머니핀테크랩", True),
        ("not across a space", "드론배송", "드론 배송", False),
        ("latin word equality", "ai", "AI 스타트업", True),
        ("latin no substring", "ai", "kakaobank", False),
        ("one hangul letter", "론", "드론", True),
        ("and semantics", "드론 핀테크", "드론 회사", False),
    ],
)
def test_substring_match_semantics(_case, query, text, expected):
    assert substring_match(parse_query(query), [text]) is expected


def _corpus():
    rng = random.Random(7)
    parts = [
        "드론",
        "핀테크",
        "채용",
        "바이오",
        "하늘",
        "스마트",
        "로봇",
        "콘텐츠",
        "데이터",
        "AI",
        "Kakao",
    ]
    docs = {}
    for i in range(300):
        name = "".join(rng.sample(parts, 2))
        body = " ".join(rng.sample(parts, 3))
        docs[str(i)] = (name, body)
    return docs


@pytest.mark.parametrize(
    "query", ["드론", "핀테", "테크", "채용 로봇", "ai", "스마트데", "kakao 바이오"]
)
def test_in_memory_index_matches_brute_force_exactly(query):
    docs = _corpus()
    index = InMemoryIndex(bigram_analyzer())
    for key, (name, body) in docs.items():
        index.add(key, name=name, body=body)
    q = parse_query(query)

    found = {h.key for h in index.search(q)}
    expected = {k for k, (name, body) in docs.items() if substring_match(q, [name, body])}

    assert found == expected


def test_in_memory_index_ranks_name_matches_first():
    index = InMemoryIndex(bigram_analyzer())
    index.add("body-heavy", name="하늘로봇", body="드론 드론 드론 드론 드론")
    index.add("name", name="하늘드론", body="배송")

    hits = index.search(parse_query("드론"))

    assert [h.key for h in hits] == ["name", "body-heavy"]
    assert hits[0].name_match is True


def test_in_memory_index_remove_and_readd():
    index = InMemoryIndex(bigram_analyzer())
    index.add("1", name="드론")
    index.add("1", name="핀테크")
    index.remove("2")

    assert [h.key for h in index.search(parse_query("핀테크"))] == ["1"]
    assert index.search(parse_query("드론")) == []


def test_bm25f_prefers_name_matches_and_rare_terms():
    from sadari_core.search import CorpusStats, bm25f, scoring_tokens

    stats = CorpusStats(
        n_docs=1000, avg_lengths={"name": 4, "aliases": 4, "body": 40}, df={"드론": 10, "배송": 500}
    )
    name_doc = {"name": ["드론"], "aliases": [], "body": ["배송"]}
    body_doc = {"name": ["하늘"], "aliases": [], "body": ["드론", "배송"]}
    drone = scoring_tokens(parse_query("드론"))

    assert bm25f(drone, name_doc, stats) > bm25f(drone, body_doc, stats) > 0
    assert bm25f(drone, body_doc, stats) > bm25f(
        scoring_tokens(parse_query("배송")), body_doc, stats
    )
    assert bm25f(drone, {"name": ["하늘"]}, stats) == 0.0


def test_scoring_tokens_add_the_whole_word_for_long_hangul_words():
    from sadari_core.search import scoring_tokens

    tokens = scoring_tokens(parse_query("스타트업 kak", prefix_last=True))

    assert [(t.text, t.prefix) for t in tokens] == [
        ("스타", False),
        ("타트", False),
        ("트업", False),
        ("스타트업", False),
        ("kak", True),
    ]
