"""The KPI formula language (parse with a whitelist, evaluate, errors with positions) and the
reporting periods."""

import datetime as dt

import pytest

from sadari_core.impact import (
    FormulaError,
    Measure,
    evaluate,
    last_periods,
    parse_formula,
    parse_period,
    period_of,
)

KINDS = {"trainee_hired", "trainee_followed", "funding_round", "space_booked", "support_received"}


def test_parse_formula_lists_measures_once_in_order():
    formula = parse_formula(
        "count(trainee_hired) / count(trainee_followed) * 100 + count(trainee_hired)", kinds=KINDS
    )

    assert formula.measures == (
        Measure("count", "trainee_hired"),
        Measure("count", "trainee_followed"),
    )


@pytest.mark.parametrize(
    ("_case", "text", "values", "expected"),
    [
        ("rate", "count(a) / count(b) * 100", {"count(a)": 3, "count(b)": 4}, 75.0),
        ("precedence", "1 + 2 * 3", {}, 7.0),
        ("parentheses", "(1 + 2) * 3", {}, 9.0),
        ("unary minus", "-sum(a) + 10", {"sum(a)": 4}, 6.0),
        ("missing measure is zero", "qty(a) + 2", {}, 2.0),
        ("distinct", "distinct(a) - 1", {"distinct(a)": 5}, 4.0),
        ("float literal", "count(a) * 0.5", {"count(a)": 3}, 1.5),
        ("division by zero", "count(a) / count(b)", {"count(a)": 3}, None),
        (
            "zero over zero",
            "count(a) / (count(b) - count(b))",
            {"count(a)": 1, "count(b)": 2},
            None,
        ),
        ("none propagates", "sum(a) + 1", {"sum(a)": None}, None),
    ],
)
def test_evaluate(_case, text, values, expected):
    formula = parse_formula(text)
    by_measure = {m: values[str(m)] for m in formula.measures if str(m) in values}

    assert evaluate(formula, by_measure) == expected


@pytest.mark.parametrize(
    ("_case", "text", "code", "position"),
    [
        ("empty", "   ", "empty", 1),
        ("syntax", "count(trainee_hired) + * 2", "syntax", 24),
        ("unmatched", "count(trainee_hired))", "syntax", 21),
        ("unknown function", "count(trainee_hired) + open(a)", "unknown_function", 24),
        ("attribute call", "os.system(a)", "unknown_function", 1),
        ("unknown kind", "count(trainee_hired) + sum(bogus)", "unknown_kind", 28),
        ("bare name", "trainee_hired + 1", "bad_arguments", 1),
        ("two arguments", "count(trainee_hired, funding_round)", "bad_arguments", 1),
        ("keyword", "count(kind=trainee_hired)", "bad_arguments", 1),
        ("string argument", "count('trainee_hired')", "bad_arguments", 1),
        ("power", "count(trainee_hired) ** 2", "not_allowed", 1),
        ("comparison", "count(trainee_hired) > 2", "not_allowed", 1),
        ("string", "'x' + 1", "not_allowed", 1),
        ("boolean", "True + 1", "not_allowed", 1),
        ("lambda", "(lambda: 1)()", "unknown_function", 1),
        ("subscript", "count(trainee_hired)[0]", "not_allowed", 1),
        ("leading spaces keep columns", "  1 + bogus(a)", "unknown_function", 7),
    ],
)
def test_parse_formula_rejects(_case, text, code, position):
    with pytest.raises(FormulaError) as error:
        parse_formula(text, kinds=KINDS)

    assert (error.value.code, error.value.position) == (code, position)


def test_parse_formula_rejects_overlong_text():
    with pytest.raises(FormulaError) as error:
        parse_formula("1 + " * 200 + "1")

    assert error.value.code == "too_long"


@pytest.mark.parametrize(
    ("_case", "day", "kind", "label", "start", "end"),
    [
        ("month", dt.date(2026, 2, 14), "month", "2026-02", dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
        ("quarter", dt.date(2026, 8, 5), "quarter", "2026-Q3", dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
        ("last quarter", dt.date(2026, 12, 31), "quarter", "2026-Q4", dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
        ("year", dt.date(2024, 2, 29), "year", "2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ],
)  # fmt: skip
def test_period_of(_case, day, kind, label, start, end):
    period = period_of(day, kind)

    assert (period.label, period.start, period.end) == (label, start, end)


@pytest.mark.parametrize("text", ["2026-Q3", "2026-07", "2026-7", "2026", " 2026-q3 "])
def test_parse_period_round_trips(text):
    period = parse_period(text)

    assert parse_period(period.label) == period


@pytest.mark.parametrize("text", ["", "2026-Q5", "2026-13", "26-01", "2026/03", "abcd", "0999"])
def test_parse_period_rejects(text):
    with pytest.raises(ValueError, match=r"period|range"):
        parse_period(text)


def test_last_periods_cross_the_year_oldest_first():
    periods = last_periods("month", 3, until=dt.date(2026, 1, 20))

    assert [p.label for p in periods] == ["2025-11", "2025-12", "2026-01"]
    assert periods[-1].label_ko == "2026년 1월"
    assert [p.label for p in last_periods("quarter", 2, until=dt.date(2026, 2, 1))] == [
        "2025-Q4",
        "2026-Q1",
    ]
