"""Investment statistics: rounds and amounts by quarter, stage, industry and region (over the
rounds a filter selects), the bars of their server-rendered charts, and CSV/XLSX exports.

Amounts add up ``amount_krw`` (rounds in other currencies are converted at the year's average
rate on import; rounds without an amount count in the number of rounds only). Everything here
is public data.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from sadari.common.spreadsheet import csv_safe_row
from sadari.directory.enums import Industry
from sadari.investment.enums import STAGE_ORDER, Region, RoundType, region_of
from sadari.investment.models import FundingRound

DIMENSIONS = ("quarter", "stage", "industry", "region")
MAX_QUARTERS = 40  # the chart shows the last ten years of quarters


@dataclass
class StatRow:
    key: str
    label: str
    rounds: int
    amount_krw: int
    with_amount: int
    bar_rounds: int = 0  # percent of the largest, for the bars
    bar_amount: int = 0

    @property
    def median_hint(self) -> int | None:
        return self.amount_krw // self.with_amount if self.with_amount else None


@dataclass
class Stats:
    dimension: str
    rows: list[StatRow]
    rounds: int
    amount_krw: int
    companies: int
    investors: int

    def svg_points(self, width: int = 640, height: int = 160) -> list[tuple[float, float, StatRow]]:
        """(x, y, row) of each row on a line chart of rounds (quarters)."""
        if not self.rows:
            return []
        top = max(r.rounds for r in self.rows) or 1
        step = width / max(len(self.rows) - 1, 1)
        return [
            (round(i * step, 1), round(height - height * r.rounds / top, 1), r)
            for i, r in enumerate(self.rows)
        ]


def _quarter(day: Any) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def compute(rounds: QuerySet[FundingRound], dimension: str) -> Stats:
    """Counts and sums over ``rounds`` grouped by ``dimension`` (one query for the rounds,
    one for the investors)."""
    if dimension not in DIMENSIONS:
        dimension = "quarter"
    values = list(
        rounds.order_by().values_list(
            "pk", "announced_on", "round_type", "amount_krw", "company_id",
            "company__industry", "company__city",
        )
    )  # fmt: skip
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for _pk, day, round_type, amount, _company, industry, city in values:
        if dimension == "quarter":
            key = _quarter(day)
        elif dimension == "stage":
            key = round_type
        elif dimension == "industry":
            key = industry or ""
        else:
            key = region_of(city)
        g = groups[key]
        g[0] += 1
        if amount:
            g[1] += amount
            g[2] += 1
    rows = [
        StatRow(key, _label(dimension, key), n, total, with_amount)
        for key, (n, total, with_amount) in groups.items()
    ]
    rows = _ordered(dimension, rows)
    top_n = max((r.rounds for r in rows), default=0) or 1
    top_amount = max((r.amount_krw for r in rows), default=0) or 1
    for row in rows:
        row.bar_rounds = round(100 * row.rounds / top_n)
        row.bar_amount = round(100 * row.amount_krw / top_amount)
    investors = (
        FundingRound.investors.through.objects.filter(round__in=rounds.order_by().values("pk"))
        .values("investor_id")
        .distinct()
        .count()
    )
    return Stats(
        dimension=dimension,
        rows=rows,
        rounds=len(values),
        amount_krw=sum(v[3] or 0 for v in values),
        companies=len({v[4] for v in values}),
        investors=investors,
    )


def _every_quarter(rows: list[StatRow]) -> list[StatRow]:
    """The quarters between the first and the last, with empty ones as zero rows (the chart's
    x axis is time)."""
    if not rows:
        return rows
    by_key = {r.key: r for r in rows}
    first_year, first_q = int(rows[0].key[:4]), int(rows[0].key[-1])
    last_year, last_q = int(rows[-1].key[:4]), int(rows[-1].key[-1])
    out = []
    year, q = first_year, first_q
    while (year, q) <= (last_year, last_q):
        key = f"{year}-Q{q}"
        out.append(by_key.get(key) or StatRow(key, key, 0, 0, 0))
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return out


def _label(dimension: str, key: str) -> str:
    if dimension == "quarter":
        return key
    if not key:
        return _("Unknown")
    labels = {
        "stage": dict(RoundType.choices),
        "industry": dict(Industry.choices),
        "region": dict(Region.choices),
    }[dimension]
    return str(labels.get(key, key))


def _ordered(dimension: str, rows: list[StatRow]) -> list[StatRow]:
    if dimension == "quarter":
        return _every_quarter(sorted(rows, key=lambda r: r.key))[-MAX_QUARTERS:]
    if dimension == "stage":
        order = {code: i for i, code in enumerate(STAGE_ORDER)}
        return sorted(rows, key=lambda r: order.get(r.key, 99))
    return sorted(rows, key=lambda r: (-r.rounds, r.label))


# --- export ----------------------------------------------------------------------------------


def _table(stats: Stats) -> list[list[Any]]:
    header = {
        "quarter": _("Quarter"),
        "stage": _("Round"),
        "industry": _("Industry"),
        "region": _("Region"),
    }[stats.dimension]
    rows: list[list[Any]] = [
        [str(header), _("Code"), _("Rounds"), _("Rounds with an amount"), _("Amount (KRW)")]
    ]
    rows.extend([r.label, r.key, r.rounds, r.with_amount, r.amount_krw] for r in stats.rows)
    rows.append([_("Total"), "", stats.rounds, "", stats.amount_krw])
    return rows


def _round_table(rounds: QuerySet[FundingRound], limit: int = 50_000) -> list[list[Any]]:
    labels = dict(RoundType.choices)
    out: list[list[Any]] = [
        [
            _("Round"), _("Date"), _("Company"), _("Industry"), _("Region"), _("Round type"),
            _("Amount (KRW)"), _("Currency"), _("Amount in the original currency"), _("Source"),
        ]
    ]  # fmt: skip
    industries = dict(Industry.choices)
    regions = dict(Region.choices)
    for r in rounds.select_related("company").order_by("announced_on", "id")[:limit]:
        region = region_of(r.company.city)
        out.append(
            [
                r.pk,
                r.announced_on.isoformat(),
                r.company.name_ko,
                str(industries.get(r.company.industry, r.company.industry)),
                str(regions.get(region, region)),
                str(labels.get(r.round_type, r.round_type)),
                r.amount_krw,
                r.currency,
                r.amount_original,
                r.source,
            ]
        )
    return [[str(c) if isinstance(c, str) else c for c in row] for row in out]


def export_csv(stats: Stats, rounds: QuerySet[FundingRound]) -> str:
    """UTF-8 with a BOM (Excel opens Korean correctly): the table, a blank line, the rounds."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerows(
        csv_safe_row([str(c) if c is not None else "" for c in row]) for row in _table(stats)
    )
    writer.writerow([])
    writer.writerows(
        csv_safe_row([("" if c is None else str(c)) for c in row]) for row in _round_table(rounds)
    )
    return out.getvalue()


def export_xlsx(stats: Stats, rounds: QuerySet[FundingRound]) -> bytes:
    """Two sheets, the table and the rounds, written in openpyxl's write-only mode (linear in
    the rows: ``common.spreadsheet.append_text`` reads ``max_row`` per row, quadratic over
    tens of thousands of rounds); text stays text, never a formula."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(str(_("Statistics"))[:31])
    for row in _table(stats):
        sheet.append(_text_cells(sheet, [str(c) if hasattr(c, "__html__") else c for c in row]))
    rounds_sheet = book.create_sheet(str(_("Rounds"))[:31])
    for row in _round_table(rounds):
        rounds_sheet.append(_text_cells(rounds_sheet, row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text_cells(sheet: Any, row: list[Any]) -> list[Any]:
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in row:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # "=HYPERLINK(…)" as a company name stays text
        cells.append(cell)
    return cells
