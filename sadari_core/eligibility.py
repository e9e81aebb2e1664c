"""Eligibility (지원자격) as structured rules evaluated against a profile, with reasons.

A rule is ``(attribute, operator, value)``; a profile is a mapping of attribute → value. Each
rule passes, fails, or is unknown (the profile lacks the attribute). The overall verdict is
eligible (all pass), not eligible (any fails) or unknown (none fails, some unknown), with the
attributes the applicant should fill in. Results carry machine-readable reasons (a code, the
expected and the actual value) so a caller can render "why not" in any language:
"대표자 나이 39세 이하 — 회원님은 42세" / "Founder aged 39 or younger — you are 42".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "Evaluation",
    "Operator",
    "Outcome",
    "Reason",
    "Rule",
    "RuleResult",
    "ValueKind",
    "Verdict",
    "check_rule",
    "evaluate",
    "evaluate_rule",
    "operators_for",
]


class Operator(StrEnum):
    EQ = "eq"
    NE = "ne"
    IN = "in"
    NOT_IN = "not_in"
    GTE = "gte"
    LTE = "lte"
    BETWEEN = "between"
    IS_TRUE = "is_true"
    IS_FALSE = "is_false"


class ValueKind(StrEnum):
    """What an attribute holds, which decides the operators that make sense for it."""

    NUMBER = "number"
    CHOICE = "choice"
    BOOL = "bool"


class Outcome(StrEnum):
    PASS = "pass"  # noqa: S105 -- an outcome, not a password
    FAIL = "fail"
    UNKNOWN = "unknown"


class Verdict(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    UNKNOWN = "unknown"


class Reason(StrEnum):
    """Why a rule passed, failed or could not be decided."""

    MET = "met"
    MISSING = "missing"  # the profile has no value for the attribute
    INCOMPARABLE = "incomparable"  # the profile's value has the wrong type for the rule
    NOT_EQUAL = "not_equal"  # eq failed
    EQUAL = "equal"  # ne failed
    NOT_IN_LIST = "not_in_list"  # in failed
    IN_LIST = "in_list"  # not_in failed
    TOO_LOW = "too_low"  # gte, or the low end of between, failed
    TOO_HIGH = "too_high"  # lte, or the high end of between, failed
    NOT_TRUE = "not_true"
    NOT_FALSE = "not_false"


_OPERATORS: dict[ValueKind, tuple[Operator, ...]] = {
    ValueKind.NUMBER: (
        Operator.EQ,
        Operator.NE,
        Operator.GTE,
        Operator.LTE,
        Operator.BETWEEN,
        Operator.IN,
        Operator.NOT_IN,
    ),
    ValueKind.CHOICE: (Operator.EQ, Operator.NE, Operator.IN, Operator.NOT_IN),
    ValueKind.BOOL: (Operator.IS_TRUE, Operator.IS_FALSE),
}

Scalar = str | int | float | bool


def operators_for(kind: ValueKind) -> tuple[Operator, ...]:
    """The operators allowed for an attribute of ``kind``.

    Args:
        kind: what the attribute holds.

    Returns:
        ``operators_for(ValueKind.BOOL) == (Operator.IS_TRUE, Operator.IS_FALSE)``.
    """
    return _OPERATORS[kind]


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _num(value: object) -> float:
    assert isinstance(value, int | float)
    return float(value)


def _scalar_ok(kind: ValueKind, value: object) -> bool:
    if kind is ValueKind.NUMBER:
        return _is_number(value)
    if kind is ValueKind.CHOICE:
        return isinstance(value, str) and value != ""
    return False


def check_rule(kind: ValueKind, operator: str, value: object) -> str | None:
    """Checks a rule's shape; ``None`` when it is well formed, otherwise an error code.

    Codes: ``bad_operator`` (unknown, or not for this kind), ``bad_value`` (wrong type),
    ``empty_list`` (``in``/``not_in`` with no items), ``bad_range`` (``between`` needs
    ``[low, high]`` with low ≤ high; either end may be ``None`` for an open end but not both).

    Args:
        kind: what the attribute holds.
        operator: one of :class:`Operator`'s values.
        value: the rule's JSON value.

    Returns:
        ``check_rule(ValueKind.NUMBER, "lte", 39) is None``;
        ``check_rule(ValueKind.CHOICE, "in", ["덕양구"]) is None``;
        ``check_rule(ValueKind.NUMBER, "between", [7, 3]) == "bad_range"``.
    """
    try:
        op = Operator(operator)
    except ValueError:
        return "bad_operator"
    if op not in _OPERATORS[kind]:
        return "bad_operator"
    if op in (Operator.IS_TRUE, Operator.IS_FALSE):
        return None if value is None or value is True else "bad_value"
    if op in (Operator.IN, Operator.NOT_IN):
        if not isinstance(value, list | tuple):
            return "bad_value"
        if not value:
            return "empty_list"
        return None if all(_scalar_ok(kind, v) for v in value) else "bad_value"
    if op is Operator.BETWEEN:
        if not isinstance(value, list | tuple) or len(value) != 2:
            return "bad_range"
        low, high = value
        if low is None and high is None:
            return "bad_range"
        if any(v is not None and not _is_number(v) for v in (low, high)):
            return "bad_range"
        if low is not None and high is not None and low > high:
            return "bad_range"
        return None
    if op in (Operator.GTE, Operator.LTE) and kind is not ValueKind.NUMBER:
        return "bad_operator"
    return None if _scalar_ok(kind, value) else "bad_value"


@dataclass(frozen=True)
class Rule:
    """One condition. ``key`` is the caller's id for the rule (a database id, say).

    ``value`` is JSON-shaped: a number or string; a list for ``in``/``not_in``; ``[low, high]``
    for ``between`` (``None`` for an open end); ignored for ``is_true``/``is_false``.
    """

    attribute: str
    operator: Operator
    value: object
    kind: ValueKind = ValueKind.NUMBER
    key: str = ""

    def __post_init__(self) -> None:
        error = check_rule(self.kind, str(self.operator), self.value)
        if error is not None:
            raise ValueError(f"{self.attribute} {self.operator} {self.value!r}: {error}")


@dataclass(frozen=True)
class RuleResult:
    """A rule's outcome with what the reason needs: the rule (expected value) and the
    profile's value (``actual``, ``None`` when missing)."""

    rule: Rule
    outcome: Outcome
    reason: Reason
    actual: object = None

    @property
    def attribute(self) -> str:
        return self.rule.attribute


@dataclass(frozen=True)
class Evaluation:
    verdict: Verdict
    results: tuple[RuleResult, ...]

    @property
    def failed(self) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.results if r.outcome is Outcome.FAIL)

    @property
    def unknown(self) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.results if r.outcome is Outcome.UNKNOWN)

    @property
    def missing(self) -> tuple[str, ...]:
        """Profile attributes to fill in (each once, in rule order)."""
        seen: dict[str, None] = {}
        for r in self.unknown:
            seen.setdefault(r.attribute, None)
        return tuple(seen)

    @property
    def is_eligible(self) -> bool:
        return self.verdict is Verdict.ELIGIBLE


def _result(rule: Rule, ok: bool, reason: Reason, actual: object) -> RuleResult:
    if ok:
        return RuleResult(rule, Outcome.PASS, Reason.MET, actual)
    return RuleResult(rule, Outcome.FAIL, reason, actual)


def _same(kind: ValueKind, actual: object, expected: object) -> bool:
    if kind is ValueKind.NUMBER:
        return _is_number(expected) and actual == expected
    return actual == expected


def evaluate_rule(rule: Rule, profile: Mapping[str, object]) -> RuleResult:
    """Evaluates one rule against a profile. Never raises on profile data: a value of the
    wrong type makes the rule unknown (``incomparable``), not an error.

    Args:
        rule: the condition.
        profile: attribute → value; a missing key or ``None`` (or "") is unknown.

    Returns:
        ``evaluate_rule(Rule("founder_age", Operator.LTE, 39), {"founder_age": 42})`` fails
        with ``Reason.TOO_HIGH`` and ``actual == 42`` (대표자 나이 39세 이하 — 회원님은 42세).
    """
    actual = profile.get(rule.attribute)
    if actual is None or actual == "":
        return RuleResult(rule, Outcome.UNKNOWN, Reason.MISSING, None)
    op = rule.operator
    kind = rule.kind
    if kind is ValueKind.BOOL:
        if not isinstance(actual, bool):
            return RuleResult(rule, Outcome.UNKNOWN, Reason.INCOMPARABLE, actual)
        if op is Operator.IS_TRUE:
            return _result(rule, actual, Reason.NOT_TRUE, actual)
        return _result(rule, not actual, Reason.NOT_FALSE, actual)
    if kind is ValueKind.NUMBER and not _is_number(actual):
        return RuleResult(rule, Outcome.UNKNOWN, Reason.INCOMPARABLE, actual)
    if kind is ValueKind.CHOICE and not isinstance(actual, str):
        return RuleResult(rule, Outcome.UNKNOWN, Reason.INCOMPARABLE, actual)
    value = rule.value
    if op is Operator.EQ:
        return _result(rule, _same(kind, actual, value), Reason.NOT_EQUAL, actual)
    if op is Operator.NE:
        return _result(rule, not _same(kind, actual, value), Reason.EQUAL, actual)
    if op is Operator.IN:
        assert isinstance(value, list | tuple)
        return _result(rule, any(_same(kind, actual, v) for v in value), Reason.NOT_IN_LIST, actual)
    if op is Operator.NOT_IN:
        assert isinstance(value, list | tuple)
        hit = any(_same(kind, actual, v) for v in value)
        return _result(rule, not hit, Reason.IN_LIST, actual)
    number = _num(actual)
    if op is Operator.GTE:
        return _result(rule, number >= _num(value), Reason.TOO_LOW, actual)
    if op is Operator.LTE:
        return _result(rule, number <= _num(value), Reason.TOO_HIGH, actual)
    assert isinstance(value, list | tuple)
    low, high = value
    if low is not None and number < _num(low):
        return _result(rule, False, Reason.TOO_LOW, actual)
    if high is not None and number > _num(high):
        return _result(rule, False, Reason.TOO_HIGH, actual)
    return _result(rule, True, Reason.MET, actual)


def evaluate(rules: Iterable[Rule], profile: Mapping[str, object]) -> Evaluation:
    """Evaluates all rules: eligible when every rule passes (also when there are none), not
    eligible when any fails, unknown otherwise.

    Args:
        rules: the program's conditions, in display order.
        profile: attribute → value.

    Returns:
        ``evaluate([Rule("region", Operator.IN, ["덕양구", "일산동구"], ValueKind.CHOICE)],
        {"region": "덕양구"}).verdict == Verdict.ELIGIBLE``.
    """
    results = tuple(evaluate_rule(rule, profile) for rule in rules)
    if any(r.outcome is Outcome.FAIL for r in results):
        verdict = Verdict.NOT_ELIGIBLE
    elif any(r.outcome is Outcome.UNKNOWN for r in results):
        verdict = Verdict.UNKNOWN
    else:
        verdict = Verdict.ELIGIBLE
    return Evaluation(verdict, results)
