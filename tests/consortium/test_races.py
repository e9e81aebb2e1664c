"""Concurrent writers on PostgreSQL: selections never exceed capacity, and one person's
double submit leaves one live application."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections


def _run(workers):
    barrier = threading.Barrier(len(workers))
    results: list[str] = []

    def attempt(work):
        try:
            barrier.wait(10)
            work()
            results.append("ok")
        except ValidationError:
            results.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return sorted(results)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_selections_respect_capacity_postgres(world, make_user):
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers (PostgreSQL)")
    from sadari.consortium import services
    from sadari.consortium.models import Application

    applications = [
        services.application_submit(program=world.program, applicant=make_user(f"a{i}"), answers={})
        for i in range(5)
    ]
    staff = [world.staff, world.operator] * 3

    def select(app, by):
        return lambda: services.application_decide(application=app, by=by, status="selected")

    results = _run([select(app, by) for app, by in zip(applications, staff, strict=False)])

    assert results == ["ok"] + ["refused"] * 4
    assert Application.objects.filter(status="selected").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_double_submit_leaves_one_live_application_postgres(world):
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers (PostgreSQL)")
    from sadari.consortium import services
    from sadari.consortium.models import Application

    def submit():
        services.application_submit(
            program=world.program, applicant=world.other_founder, answers={}
        )

    results = _run([submit] * 4)

    assert results == ["ok"] + ["refused"] * 3
    assert Application.objects.filter(applicant=world.other_founder).count() == 1
