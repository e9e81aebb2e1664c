"""``manage.py seed_demo``: fills the directory with the deterministic bilingual demo data."""

import importlib

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sadari.demo.generator import (
    DEFAULT_SEED,
    DEFAULT_STARTUPS,
    MAX_SCALE,
    DemoDataError,
    seed_demo,
)
from sadari.directory.models import Organization

# Seeded in this order after the base demo: spaces books with pitching's member users; impact
# is computed from everything before it.
DOMAIN_DEMOS = ("techtrade", "investment", "pitching", "jobs", "spaces", "consortium", "impact")


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
        parser.add_argument(
            "--apps",
            default="all",
            help="the domain demos after the base demo, comma-separated (default all: "
            + ",".join(DOMAIN_DEMOS)
            + "; none: the base demo only); spaces books with pitching's users, impact reads "
            "everything",
        )

    @staticmethod
    def _apps(value: str) -> list[str]:
        """The domain demos to seed after the base demo, in dependency order."""
        if value == "all":
            return list(DOMAIN_DEMOS)
        if value == "none":
            return []
        wanted = {v.strip() for v in value.split(",") if v.strip()}
        unknown = wanted - set(DOMAIN_DEMOS)
        if unknown:
            raise CommandError(
                f"unknown --apps {sorted(unknown)}; choose from: {', '.join(DOMAIN_DEMOS)}"
            )
        return [name for name in DOMAIN_DEMOS if name in wanted]

    def handle(self, *args, **options) -> None:
        if options["startups"] < 0:
            raise CommandError("--startups must not be negative")
        apps = self._apps(options["apps"])
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
            for name in apps:
                module = importlib.import_module(f"sadari.demo.{name}")
                getattr(module, f"seed_{name}")(seed=options["seed"], log=self.stdout.write)
        c = report.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"데모 데이터 생성 완료 (seed {options['seed']}): 조직 {c['organizations']:,}곳 "
                f"(스타트업 {c['startups']:,}), 투자 라운드 {c['rounds']:,}건, 인물 {c['people']:,}명, "
                f"지원사업 {c['programs']:,}개, 공간 {c['spaces']:,}곳, 사용자 {c['users']}명 "
                f"— {report.seconds:.1f}s"
            )
        )
