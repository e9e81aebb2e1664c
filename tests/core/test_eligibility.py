"""Eligibility rules: each operator, unknown values, the overall verdict and rule checking."""

import pytest

from sadari_core.eligibility import (
    Operator,
    Outcome,
    Reason,
    Rule,
    ValueKind,
    Verdict,
    check_rule,
    evaluate,
    evaluate_rule,
    operators_for,
)

N, C, B = ValueKind.NUMBER, ValueKind.CHOICE, ValueKind.BOOL


@pytest.mark.parametrize(
    ("_case", "rule", "actual", "outcome", "reason"),
    [
        ("lte pass at bound", Rule("founder_age", Operator.LTE, 39), 39, Outcome.PASS, Reason.MET),
        ("lte fail", Rule("founder_age", Operator.LTE, 39), 42, Outcome.FAIL, Reason.TOO_HIGH),
        ("gte pass at bound", Rule("founder_age", Operator.GTE, 40), 40, Outcome.PASS, Reason.MET),
        ("gte fail", Rule("founder_age", Operator.GTE, 40), 39, Outcome.FAIL, Reason.TOO_LOW),
        ("gte float", Rule("company_age_years", Operator.GTE, 0.5), 0.4, Outcome.FAIL, Reason.TOO_LOW),
        ("between inside", Rule("company_age_years", Operator.BETWEEN, [3, 7]), 5, Outcome.PASS, Reason.MET),
        ("between low end", Rule("company_age_years", Operator.BETWEEN, [3, 7]), 3, Outcome.PASS, Reason.MET),
        ("between high end", Rule("company_age_years", Operator.BETWEEN, [3, 7]), 7, Outcome.PASS, Reason.MET),
        ("between below", Rule("company_age_years", Operator.BETWEEN, [3, 7]), 2, Outcome.FAIL, Reason.TOO_LOW),
        ("between above", Rule("company_age_years", Operator.BETWEEN, [3, 7]), 8, Outcome.FAIL, Reason.TOO_HIGH),
        ("between open low", Rule("employees", Operator.BETWEEN, [None, 9]), 0, Outcome.PASS, Reason.MET),
        ("between open high", Rule("employees", Operator.BETWEEN, [5, None]), 4, Outcome.FAIL, Reason.TOO_LOW),
        ("eq number", Rule("employees", Operator.EQ, 1), 1, Outcome.PASS, Reason.MET),
        ("eq number fail", Rule("employees", Operator.EQ, 1), 2, Outcome.FAIL, Reason.NOT_EQUAL),
        ("ne number", Rule("employees", Operator.NE, 0), 0, Outcome.FAIL, Reason.EQUAL),
        ("in number", Rule("employees", Operator.IN, [1, 2]), 2, Outcome.PASS, Reason.MET),
        ("eq choice", Rule("founder_gender", Operator.EQ, "female", C), "female", Outcome.PASS, Reason.MET),
        ("eq choice fail", Rule("founder_gender", Operator.EQ, "female", C), "male", Outcome.FAIL, Reason.NOT_EQUAL),
        ("ne choice", Rule("stage", Operator.NE, "listed", C), "seed", Outcome.PASS, Reason.MET),
        ("ne choice fail", Rule("stage", Operator.NE, "listed", C), "listed", Outcome.FAIL, Reason.EQUAL),
        ("in choice", Rule("region", Operator.IN, ["덕양구", "일산동구"], C), "덕양구", Outcome.PASS, Reason.MET),
        ("in choice fail", Rule("region", Operator.IN, ["덕양구"], C), "강남구", Outcome.FAIL, Reason.NOT_IN_LIST),
        ("not_in pass", Rule("industry", Operator.NOT_IN, ["games"], C), "ai", Outcome.PASS, Reason.MET),
        ("not_in fail", Rule("industry", Operator.NOT_IN, ["games"], C), "games", Outcome.FAIL, Reason.IN_LIST),
        ("is_true", Rule("pre_founder", Operator.IS_TRUE, None, B), True, Outcome.PASS, Reason.MET),
        ("is_true fail", Rule("pre_founder", Operator.IS_TRUE, None, B), False, Outcome.FAIL, Reason.NOT_TRUE),
        ("is_false", Rule("pre_founder", Operator.IS_FALSE, None, B), False, Outcome.PASS, Reason.MET),
        ("is_false fail", Rule("pre_founder", Operator.IS_FALSE, None, B), True, Outcome.FAIL, Reason.NOT_FALSE),
        ("missing", Rule("founder_age", Operator.LTE, 39), None, Outcome.UNKNOWN, Reason.MISSING),
        ("empty string", Rule("region", Operator.EQ, "덕양구", C), "", Outcome.UNKNOWN, Reason.MISSING),
        ("text for number", Rule("founder_age", Operator.LTE, 39), "42", Outcome.UNKNOWN, Reason.INCOMPARABLE),
        ("bool for number", Rule("employees", Operator.GTE, 0), True, Outcome.UNKNOWN, Reason.INCOMPARABLE),
        ("number for bool", Rule("pre_founder", Operator.IS_TRUE, None, B), 1, Outcome.UNKNOWN, Reason.INCOMPARABLE),
        ("number for choice", Rule("stage", Operator.EQ, "seed", C), 3, Outcome.UNKNOWN, Reason.INCOMPARABLE),
    ],
)  # fmt: skip
def test_evaluate_rule(_case, rule, actual, outcome, reason):
    profile = {} if actual is None else {rule.attribute: actual}

    result = evaluate_rule(rule, profile)

    assert (result.outcome, result.reason) == (outcome, reason)
    assert result.actual == (actual if outcome is not Outcome.UNKNOWN or actual else None)


def test_failed_rule_carries_the_expected_and_actual_values_for_the_why_not():
    rule = Rule("founder_age", Operator.LTE, 39, key="r1")

    result = evaluate_rule(rule, {"founder_age": 42})

    assert (result.rule.key, result.rule.value, result.actual) == ("r1", 39, 42)
    assert result.attribute == "founder_age"


def test_verdict_eligible_when_all_pass_and_when_there_are_no_rules():
    rules = [Rule("founder_age", Operator.LTE, 39), Rule("region", Operator.EQ, "덕양구", C)]

    ev = evaluate(rules, {"founder_age": 30, "region": "덕양구"})

    assert ev.verdict is Verdict.ELIGIBLE
    assert ev.is_eligible
    assert (ev.failed, ev.unknown, ev.missing) == ((), (), ())
    assert evaluate([], {}).verdict is Verdict.ELIGIBLE


def test_verdict_not_eligible_when_any_fails_even_with_unknowns():
    rules = [
        Rule("founder_age", Operator.LTE, 39),
        Rule("region", Operator.EQ, "덕양구", C),
        Rule("revenue_krw", Operator.LTE, 1_000_000_000),
    ]

    ev = evaluate(rules, {"founder_age": 42, "region": "덕양구"})

    assert ev.verdict is Verdict.NOT_ELIGIBLE
    assert [r.attribute for r in ev.failed] == ["founder_age"]
    assert ev.missing == ("revenue_krw",)


def test_verdict_unknown_lists_each_missing_field_once_in_rule_order():
    rules = [
        Rule("revenue_krw", Operator.LTE, 10**9),
        Rule("founder_age", Operator.GTE, 19),
        Rule("revenue_krw", Operator.GTE, 0),
        Rule("region", Operator.IN, ["덕양구"], C),
    ]

    ev = evaluate(rules, {"region": "덕양구"})

    assert ev.verdict is Verdict.UNKNOWN
    assert ev.missing == ("revenue_krw", "founder_age")
    assert [r.outcome for r in ev.results] == [
        Outcome.UNKNOWN, Outcome.UNKNOWN, Outcome.UNKNOWN, Outcome.PASS,
    ]  # fmt: skip


def test_evaluate_keeps_rule_order():
    rules = [Rule(f"a{i}", Operator.GTE, i) for i in range(5)]

    ev = evaluate(rules, {f"a{i}": 3 for i in range(5)})

    assert [r.attribute for r in ev.results] == ["a0", "a1", "a2", "a3", "a4"]
    assert [r.outcome for r in ev.results] == [Outcome.PASS] * 4 + [Outcome.FAIL]


@pytest.mark.parametrize(
    ("_case", "kind", "operator", "value", "error"),
    [
        ("lte number", N, "lte", 39, None),
        ("between", N, "between", [3, 7], None),
        ("between open", N, "between", [None, 7], None),
        ("between both open", N, "between", [None, None], "bad_range"),
        ("between reversed", N, "between", [7, 3], "bad_range"),
        ("between one item", N, "between", [7], "bad_range"),
        ("between text", N, "between", ["a", 3], "bad_range"),
        ("unknown operator", N, "like", 3, "bad_operator"),
        ("gte on choice", C, "gte", "seed", "bad_operator"),
        ("in on bool", B, "in", [True], "bad_operator"),
        ("eq on bool", B, "eq", True, "bad_operator"),
        ("is_true on number", N, "is_true", None, "bad_operator"),
        ("is_true", B, "is_true", None, None),
        ("is_true with junk", B, "is_true", "x", "bad_value"),
        ("text for number", N, "lte", "39", "bad_value"),
        ("bool for number", N, "gte", True, "bad_value"),
        ("number for choice", C, "eq", 3, "bad_value"),
        ("empty choice", C, "eq", "", "bad_value"),
        ("in list", C, "in", ["덕양구", "일산서구"], None),
        ("in empty", C, "in", [], "empty_list"),
        ("in scalar", C, "in", "덕양구", "bad_value"),
        ("in mixed", C, "in", ["덕양구", 3], "bad_value"),
        ("not_in numbers", N, "not_in", [1, 2.5], None),
    ],
)  # fmt: skip
def test_check_rule(_case, kind, operator, value, error):
    assert check_rule(kind, operator, value) == error


def test_rule_refuses_a_malformed_value():
    with pytest.raises(ValueError, match="bad_range"):
        Rule("founder_age", Operator.BETWEEN, [40, 30])


def test_operators_for_each_kind():
    assert operators_for(B) == (Operator.IS_TRUE, Operator.IS_FALSE)
    assert Operator.GTE not in operators_for(C)
    assert set(operators_for(N)) == set(Operator) - {Operator.IS_TRUE, Operator.IS_FALSE}
