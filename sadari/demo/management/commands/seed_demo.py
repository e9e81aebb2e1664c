"""``manage.py seed_demo``: fills the directory with the deterministic bilingual demo data."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sadari.demo.generator import (
    DEFAULT_SEED,
    DEFAULT_STARTUPS,
    MAX_SCALE,
    DemoDataError,
    seed_demo,
)
from sadari.directory.models import Organization


class Command(BaseCommand):
    help = (
        "Seeds the demo: Seoul/Goyang institutions (real names), generated startups, funding "
        "rounds, people, programs, spaces, tech-trade needs, technologies, challenges and deals, "
        "investor theses, intro requests, a data room, pitching desks and reviews, academies, "
        "trainees and job fairs, bookable spaces, programs with eligibility, referrals, "
        "a year of impact figures, "
        "and one demo user per role (password sadari-demo-2026)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (2026)")
        parser.add_argument(
            "--startups",
            type=int,
            default=DEFAULT_STARTUPS,
            help=f"generated startups in the base demo ({DEFAULT_STARTUPS})",
        )
        parser.add_argument(
            "--scale",
            type=int,
            default=None,
            help=f"total organizations, bulk-generated beyond the base demo (up to {MAX_SCALE:,})",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing when any organization exists (used by `make demo`)",
        )
        parser.add_argument(
            "--flush", action="store_true", help="delete existing directory data first"
        )

    def handle(self, *args, **options) -> None:
        if options["startups"] < 0:
            raise CommandError("--startups must not be negative")
        if options["if_empty"] and not options["flush"] and Organization.objects.exists():
            self.stdout.write("디렉터리에 데이터가 있어 건너뜁니다 (directory not empty; skipped).")
            return
        try:
            report = seed_demo(
                seed=options["seed"],
                startups=options["startups"],
                scale=options["scale"],
                flush=options["flush"],
                log=self.stdout.write,
            )
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc
        if options["scale"] is None:
            from sadari.demo.techtrade import seed_techtrade

            seed_techtrade(seed=options["seed"], log=self.stdout.write)
            from sadari.demo.investment import seed_investment

            seed_investment(seed=options["seed"], log=self.stdout.write)
            from sadari.demo.pitching import seed_pitching

            seed_pitching(seed=options["seed"], log=self.stdout.write)
            from sadari.demo.jobs import seed_jobs

            seed_jobs(seed=options["seed"], log=self.stdout.write)
            from sadari.demo.spaces import seed_spaces

            seed_spaces(seed=options["seed"], log=self.stdout.write)
            from sadari.demo.consortium import seed_consortium

            seed_consortium(seed=options["seed"], log=self.stdout.write)
            from sadari.demo.impact import seed_impact

            # Last: the impact figures are computed from everything above.
            seed_impact(seed=options["seed"], log=self.stdout.write)
        c = report.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"데모 데이터 생성 완료 (seed {options['seed']}): 조직 {c['organizations']:,}곳 "
                f"(스타트업 {c['startups']:,}), 투자 라운드 {c['rounds']:,}건, 인물 {c['people']:,}명, "
                f"지원사업 {c['programs']:,}개, 공간 {c['spaces']:,}곳, 사용자 {c['users']}명 "
                f"— {report.seconds:.1f}s"
            )
        )
