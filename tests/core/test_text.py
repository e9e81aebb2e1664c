import pytest

from sadari_core.ids import InvalidBusinessNumberError, is_valid_brn, make_brn, normalize_brn
from sadari_core.money import format_krw, format_krw_en
from sadari_core.text.company import normalize_company_name, strip_legal_form
from sadari_core.text.korean import SEPARATOR, bigram_analyzer, hangul_bigrams
from sadari_core.text.normalize import normalize_text, script_runs

pytestmark = pytest.mark.core


def test_normalize_text_folds_width_case_and_spaces():
    assert normalize_text("ＡＩ　 드론\n배송") == "ai 드론 배송"


def test_script_runs_split_hangul_and_latin():
    assert script_runs("AI드론 3D-프린팅") == [
        ("latin", "ai"),
        ("hangul", "드론"),
        ("latin", "3d"),
        ("hangul", "프린팅"),
    ]


@pytest.mark.parametrize(
    ("_case", "name", "stripped", "key"),
    [
        ("bracket prefix", "(주)사다리 테크", "사다리 테크", "사다리테크"),
        ("circled", "㈜하늘드론", "하늘드론", "하늘드론"),
        ("word suffix", "하늘드론 주식회사", "하늘드론", "하늘드론"),
        ("word prefix", "주식회사 카카오", "카카오", "카카오"),
        ("english co ltd", "Sadari Tech Co., Ltd.", "Sadari Tech", "sadaritech"),
        ("english inc", "Kakao Corp.", "Kakao", "kakao"),
        ("full width bracket", "（주）핀다", "핀다", "핀다"),
        ("foundation", "재단법인 서울창업재단", "서울창업재단", "서울창업재단"),
    ],
)
def test_company_names(_case, name, stripped, key):
    assert strip_legal_form(name) == stripped
    assert normalize_company_name(name) == key


def test_brn_checksum_accepts_valid_and_rejects_wrong_digit():
    assert is_valid_brn("220-81-62517")
    assert is_valid_brn("2208162517")
    assert not is_valid_brn("220-81-62518")
    assert not is_valid_brn("220-81-6251")
    assert not is_valid_brn("abc")


def test_normalize_brn_formats_and_raises():
    assert normalize_brn("2208162517") == "220-81-62517"
    with pytest.raises(InvalidBusinessNumberError):
        normalize_brn("220-81-62518")


def test_make_brn_is_valid_for_many_prefixes():
    numbers = [make_brn(f"{i:09d}") for i in range(0, 10_000, 137)]
    assert all(is_valid_brn(n) for n in numbers)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (None, "-"),
        (0, "0원"),
        (9_500, "9,500원"),
        (10_000, "1만원"),
        (125_000_000, "1억 2,500만원"),
        (1_250_000_000, "12억 5,000만원"),
        (3_000_000_000_000, "3조원"),
        (-50_000_000, "-5,000만원"),
    ],
)
def test_format_krw(amount, expected):
    assert format_krw(amount) == expected


def test_format_krw_en():
    assert format_krw_en(1_250_000_000) == "KRW 1,250,000,000"


def test_hangul_bigrams():
    assert hangul_bigrams("스타트업") == ["스타", "타트", "트업"]
    assert hangul_bigrams("드") == ["드"]


def test_bigram_analyzer_tokens_keep_runs_apart():
    tokens = bigram_analyzer().index_tokens("하늘드론 AI 배송")
    assert tokens == ["하늘", "늘드", "드론", "론", "ai", "배송", "송"]


def test_index_texts_separates_values():
    text = bigram_analyzer().index_texts(["드론", "", "배송"])
    assert text == f"드론 론 {SEPARATOR} 배송 송"
