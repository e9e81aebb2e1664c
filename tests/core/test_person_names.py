"""Korean personal names and places across scripts, and code columns written differently on each
side."""

import random
from collections import Counter

import pytest

from sadari_core.resolution import link_tables
from sadari_core.resolution.link import _NUMBER, _detect_kind, _harmonized_codes
from sadari_core.resolution.person import looks_like_person_names, person_form, person_forms
from sadari_core.resolution.place import looks_like_places, place_form


@pytest.mark.parametrize(
    ("_case", "name", "form"),
    [
        ("hangul", "박서연", "park seoyeon"),
        ("given first, hyphen", "Seo-yeon Park", "park seoyeon"),
        ("surname, comma", "PAK, Seoyeon", "park seoyeon"),
        ("capitals mark the surname", "Gildong HONG", "hong gildong"),
        ("surname first, spaced given name", "Hong Kil Dong", "hong kildong"),
        ("variant spelling of 이", "Rhee Min Jun", "lee minjun"),
        ("hangul 이", "이민준", "lee minjun"),
        ("two-syllable surname", "남궁민수", "namgoong minsu"),
        ("its romanization", "Namgung Minsu", "namgoong minsu"),
        ("류 and Ryu", "류현우", "yoo hyeonu"),
        ("not a person", "삼성전자", None),
        ("a foreign name in Hangul", "제임스 리", None),
        ("중 is not 정", "김중호", "kim jungho"),
        ("not Korean", "John Smith", None),
        ("empty", " ", None),
    ],
)
def test_person_form(_case, name, form):
    assert person_form(name) == form


def test_person_forms_read_ambiguous_names_in_the_columns_usual_order():
    # "Jin Park": 진 and 박 are both surnames; the column writes the given name first.
    assert person_forms(["Jin Park", "Minjun Lee", "Seoyeon Park", ""]) == [
        "park jin", "lee minjun", "park seoyeon", None,
    ]  # fmt: skip
    assert person_forms(["Park Jin", "Lee Minjun"]) == ["park jin", "lee minjun"]


def test_looks_like_person_names_only_for_columns_of_names():
    # Both sides in Hangul compare letter by letter (jamo), unconverted.
    assert not looks_like_person_names(["김민준", "이서연"], ["김민준", "이서영"])
    assert looks_like_person_names(
        ["김민준", "이서연", "박지훈"], ["Minjun Kim", "Seoyeon Lee", ""]
    )
    assert not looks_like_person_names(
        ["삼성전자", "카카오", "네이버"], ["Samsung", "Kakao", "Naver"]
    )
    assert not looks_like_person_names(["John Smith"], ["Jane Doe"])  # no Hangul


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        ("서울특별시 강남구", "Gangnam-gu, Seoul"),
        ("경기도 고양시 일산동구", "Ilsandong-gu, Goyang-si, Gyeonggi-do"),
        ("부산광역시 해운대구 해운대로 123", "123 Haeundae-ro, Haeundae-gu, Busan"),
        ("서울 중구", "Jung-gu, Seoul Special City"),
        ("대구 수성구", "Suseong-gu, Daegu"),
        ("경상북도 안동시", "Andong-si, Gyeongsangbuk-do"),
        ("구리시", "Guri-si"),
    ],
)
def test_place_form_reads_korean_and_english_places_alike(korean, english):
    assert place_form(korean) == place_form(english)
    assert place_form("서울특별시 강남구") != place_form("Gangseo-gu, Seoul")


def test_looks_like_places_only_for_columns_of_places():
    assert looks_like_places(
        ["서울특별시 강남구", "부산 해운대구", ""], ["Gangnam-gu, Seoul", "Busan"]
    )
    assert not looks_like_places(["삼성전자", "카카오"], ["Samsung Electronics", "Kakao"])
    assert not looks_like_places(["Seoul"], ["Busan"])  # no Hangul


@pytest.mark.parametrize(
    ("_case", "left", "right", "expected"),
    [
        ("day first (dots)", ["1990-03-05", "1985.3.12"], ["05.03.1990", "12.03.1985"],
         (["19900305", "19850312"], ["19900305", "19850312"])),
        ("month first (slashes)", ["03/05/1990", "12/31/1985"], ["1990-03-05", "1985-12-31"],
         (["19900305", "19851231"], ["19900305", "19851231"])),
        ("a day over 12 decides", ["13.01.2001", "01.02.2001"], ["20010113", "20010201"],
         (["20010113", "20010201"], ["20010113", "20010201"])),
        ("years against dates", ["2015", "2016"], ["2015-03-01", "2016.1.2"],
         (["2015", "2016"], ["2015", "2016"])),
        ("international phone numbers", ["+82-10-1234-5678", "+82 10 1111 2222"],
         ["010-1234-5678", "010-1111-2222"],
         (["1012345678", "1011112222"], ["1012345678", "1011112222"])),
        ("phone numbers written every way", ["+821012345678", "+82 (0)10 1234 5678", "0082 10 2"],
         ["+82 10-1234-5678", "010-1234-5678", "010-1234-0000"],
         (["1012345678", "1012345678", "102"], ["1012345678", "1012345678", "1012340000"])),
        ("the same text reads the same on both sides", ["05/03/1990"], ["05/03/1990"],
         (["19900503"], ["19900503"])),
        ("a typo does not turn a file's layout", ["05/03/1990", "31/12/1990", "13/01/1991"],
         ["05/03/1990", "31/13/1990", "13/01/1991"],
         (["19900305", "19901231", "19910113"], ["19900305", "31/13/1990", "19910113"])),
        ("signed numbers are not phone numbers", ["+1.5", "+2.5"], ["1.5", "2.5"],
         (["+1.5", "+2.5"], ["1.5", "2.5"])),
        ("codes that are not dates stay", ["12345678", "01021234"], ["12345678", "01021234"],
         (["12345678", "01021234"], ["12345678", "01021234"])),
    ],
)  # fmt: skip
def test_code_columns_are_written_alike(_case, left, right, expected):
    assert _harmonized_codes(left, right) == expected


def test_phone_numbers_and_currency_words_are_detected():
    assert _detect_kind(["+82-10-1234-5678", "+82 2 123 4567"], ["010-1234-5678"]) == "code"
    assert _detect_kind(["(02) 123-4567"], ["02-123-4567"]) == "code"
    assert _NUMBER.match("USD 61.78").group(1) == "61.78"
    assert _NUMBER.match("₩1,200").group(1) == "1,200"


# Romanization as people write it, independent of the module's tables.
_SURNAMES = {"김": ["Kim"], "이": ["Lee", "Yi", "Rhee"], "박": ["Park", "Pak"],
             "최": ["Choi", "Choe"], "정": ["Jung", "Chung", "Jeong"], "강": ["Kang"],
             "조": ["Cho", "Jo"], "윤": ["Yoon", "Yun"]}  # fmt: skip
_GIVEN = {"민": "min", "서": "seo", "준": "jun", "지": "ji", "연": "yeon", "하": "ha", "도": "do",
          "수": "su", "예": "ye", "은": "eun", "진": "jin", "호": "ho", "윤": "yun", "현": "hyeon"}  # fmt: skip


def _people(n: int, seed: int) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    rng = random.Random(seed)
    left, right = [], []
    for k in range(n):
        surname = rng.choice(list(_SURNAMES))
        given = rng.choice(list(_GIVEN)) + rng.choice(list(_GIVEN))
        year, month, day = rng.randrange(1960, 2005), rng.randrange(1, 13), rng.randrange(1, 29)
        left.append({"id": f"L{k}", "이름": surname + given,
                     "생년월일": f"{year}-{month:02d}-{day:02d}"})  # fmt: skip
        latin_given = ("-" if rng.random() < 0.5 else "").join(_GIVEN[s] for s in given)
        latin_surname = rng.choice(_SURNAMES[surname])
        name = (
            f"{latin_given.capitalize()} {latin_surname}"
            if rng.random() < 0.5
            else f"{latin_surname.upper()} {latin_given.capitalize()}"
        )
        # A third of the English records lack the birth date: the name alone must find them.
        birth = f"{day:02d}.{month:02d}.{year}" if rng.random() < 0.67 else ""
        right.append({"id": f"R{k}", "Name": name, "DOB": birth})
    rng.shuffle(right)
    return left, right


def test_link_tables_links_hangul_names_to_english_ones_in_any_order_and_date_format():
    left, right = _people(400, seed=5)

    result = link_tables(
        left, right, left_id="id", right_id="id", on=[("이름", "Name"), ("생년월일", "DOB")]
    )
    correct = sum(1 for a, b, _ in result.pairs if a[1:] == b[1:])

    assert [f.kind for f in result.fields] == ["cross", "code"]
    assert correct >= 390
    assert len(result.pairs) - correct <= 8


def test_em_stays_near_what_the_mutual_best_pairs_show():
    # Two columns: a name that tells matches apart, and an address that agrees for housemates
    # too. The mutual-best pairs say 20% of matches have another address (people who moved);
    # the fit may move from there but not to "a match never moves" (m of "different" near 0).
    from sadari_core.resolution.link import _em

    patterns = Counter({(0, 0): 800, (0, 1): 40, (1, 0): 600, (1, 1): 3000})
    start_m = [[0.95, 0.05], [0.8, 0.2]]
    start_u = [[0.2, 0.8], [0.2, 0.8]]

    m, _u, _lam = _em(patterns, start_m, start_u, prior=0.2)

    assert m[1][1] >= 0.05  # without the hold: 0.03


def test_a_pair_is_kept_only_when_it_is_the_best_of_one_of_its_records():
    import numpy as np

    from sadari_core.resolution.link import _best_of_either

    # Left 0's best is right 0 (0.9); left 1's is right 0 too (0.8); right 1's best is left 2.
    ci = np.array([0, 1, 1, 2])
    cj = np.array([0, 0, 1, 1])
    p = np.array([0.9, 0.8, 0.6, 0.7])

    kept = _best_of_either(ci, cj, p, np.arange(4), 3, 2)

    # (1, 1) is what is left to both once right 0 is taken by left 0 and left 2 holds right 1.
    assert kept.tolist() == [True, True, False, True]
