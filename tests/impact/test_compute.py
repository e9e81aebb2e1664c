"""Collectors (idempotent, deletions followed) and snapshot values on the hand-made world of
conftest.py, computed by hand in each test."""

import datetime as dt

import pytest

from sadari_core.impact.periods import parse_period

pytestmark = pytest.mark.django_db


def _events():
    from sadari.impact.models import ImpactEvent

    return sorted(
        ImpactEvent.objects.values_list(
            "kind", "occurred_on", "organization_id", "institution_id", "amount"
        )
    )


def test_collect_records_each_fact_once(world):
    from sadari.impact.collectors import collect
    from sadari.impact.models import ImpactEvent

    collect()

    counts = {}
    for kind in ImpactEvent.objects.values_list("kind", flat=True):
        counts[kind] = counts.get(kind, 0) + 1
    assert counts == {
        "support_received": 3, "funding_round": 3, "deal_matched": 1, "deal_nda": 1, "deal_poc": 1,
        "trainee_enrolled": 4, "trainee_completed": 3, "trainee_followed": 2, "trainee_employed": 1,
        "trainee_employed_platform": 1, "hire_attributed": 1,
    }  # fmt: skip
    hire = ImpactEvent.objects.get(kind="hire_attributed")
    assert (hire.occurred_on, hire.organization_id, hire.institution_id) == (
        dt.date(2026, 9, 15), world["s1"].pk, world["campus"].pk,
    )  # fmt: skip
    nda = ImpactEvent.objects.get(kind="deal_nda")
    assert (nda.occurred_on, nda.organization_id, nda.institution_id) == (
        dt.date(2026, 7, 20), world["s1"].pk, world["inst_a"].pk,
    )  # fmt: skip


def test_collect_twice_changes_nothing(world):
    from sadari.impact.collectors import collect

    collect()
    before = _events()

    stats = collect()

    assert (stats.created, stats.updated, stats.deleted) == (0, 0, 0)
    assert stats.unchanged == len(before)
    assert _events() == before


def test_collect_follows_changes_and_deletions(world):
    from sadari.impact.collectors import collect
    from sadari.impact.models import ImpactEvent

    collect()
    world["rounds"][1].amount_krw = 700_000_000
    world["rounds"][1].save()
    world["awards"][2].delete()

    stats = collect()

    assert (stats.created, stats.updated, stats.deleted) == (0, 1, 1)
    assert (
        ImpactEvent.objects.get(source_key=f"round:{world['rounds'][1].pk}").amount == 700_000_000
    )
    assert ImpactEvent.objects.filter(kind="support_received").count() == 2


def test_a_dropped_deal_keeps_the_stages_it_reached(world):
    from sadari.impact.collectors import collect
    from sadari.impact.models import ImpactEvent

    deal = world["deal"]
    deal.stage, deal.reached = "dropped", "nda"
    deal.save()

    collect()

    assert sorted(ImpactEvent.objects.filter(kind__startswith="deal_").values_list("kind", flat=True)) == [
        "deal_matched", "deal_nda",
    ]  # fmt: skip


def _value(slug, label, institution=None):
    from sadari.impact.models import KpiSnapshot

    period = parse_period(label)
    return KpiSnapshot.objects.get(
        kpi__slug=slug, period_start=period.start, period_end=period.end, institution=institution
    )


@pytest.mark.parametrize(
    ("_case", "slug", "label", "expected"),
    [
        ("two startups supported in Q3", "startups-supported", "2026-Q3", 2.0),
        ("rounds in Q3, undisclosed counts 0", "investment", "2026-Q3", 1_234_000_000.0),
        ("Q2 round", "investment", "2026-Q2", 500_000_000.0),
        ("one of two followed completers employed", "employment-rate", "2026-Q3", 50.0),
        ("no completer in Q2: undefined", "employment-rate", "2026-Q2", None),
        ("the deal reached PoC in Q3", "deals-poc", "2026-Q3", 1.0),
        ("cumulative talents from January", "talents", "2026-Q3", 3.0),
        ("cumulative talents up to Q2", "talents", "2026-Q2", 0.0),
        ("division by zero", "fair-rate", "2026-Q3", None),
        ("year: three startups? no, two distinct", "startups-supported", "2026", 2.0),
        ("year: all rounds", "investment", "2026", 1_734_000_000.0),
    ],
)
def test_city_wide_values(computed, _case, slug, label, expected):
    assert _value(slug, label).value == expected


def test_per_institution_values_and_components(computed):
    a, b = computed["inst_a"], computed["inst_b"]

    supported = _value("startups-supported", "2026-Q3", a)
    invested_b = _value("investment", "2026-Q3", b)

    assert supported.value == 2.0
    assert supported.components == {"distinct(support_received)": 2.0}
    # S2 is based at B; its Q3 round is undisclosed: a snapshot of 0, not a missing one.
    assert invested_b.value == 0.0
    assert _value("investment", "2026-Q3", a).value == 1_234_000_000.0
    assert _value("employment-rate", "2026-Q3", computed["campus"]).value == 50.0
    assert _value("talents", "2026-Q3").components == {
        "count(trainee_completed)": 3.0,
        "from": "2026-01-01",
    }


def test_distinct_companies_are_counted_once_city_wide(computed):
    """S2 got support from A (Q3) and B (Q4): one company city-wide in 2026, one at each."""
    a, b = computed["inst_a"], computed["inst_b"]

    assert _value("startups-supported", "2026").value == 2.0
    assert _value("startups-supported", "2026", a).value == 2.0
    assert _value("startups-supported", "2026", b).value == 1.0


def test_recompute_replaces_snapshots(computed):
    from sadari.impact.compute import compute_snapshots
    from sadari.impact.models import KpiSnapshot

    before = KpiSnapshot.objects.count()

    compute_snapshots(periods=[parse_period("2026-Q3")])

    assert KpiSnapshot.objects.count() == before


def test_compute_kpis_command(world, kpis):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()

    call_command("compute_kpis", "--only", "2026-Q3", stdout=out)

    assert "KPI snapshots computed for 1 periods" in out.getvalue()
    assert _value("employment-rate", "2026-Q3").value == 50.0


def test_compute_kpis_command_rejects_a_bad_period(world):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="not a period"):
        call_command("compute_kpis", "--no-collect", "--only", "2026-Q9")


def test_kpi_clean_rejects_a_bad_formula_with_its_column(db):
    from django.core.exceptions import ValidationError

    from sadari.impact.models import Kpi

    kpi = Kpi(
        slug="x", name_ko="x", definition_ko="x", formula="count(funding_round) + sum(nothing)"
    )

    with pytest.raises(ValidationError) as error:
        kpi.full_clean()

    assert error.value.message_dict["formula"] == ["Unknown event kind here. (column 28) «nothing»"]


@pytest.mark.parametrize("formula", ["1/0", "42", "(3 + 4) * 2"])
def test_kpi_clean_rejects_a_constant(db, formula):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from sadari.impact.models import Kpi

    kpi = Kpi(slug="c", name_ko="c", definition_ko="c", formula=formula)

    with translation.override("en"), pytest.raises(ValidationError) as error:
        kpi.full_clean()

    assert "at least one measure" in error.value.message_dict["formula"][0]


def test_nightly_task_collects_and_computes(world, kpis):
    from sadari.impact.models import ImpactEvent, KpiSnapshot
    from sadari.impact.tasks import task_compute_kpis

    result = task_compute_kpis.enqueue(months=1)

    assert result.return_value == KpiSnapshot.objects.count()
    assert result.return_value >= len(kpis) * 3  # a month, its quarter and its year, city-wide
    assert ImpactEvent.objects.filter(kind="funding_round").count() == 3
