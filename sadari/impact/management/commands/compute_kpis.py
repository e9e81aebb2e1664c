"""``manage.py compute_kpis``: collect impact events and compute KPI snapshots (run nightly)."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sadari.impact.collectors import collect
from sadari.impact.compute import compute_snapshots
from sadari_core.impact.periods import last_periods, parse_period


class Command(BaseCommand):
    help = (
        "Collects impact events from every domain (idempotent) and computes KPI snapshots for "
        "the last N periods, city-wide and per institution."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--period",
            choices=["month", "quarter", "year", "all"],
            default="all",
            help="which periods to compute (all: months, quarters and years)",
        )
        parser.add_argument("--months", type=int, default=13, help="how far back, in months (13)")
        parser.add_argument(
            "--only", default="", help="one period label instead, e.g. 2026-Q3 or 2026-03"
        )
        parser.add_argument(
            "--collect",
            action="store_true",
            default=True,
            help="collect events from the domain apps first (default)",
        )
        parser.add_argument("--no-collect", dest="collect", action="store_false")

    def handle(self, *args, **options) -> None:
        months = options["months"]
        if months < 1 or months > 240:
            raise CommandError("--months must be between 1 and 240")
        if options["collect"]:
            stats = collect()
            self.stdout.write(f"이벤트 수집 (events collected): {stats}")
        if options["only"]:
            try:
                periods = [parse_period(options["only"])]
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
        else:
            today = timezone.localdate()
            kinds = (
                ["month", "quarter", "year"] if options["period"] == "all" else [options["period"]]
            )
            periods = []
            for kind in kinds:
                size = {"month": 1, "quarter": 3, "year": 12}[kind]
                periods += last_periods(kind, (months + size - 1) // size, until=today)
        result = compute_snapshots(periods=periods)
        self.stdout.write(
            f"성과지표 스냅숏 {result.snapshots:,}개 ({result.periods}개 기간) "
            f"— KPI snapshots computed for {result.periods} periods"
        )
        if result.skipped_kpis:
            self.stderr.write(
                "수식 오류로 건너뜀 (invalid formula, skipped): " + ", ".join(result.skipped_kpis)
            )
