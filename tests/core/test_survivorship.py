from datetime import UTC, datetime

import pytest

from sadari_core.survivorship import Claim, decide

OCT = datetime(2026, 10, 1, tzinfo=UTC)
MAR = datetime(2025, 3, 2, tzinfo=UTC)


def test_decide_prefers_priority_then_lists_the_conflict():
    a = Claim("https://a.kr", "a-foundation", OCT, priority=50)
    b = Claim("https://b.kr", "b-center", MAR, priority=60)

    decision = decide([a, b])

    assert (decision.chosen, decision.rule, decision.conflicts) == (b, "priority", (a,))


@pytest.mark.parametrize(
    ("_case", "claims", "chosen", "rule"),
    [
        (
            "registry beats priority",
            [Claim(1, "a", OCT, 90), Claim(2, "nts", MAR, 10, True)],
            2,
            "registry",
        ),
        ("recency breaks a priority tie", [Claim(1, "a", MAR), Claim(2, "b", OCT)], 2, "recency"),
        ("slug breaks a full tie", [Claim(1, "b", OCT), Claim(2, "a", OCT)], 2, "source"),
        ("one claim", [Claim(7, "a", OCT)], 7, "only"),
    ],
)
def test_decide_rules(_case, claims, chosen, rule):
    decision = decide(claims)

    assert (decision.chosen.value, decision.rule) == (chosen, rule)


def test_decide_same_value_in_other_spelling_is_no_conflict():
    decision = decide([Claim("Seoul  AI", "a", OCT, 60), Claim("seoul ai", "b", MAR)])

    assert decision.conflicts == ()


def test_decide_without_claims_is_none():
    assert decide([]) is None
