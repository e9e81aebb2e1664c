import json
import random

import numpy as np
import pytest

from sadari_core.ids import make_brn
from sadari_core.resolution import (
    AUTO_LINK_THRESHOLD,
    REVIEW_THRESHOLD,
    CompanyRecord,
    CompanyScorer,
    cluster_pairs,
    company_blocking_keys,
    cross_script_similarity,
    homepage_domain,
    jaro_winkler,
    latin_forms,
    link_tables,
    phonetic_key,
    romanize,
    score_company_pair,
)
from sadari_core.resolution.link import _admitted, _best_k, _order, _unique
from sadari_core.resolution.romanize import phonetic_keys
from sadari_core.resolution.similarity import (
    cross_names,
    cross_script_similarity_pairs,
    edit_distance,
    jaro_winkler_pairs,
    weighted_cosine,
    weighted_cosine_pairs,
    within_one_edit,
    within_one_edit_pairs,
)

pytestmark = pytest.mark.core


@pytest.mark.parametrize(
    ("_case", "korean", "latin"),
    [
        ("plain", "카카오", "kakao"),
        ("liaison", "한국어", "hangugeo"),
        ("double l", "엘리시아", "ellisia"),
        ("finals", "삼성", "samseong"),
        ("aspirates", "충청", "chungcheong"),
        ("non-hangul kept", "AI드론", "AIdeuron"),
    ],
)
def test_romanize_follows_revised_romanization(_case, korean, latin):
    assert romanize(korean) == latin


@pytest.mark.parametrize(
    ("_case", "a", "b"),
    [
        ("samsung", "samseong", "samsung"),
        ("hyundai", "hyeondae", "hyundai"),
        ("lotte", "rotde", "lotte"),
        ("shinhan", "sinhan", "shinhan"),
    ],
)
def test_phonetic_key_folds_romanization_variants(_case, a, b):
    assert phonetic_key(a) == phonetic_key(b)


def test_latin_forms_translate_glossary_words_and_strip_legal_forms():
    assert latin_forms("(주)삼성전자") == ("samseong electronics",)
    assert latin_forms("Samsung Electronics Co., Ltd.") == ("samsung electronics",)


def test_latin_forms_spell_out_letter_names():
    assert latin_forms("엘지전자") == ("elji electronics", "lg electronics")


def test_latin_forms_read_aen_between_letters_as_ampersand():
    assert latin_forms("케이티앤지")[1] == latin_forms("KT&G")[0] == "kt g"
    assert latin_forms("씨앤에스 모빌리티")[1].startswith("c s ")
    assert cross_script_similarity("엘앤에프", "L&F") == 1.0
    assert latin_forms("앤드류") == ("aendeuryu",)  # 앤 not between letters: a syllable


def test_latin_forms_translate_common_business_words():
    assert latin_forms("한국전력공사") == ("korea power corporation",)
    assert latin_forms("대한광학") == ("korea optical",)


def test_latin_forms_unify_ordinals():
    assert latin_forms("엘리시아제삼차") == latin_forms("Elysia the 3rd Co.,Ltd") == (
        "ellisia 3",
    ) or (latin_forms("Elysia the 3rd Co.,Ltd") == ("elysia 3",))
    assert latin_forms("엘리시아제삼차")[0].endswith(" 3")


@pytest.mark.parametrize(
    ("_case", "a", "b"),
    [
        ("kakao", "(주)카카오", "Kakao Corp."),
        ("lg", "엘지전자", "LG Electronics"),
        ("samsung", "삼성전자 주식회사", "Samsung Electronics Co., Ltd."),
        ("fisheries", "경진수산", "GYEONG JIN FISHERIES CO., LTD."),
    ],
)
def test_cross_script_similarity_is_high_for_the_same_company(_case, a, b):
    assert cross_script_similarity(a, b) >= 0.92


def test_cross_script_similarity_is_low_for_different_companies():
    assert cross_script_similarity("카카오", "Naver Corp.") < 0.5


def test_jaro_winkler_known_value_and_edit_distance():
    assert jaro_winkler("martha", "marhta") == pytest.approx(0.9611, abs=1e-4)
    assert jaro_winkler("", "") == 0.0
    assert edit_distance("19560909", "19560990") == 1
    assert within_one_edit("19560909", "19560990")
    assert within_one_edit("2026", "226")
    assert not within_one_edit("2026", "2062x")


@pytest.mark.parametrize(
    ("_case", "url", "domain"),
    [
        ("www and path", "https://www.kakaocorp.com/page", "kakaocorp.com"),
        ("korean second level", "http://sadari.co.kr", "sadari.co.kr"),
        ("subdomain co.kr", "shop.sadari.co.kr/x", "sadari.co.kr"),
        ("shared host keeps owner", "blog.naver.com/sadari", "blog.naver.com/sadari"),
        ("empty", "", ""),
        ("no dot", "localhost", ""),
    ],
)
def test_homepage_domain(_case, url, domain):
    assert homepage_domain(url) == domain


def test_score_company_pair_korean_and_english_names_are_a_likely_match():
    match = score_company_pair(CompanyRecord("1", "(주)카카오"), CompanyRecord("2", "Kakao Corp."))

    assert REVIEW_THRESHOLD <= match.probability < AUTO_LINK_THRESHOLD
    assert match.explanation.summary() == "이름 일치"
    assert match.explanation.summary("en") == "name same"


def test_score_company_pair_same_business_number_is_near_certain():
    brn = make_brn("220816251")

    match = score_company_pair(
        CompanyRecord("1", "사다리", business_number=brn),
        CompanyRecord("2", "사다리테크", business_number=brn.replace("-", "")),
    )

    assert match.probability >= AUTO_LINK_THRESHOLD
    assert match.explanation.summary().startswith("사업자등록번호 일치 · 이름 유사(")


def test_score_company_pair_different_business_numbers_are_a_non_match():
    match = score_company_pair(
        CompanyRecord(
            "1", "(주)사다리", business_number=make_brn("220816251"), homepage="sadari.kr"
        ),
        CompanyRecord(
            "2", "사다리 주식회사", business_number=make_brn("123456789"), homepage="sadari.kr"
        ),
    )

    assert match.probability < 0.001


def test_score_company_pair_stale_homepage_alone_does_not_link():
    match = score_company_pair(
        CompanyRecord("1", "사다리", homepage="www.sadari.co.kr"),
        CompanyRecord("2", "하늘드론", homepage="http://sadari.co.kr/about"),
    )

    assert match.probability < REVIEW_THRESHOLD


def test_score_company_pair_name_and_domain_auto_link_and_explain():
    match = score_company_pair(
        CompanyRecord("1", "(주)사다리", region="경기 고양시", founders=("김하늘",)),
        CompanyRecord(
            "2", "Sadari Inc.", name_en="", aliases=("사다리",), homepage="sadari.kr", region="경기"
        ),
    )
    data = match.explanation.as_dict()

    assert match.probability >= REVIEW_THRESHOLD
    assert json.loads(json.dumps(data)) == data
    assert [item["field"] for item in data["items"]] == [
        "business_number",
        "name",
        "homepage",
        "founders",
        "region",
    ]


def test_score_company_pair_is_deterministic():
    a, b = CompanyRecord("1", "현대자동차"), CompanyRecord("2", "Hyundai Motor Company")

    assert score_company_pair(a, b) == score_company_pair(a, b)


def test_company_blocking_keys_are_shared_across_scripts():
    korean = company_blocking_keys(
        CompanyRecord("1", "(주)카카오", business_number=make_brn("220816251"))
    )
    english = company_blocking_keys(CompanyRecord("2", "Kakao Corp."))

    assert "latin:kakao" in korean & english
    assert f"brn:{make_brn('220816251').replace('-', '')}" in korean


def test_cluster_pairs_joins_components_above_threshold():
    pairs = [("a", "b", 0.99), ("b", "c", 0.7), ("d", "e", 0.4), ("f", "g", 0.95)]

    assert cluster_pairs(pairs, 0.6) == [{"a", "b", "c"}, {"f", "g"}]
    assert cluster_pairs(pairs, 0.98) == [{"a", "b"}]


# --- the generic linker ---------------------------------------------------------------------

_GIVEN = [
    "james",
    "mary",
    "robert",
    "linda",
    "michael",
    "susan",
    "david",
    "karen",
    "joseph",
    "nancy",
]
_SURNAMES = [
    "smith",
    "jones",
    "brown",
    "taylor",
    "wilson",
    "martin",
    "white",
    "harris",
    "clark",
    "lewis",
]
_STREETS = ["miller place", "oak street", "river road", "hill avenue", "park lane", "station road"]
_SUBURBS = ["toowong", "kelvin grove", "ashgrove", "paddington", "milton", "auchenflower"]


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 3:
        return text
    i = rng.randrange(1, len(text) - 1)
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def _people(n: int, seed: int) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    rng = random.Random(seed)
    left, right = [], []
    for k in range(n):
        person = {
            "given_name": rng.choice(_GIVEN),
            "surname": rng.choice(_SURNAMES) + rng.choice(["", "s", "son", "ley"]),
            "address": f"{rng.randrange(1, 200)} {rng.choice(_STREETS)}",
            "suburb": rng.choice(_SUBURBS),
            "date_of_birth": f"19{rng.randrange(40, 99)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}",
        }
        left.append({"id": f"L{k}", **person})
        noisy = dict(person)
        field = rng.choice(["given_name", "surname", "address", "date_of_birth"])
        noisy[field] = _typo(rng, noisy[field])
        if rng.random() < 0.2:
            noisy["suburb"] = ""
        right.append({"id": f"R{k}", **noisy})
    rng.shuffle(right)
    return left, right


def test_link_tables_links_noisy_person_records():
    left, right = _people(300, seed=4)

    result = link_tables(left, right, left_id="id", right_id="id")
    found = {(a, b) for a, b, _ in result.pairs}
    correct = sum(1 for a, b in found if a[1:] == b[1:])

    assert correct >= 290
    assert len(found) - correct <= 5
    assert result.one_to_one is True
    assert result.pairs_compared < 300 * 300 / 10
    assert [f.kind for f in result.fields] == ["name", "name", "name", "name", "code"]


def test_link_tables_links_korean_to_english_company_names():
    left = [
        {"id": "1", "회사명": "(주)카카오"},
        {"id": "2", "회사명": "삼성전자 주식회사"},
        {"id": "3", "회사명": "현대자동차"},
        {"id": "4", "회사명": "엘지전자"},
        {"id": "5", "회사명": "경진수산"},
        {"id": "6", "회사명": "하늘드론"},
    ]
    right = [
        {"id": "a", "name": "Kakao Corp."},
        {"id": "b", "name": "Samsung Electronics Co., Ltd."},
        {"id": "c", "name": "Hyundai Motor Company"},
        {"id": "d", "name": "LG Electronics"},
        {"id": "e", "name": "GYEONG JIN FISHERIES CO., LTD."},
        {"id": "f", "name": "Coupang Inc."},
    ]

    result = link_tables(
        left, right, left_id="id", right_id="id", on=[("회사명", "name")], explain=True
    )

    assert {(a, b) for a, b, _ in result.pairs} == {
        ("1", "a"),
        ("2", "b"),
        ("3", "c"),
        ("4", "d"),
        ("5", "e"),
    }
    assert result.fields[0].kind == "cross"
    assert result.explanations[("1", "a")].items[0].level == "exact"


def test_link_tables_links_product_like_records():
    left = [
        {"id": "1", "name": "Sony Bravia 40in LCD HDTV KDL-40V4100", "price": "$1,299.00"},
        {"id": "2", "name": "Canon PowerShot SD1100 IS Digital Camera", "price": "$249.99"},
        {"id": "3", "name": "Linksys EtherFast 8-Port Switch EZXS88W", "price": "$39.99"},
        {
            "id": "4",
            "name": "Bose Acoustimass 5 Series III Speaker System AM53BK",
            "price": "$399.00",
        },
        {"id": "5", "name": "Garmin nuvi 260 GPS Navigator", "price": "$299.00"},
    ]
    right = [
        {"id": "b5", "name": "Garmin Nuvi 260 Portable GPS", "price": "289.99"},
        {"id": "b1", "name": "SONY BRAVIA KDL40V4100 40 LCD TV", "price": "1,249.00"},
        {"id": "b3", "name": "Linksys EZXS88W 8 port 10/100 switch", "price": "35.00"},
        {"id": "b2", "name": "Canon Powershot SD1100IS 8MP camera", "price": "229.00"},
        {"id": "b9", "name": "Panasonic Lumix DMC-FZ18 camera", "price": "299.00"},
    ]

    result = link_tables(left, right, left_id="id", right_id="id")

    assert {(a, b) for a, b, _ in result.pairs} >= {
        ("1", "b1"),
        ("2", "b2"),
        ("3", "b3"),
        ("5", "b5"),
    }
    assert ("4", "b9") not in {(a, b) for a, b, _ in result.pairs}
    assert [f.kind for f in result.fields] == ["text", "numeric"]


def test_link_tables_allows_many_to_one_when_a_side_has_duplicates():
    left, right = _people(200, seed=9)
    duplicated = right + [{**row, "id": row["id"] + "-copy"} for row in right]

    result = link_tables(left, duplicated, left_id="id", right_id="id")
    found = {(a, b) for a, b, _ in result.pairs}

    assert result.one_to_one is False
    assert sum(1 for a, b in found if b.endswith("-copy")) >= 150


def test_link_tables_scores_are_probabilities_and_ids_come_from_the_rows():
    left, right = _people(50, seed=1)

    result = link_tables(left, right, left_id="id", right_id="id")

    assert all(0.5 <= p <= 1.0 for _, _, p in result.pairs)
    assert {a for a, _, _ in result.pairs} <= {row["id"] for row in left}


def test_link_tables_without_common_columns_raises():
    with pytest.raises(ValueError, match="no columns to compare"):
        link_tables([{"id": "1", "a": "x"}], [{"id": "1", "b": "x"}], left_id="id", right_id="id")


def test_link_tables_empty_side_gives_no_pairs():
    result = link_tables(
        [{"id": "1", "name": "x"}], [], left_id="id", right_id="id", on=[("name", "name")]
    )

    assert result.pairs == []
    assert result.pairs_compared == 0


_FAMILY = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"]
_SYLLABLES = [
    "민",
    "서",
    "준",
    "지",
    "현",
    "우",
    "연",
    "하",
    "도",
    "윤",
    "수",
    "예",
    "은",
    "진",
    "호",
]
_DISTRICTS = [
    "서울 강남구",
    "서울 마포구",
    "경기 고양시",
    "부산 해운대구",
    "인천 연수구",
    "대전 유성구",
]
_ROADS = ["테헤란로", "월드컵로", "중앙로", "해운대로", "컨벤시아대로", "대학로"]


def _korean_people(n: int, seed: int) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    rng = random.Random(seed)
    left, right = [], []
    for k in range(n):
        name = rng.choice(_FAMILY) + rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES)
        year, month, day = rng.randrange(1960, 2005), rng.randrange(1, 13), rng.randrange(1, 29)
        address = f"{rng.choice(_DISTRICTS)} {rng.choice(_ROADS)} {rng.randrange(1, 300)}"
        phone = f"010-{rng.randrange(1000, 10000)}-{rng.randrange(1000, 10000)}"
        left.append(
            {
                "id": f"L{k}",
                "이름": name,
                "생년월일": f"{year}{month:02d}{day:02d}",
                "주소": address,
                "전화": phone,
            }
        )
        noisy_name = name if rng.random() < 0.7 else name[:2] + rng.choice(_SYLLABLES)
        right.append(
            {
                "id": f"R{k}",
                "이름": noisy_name,
                "생년월일": f"{year}-{month}-{day}"
                if rng.random() < 0.5
                else f"{year}.{month}.{day}",
                "주소": address if rng.random() < 0.7 else address.rsplit(" ", 1)[0],
                "전화": "" if rng.random() < 0.3 else phone,
            }
        )
    rng.shuffle(right)
    return left, right


def test_link_tables_links_korean_person_records_across_date_formats():
    left, right = _korean_people(300, seed=3)

    result = link_tables(left, right, left_id="id", right_id="id")
    found = {(a, b) for a, b, _ in result.pairs}
    correct = sum(1 for a, b in found if a[1:] == b[1:])

    assert [f.kind for f in result.fields] == ["cross", "code", "cross", "code"]
    assert correct >= 290
    assert len(found) - correct <= 5


def test_different_business_words_keep_similar_names_apart():
    assert cross_script_similarity("삼성전자", "삼성전기") == 0.8
    assert (
        score_company_pair(
            CompanyRecord("1", "삼성전자"), CompanyRecord("2", "삼성전기")
        ).probability
        < 0.05
    )


# --- many pairs at once: the batch functions equal the scalar ones ---------------------------


def _noisy_strings(seed: int, n: int, alphabet: str, longest: int) -> list[str]:
    rng = random.Random(seed)
    base = [
        "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, longest))) for _ in range(n)
    ]
    out = list(base)
    for text in base:  # near variants: one edit, or a swap of neighbours
        chars = list(text)
        if len(chars) > 1:
            i = rng.randrange(len(chars) - 1)
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        if chars and rng.random() < 0.5:
            del chars[rng.randrange(len(chars))]
        out.append("".join(chars))
    return list(dict.fromkeys(out))


def _pairs(rng: random.Random, n: int, count: int) -> tuple[np.ndarray, np.ndarray]:
    left = [rng.randrange(n) for _ in range(count)] + list(range(n))
    right = [rng.randrange(n) for _ in range(count)] + list(range(n))
    return np.array(left, np.int64), np.array(right, np.int64)


@pytest.mark.parametrize(
    ("_case", "alphabet", "longest"),
    [
        ("short latin", "abcdefgh", 14),
        ("long strings (past 64 characters)", "abcd", 110),
        ("hangul syllables", "김이박민서준지현", 8),
    ],
)
def test_jaro_winkler_pairs_equal_the_scalar_function(_case, alphabet, longest):
    strings = [*_noisy_strings(1, 300, alphabet, longest), "", "martha", "marhta"]
    rng = random.Random(2)
    left, right = _pairs(rng, len(strings), 3000)
    # Each string against its near variant too (they sit next to each other).
    left = np.r_[left, np.arange(len(strings) - 1)]
    right = np.r_[right, np.arange(1, len(strings))]

    got = jaro_winkler_pairs(strings, left, right)

    expected = [jaro_winkler(strings[a], strings[b]) for a, b in zip(left, right, strict=True)]
    assert got.tolist() == expected


def test_within_one_edit_pairs_equal_the_scalar_function():
    strings = [*_noisy_strings(3, 400, "0123456789", 10), "2026", "226", "2062x", ""]
    left = np.arange(len(strings) - 1)
    right = np.arange(1, len(strings))
    rng = random.Random(4)
    more_left, more_right = _pairs(rng, len(strings), 2000)
    left, right = np.r_[left, more_left], np.r_[right, more_right]

    got = within_one_edit_pairs(strings, left, right)

    expected = [within_one_edit(strings[a], strings[b]) for a, b in zip(left, right, strict=True)]
    assert got.tolist() == expected
    assert any(expected)
    assert not all(expected)


def test_weighted_cosine_pairs_equal_the_scalar_function():
    rng = random.Random(5)
    words = ["sony", "bravia", "lcd", "hdtv", "40", "camera", "canon", "8mp", "switch"]
    bags = [[rng.choice(words) for _ in range(rng.randrange(0, 7))] for _ in range(200)]
    idf = {w: rng.uniform(0.1, 4.0) for w in words[:-1]}  # "switch" falls back to the default
    left, right = _pairs(rng, len(bags), 2000)

    got = weighted_cosine_pairs(bags, left, right, idf, 2.5)

    expected = [
        weighted_cosine(bags[a], bags[b], idf, 2.5) for a, b in zip(left, right, strict=True)
    ]
    assert got.tolist() == expected


def test_cross_script_similarity_pairs_equal_the_scalar_function():
    names = [
        "(주)카카오", "Kakao Corp.", "삼성전자", "삼성전기", "Samsung Electronics Co., Ltd.",
        "엘지전자", "LG Electronics", "에스케이하이닉스", "SK hynix", "김민준", "김민존", "홍 길동",
        "홍길동", "경진수산", "GYEONG JIN FISHERIES CO., LTD.", "엘리시아제삼차",
        "Elysia the 3rd", "", "현대자동차", "Hyundai Motor Company", "케이비텔레콤",
        "Global Telecom",
    ]  # fmt: skip
    left = np.repeat(np.arange(len(names)), len(names))
    right = np.tile(np.arange(len(names)), len(names))

    got = cross_script_similarity_pairs(names, left, right)
    again = cross_script_similarity_pairs(cross_names(names), left, right)

    expected = [
        cross_script_similarity(names[a], names[b]) for a, b in zip(left, right, strict=True)
    ]
    assert got.tolist() == expected
    assert again.tolist() == expected


def test_phonetic_keys_equal_phonetic_key_one_by_one():
    texts = ["samseong", "samsung", "hyundai", "", "shch ck x", "aabbcc", "Ｌｏｔｔｅ", "a|b"]
    texts += [
        f.replace(" ", "")
        for name in ("(주)카카오", "엘지전자", "Kakao")
        for f in latin_forms(name)
    ]

    assert phonetic_keys(texts) == [phonetic_key(t) for t in texts]
    assert phonetic_keys([]) == []


# --- the linker's array helpers --------------------------------------------------------------


def test_order_and_unique_sort_stably_like_numpy():
    rng = np.random.default_rng(6)
    for top in (5, 70_000, 1 << 40):  # one, two and three 16-bit digits
        keys = rng.integers(0, top, 5000)

        assert np.array_equal(_order(keys), np.argsort(keys, kind="stable"))
        unique, inverse = _unique(keys)
        assert np.array_equal(unique, np.unique(keys))
        assert np.array_equal(unique[inverse], keys)


def test_best_k_keeps_the_k_best_per_group_and_the_earlier_on_ties():
    group = np.array([0, 0, 0, 0, 1, 1, 3])
    score = np.array([0.5, 0.9, 0.5, 0.1, 0.2, 0.2, 0.0])

    assert _best_k(group, score, 2).tolist() == [True, True, False, False, True, True, True]
    assert _best_k(group, score, 1).tolist() == [False, True, False, False, True, False, True]


def test_blocking_budget_keeps_tokens_of_equal_cost_together():
    cost = np.array([5, 1, 3, 3, 3, 9, 1])

    # 1 + 1 + 3 fits a budget of 6, the next 3 does not: all three tokens of cost 3 go in.
    assert _admitted(cost, 6).tolist() == [False, True, True, True, True, False, True]
    assert _admitted(cost, 1).tolist() == [False, True, False, False, False, False, True]
    assert _admitted(cost, 100).all()
    # Numbering tokens differently changes nothing.
    perm = np.array([6, 2, 0, 5, 1, 4, 3])
    assert _admitted(cost[perm], 6).tolist() == _admitted(cost, 6)[perm].tolist()


def _company_records(seed: int, n: int) -> list[CompanyRecord]:
    rng = random.Random(seed)
    stems = [
        "드론랩",
        "카카오",
        "새싹로보틱스",
        "한빛바이오",
        "에스케이하이닉스",
        "삼성전자",
        "삼성전기",
    ]
    english = ["Drone Lab", "Kakao Corp.", "Saessak Robotics", "Hanbit Bio", "SK hynix", "", ""]
    out = []
    for i in range(n):
        k = rng.randrange(len(stems))
        name = rng.choice(["", "(주)", "주식회사 "]) + stems[k] + rng.choice(["", "", "랩", " 2"])
        out.append(
            CompanyRecord(
                id=str(i),
                name=name if rng.random() < 0.8 else "",
                name_en=english[k] if rng.random() < 0.6 else "",
                aliases=tuple(rng.sample(["드론", "Kakao", "하이닉스"], rng.randrange(0, 2))),
                business_number=rng.choice(["", make_brn("220816251"), make_brn("124810021")]),
                homepage=rng.choice(
                    ["", "dronelab.kr", "https://www.kakaocorp.com", "blog.naver.com/x"]
                ),
                founders=tuple(rng.sample(["김민준", "이서연", "Kim Minjun"], rng.randrange(0, 2))),
                region=rng.choice(["", "강남구", "강남", "마포구"]),
            )
        )
    return out


def test_company_scorer_equals_score_company_pair_with_and_without_prepare():
    records = _company_records(7, 120)
    rng = random.Random(8)
    pairs = [(rng.choice(records), rng.choice(records)) for _ in range(400)]
    prepared, plain = CompanyScorer(), CompanyScorer()
    prepared.prepare(pairs)  # enough name pairs for the numpy path

    for a, b in pairs:
        expected = score_company_pair(a, b)
        assert prepared.match(a, b) == expected
        assert prepared.probability(a, b) == expected.probability
        assert plain.probability(a, b) == expected.probability


def test_company_blocking_keys_are_a_fresh_set_each_call():
    record = CompanyRecord("1", "(주)카카오", homepage="kakaocorp.com")
    keys = company_blocking_keys(record)
    keys.add("mutated")

    assert "mutated" not in company_blocking_keys(record)
    assert company_blocking_keys(record) == company_blocking_keys(
        CompanyRecord("2", "(주)카카오", homepage="kakaocorp.com", region="강남구")
    )
