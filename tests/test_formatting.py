import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("ko", "1억 2,500만원 · 2026년 3월 1일"), ("en", "KRW 125,000,000 · 1 Mar 2026")],
)
def test_krw_and_date_filters_follow_the_language(lang, expected):
    template = Template("{{ amount|krw }} · {{ day|kdate }}")

    with translation.override(lang):
        out = template.render(Context({"amount": 125_000_000, "day": dt.date(2026, 3, 1)}))

    assert out == expected
