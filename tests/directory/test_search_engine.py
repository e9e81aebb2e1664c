"""The database search backends (SQLite FTS5 / PostgreSQL tsvector) against the pure reference."""

import pytest

from sadari.directory import search
from sadari.directory.enums import OrgKind
from sadari.directory.services import organization_create, organization_update, person_create
from sadari_core.search import parse_query, substring_match

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs(db):
    data = [
        ("startup", "(주)하늘드론", "Haneul Drone Co., Ltd.", "drone", "드론 배송 AI 스타트업"),
        ("corporate", "카카오", "Kakao Corp.", "software", "메신저와 핀테크, 채용 플랫폼"),
        ("startup", "머니핀테크랩", "", "fintech", "소상공인 대출 비교"),
        ("investor", "카카오벤처스", "Kakao Ventures", "", "초기 스타트업 투자"),
        ("startup", "스마트채용플랫폼", "SmartHire", "hrtech", "AI 면접 분석"),
        ("hub", "서울드론허브", "Seoul Drone Hub", "drone", "용산 드론 산업 거점"),
    ]
    return [
        organization_create(kind=k, name_ko=ko, name_en=en, industry=ind, description_ko=d)
        for k, ko, en, ind, d in data
    ]


def _names(result):
    return [h.title for h in result.hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("드론", {"(주)하늘드론", "서울드론허브"}),
        ("채용", {"카카오", "스마트채용플랫폼"}),
        ("핀테크", {"카카오", "머니핀테크랩"}),
        ("카카오", {"카카오", "카카오벤처스"}),
        ("kakao", {"카카오", "카카오벤처스"}),
        ("AI 스타트업", {"(주)하늘드론", "스마트채용플랫폼"}),
        ("drone", {"(주)하늘드론", "서울드론허브"}),
    ],
)
def test_search_finds_exactly_the_expected_organizations(orgs, query, expected):
    result = search.search(query)

    assert set(_names(result)) == expected
    assert result.total == len(expected)


def test_search_matches_the_reference_semantics_on_every_field(orgs):
    texts = {
        o.name_ko: [o.name_ko, o.name_en, o.description_ko, o.get_kind_display()] for o in orgs
    }
    for query in ["드론", "핀테", "채용", "스타트업", "kakao", "ai"]:
        q = parse_query(query)
        expected = {name for name, t in texts.items() if substring_match(q, t)}

        found = set(_names(search.search(query, limit=100)))

        assert expected <= found, query


def test_search_ranks_name_matches_before_description_matches(orgs):
    organization_create(
        kind="startup", name_ko="드림콘텐츠", description_ko="카카오 카카오 카카오 협력 콘텐츠"
    )

    names = _names(search.search("카카오"))

    assert set(names[:2]) == {"카카오", "카카오벤처스"}
    assert names[2:] == ["드림콘텐츠"]


def test_compound_typed_without_space_is_split_into_morphemes(orgs):
    result = search.search("드론배송")

    assert result.relaxed is True
    assert _names(result) == ["(주)하늘드론"]


def test_search_with_no_full_match_relaxes_to_any_word(orgs):
    result = search.search("드론 양자컴퓨터")

    assert result.relaxed is True
    assert "(주)하늘드론" in _names(result)


@pytest.mark.parametrize(
    "query", ["", "   ", '"', "*", "AND OR NOT", "(((", "zzsep", "'; DROP TABLE x; --"]
)
def test_search_never_fails_on_odd_input(orgs, query):
    result = search.search(query)

    assert result.total >= 0


def test_search_kinds_filter_and_counts(orgs):
    result = search.search("카카오", kinds=[OrgKind.INVESTOR])

    assert _names(result) == []  # kinds filters SearchDocument.kind (organization/person/program)
    result = search.search("카카오", kinds=["organization"])
    assert result.counts == {"organization": 2}


def test_update_reindexes(orgs):
    org = orgs[2]
    organization_update(organization=org, by=None, description_ko="바이오 진단키트")

    assert "머니핀테크랩" in _names(search.search("바이오"))
    assert "머니핀테크랩" not in _names(search.search("대출"))


def test_suggest_prefix_on_names_only(orgs):
    result = search.search("kak", prefix_last=True, names_only=True)

    assert set(_names(result)) == {"카카오", "카카오벤처스"}


def test_private_people_are_not_found(orgs):
    person_create(name_ko="김비공개", organization=orgs[0], is_public=False)
    person_create(name_ko="김공개", organization=orgs[0], is_public=True)

    assert _names(search.search("김공개")) == ["김공개"]
    assert "김비공개" not in _names(search.search("김비공개"))
    assert "김비공개" not in _names(search.search("비공개"))
    assert "김비공개" in _names(search.search("비공개", include_private=True))


def test_rebuild_index_is_idempotent(orgs):
    first = search.rebuild_index()
    second = search.rebuild_index()

    assert first == second == 6
    assert set(_names(search.search("드론"))) == {"(주)하늘드론", "서울드론허브"}


@pytest.fixture
def many(db):
    orgs = [
        organization_create(kind="startup", name_ko=f"가나{i:02d}", description_ko="드론 배송")
        for i in range(12)
    ]
    orgs += [
        organization_create(kind="startup", name_ko=f"드론{i:02d}랩", description_ko="물류")
        for i in range(3)
    ]
    return orgs


def test_paging_crosses_from_name_matches_to_body_matches_without_gaps(many):
    pages = [search.search("드론", limit=4, offset=o) for o in range(0, 16, 4)]

    names = [h.title for p in pages for h in p.hits]
    assert set(names[:3]) == {"드론00랩", "드론01랩", "드론02랩"}
    assert len(names) == len(set(names)) == 15
    assert pages[0].total == 15


def test_counts_stop_at_the_cap_and_say_so(many, monkeypatch):
    monkeypatch.setattr(search, "COUNT_CAP", 10)

    result = search.search("드론")

    assert result.capped is True
    assert result.total == 10
    assert len(result.hits) == 15  # ranking is not bounded by the count cap


def test_ranking_window_bounds_work_but_keeps_name_matches_first(many, monkeypatch):
    monkeypatch.setattr(search, "RANK_WINDOW", 5)

    result = search.search("드론", limit=5)

    assert {h.title for h in result.hits[:3]} == {"드론00랩", "드론01랩", "드론02랩"}
    assert len(result.hits) == 5


def test_search_ids_returns_every_match_unbounded(many, monkeypatch):
    monkeypatch.setattr(search, "COUNT_CAP", 3)
    monkeypatch.setattr(search, "RANK_WINDOW", 3)

    ids = search.search_ids("드론", kinds=["organization"])

    assert ids == {o.pk for o in many}
