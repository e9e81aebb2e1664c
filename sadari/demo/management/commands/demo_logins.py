"""``manage.py demo_logins``: prints the demo accounts: role, username, password, organization."""

import unicodedata

from django.core.management.base import BaseCommand
from django.utils import translation

from sadari.accounts.models import User
from sadari.demo.generator import ADMIN_USERNAME, DEMO_PASSWORD, demo_users


def _width(text: str) -> int:
    """Display width in a terminal: Hangul and other wide characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Prints the demo logins: role → username → password → organization."

    def handle(self, *args, **options) -> None:
        with translation.override("ko"):
            self._print()

    def _print(self) -> None:
        rows: list[tuple[str, ...]] = [("역할 (role)", "사용자명", "비밀번호", "소속 기관")]
        for du in demo_users():
            user = User.objects.filter(username=du.username).first()
            if user is None:
                continue
            orgs = [
                m.organization.name_ko
                for m in user.memberships.select_related("organization").filter(role=du.role)
            ]
            with translation.override("ko"):
                label = f"{du.role.label} ({du.role.value})"  # the UI's own Korean role name
            rows.append((label, du.username, DEMO_PASSWORD, ", ".join(orgs) or "—"))
        if User.objects.filter(username=ADMIN_USERNAME, is_superuser=True).exists():
            rows.append(("관리자 (superuser)", ADMIN_USERNAME, DEMO_PASSWORD, "—"))
        if len(rows) == 1:
            self.stdout.write("데모 계정이 없습니다. 먼저 `manage.py seed_demo`를 실행하세요.")
            return
        self.stdout.write("사다리 데모 계정 (Sadari demo logins)")
        self.stdout.write(format_table(rows))
        self.stdout.write(
            "데모 계정의 비밀번호는 모두 같습니다 (existing accounts keep their own password)."
        )
