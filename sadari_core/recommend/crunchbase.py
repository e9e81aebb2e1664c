"""Rows with the columns of the Crunchbase 2013 CSV files → recommender records (no file I/O).

Companies are keyed by name, because the investments file names companies and has no permalink.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from sadari_core.recommend.records import CompanyProfile, Interaction, Round

INVESTMENT_COLUMNS = ("company_name", "investor_name", "funded_when", "amount_usd")
COMPANY_COLUMNS = ("name", "category_code", "region", "founded_at")
ROUND_COLUMNS = ("company_name", "funding_round_type", "funded_at", "raised_amount_usd")

_DATE = re.compile(r"^\s*(\d{4})(?:[-./](\d{1,2})(?:[-./](\d{1,2}))?)?")


def parse_date(text: str | None) -> date | None:
    """``2012-06-30``, ``2012.6.30``, ``2012-06`` (the 1st) or ``2012`` (1 January); else None.

    Args:
        text: the cell.

    Returns:
        e.g. ``parse_date("2024.3.1") == date(2024, 3, 1)``; ``None`` for ``""`` or nonsense.
    """
    match = _DATE.match(text or "")
    if not match:
        return None
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_amount(text: str | None) -> float | None:
    """``"8500000"``, ``"8,500,000"`` or ``"8.5e6"`` → 8500000.0; empty or invalid → None."""
    cleaned = (text or "").replace(",", "").replace("$", "").strip()
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if value > 0 else None


@dataclass
class CrunchbaseRecords:
    """The records and what was skipped (rows without a name or a readable date)."""

    interactions: list[Interaction] = field(default_factory=list)
    companies: list[CompanyProfile] = field(default_factory=list)
    rounds: list[Round] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)

    @property
    def latest(self) -> date | None:
        """The latest date of any deal or round."""
        days = [it.when for it in self.interactions] + [r.when for r in self.rounds]
        return max(days) if days else None


def _cell(row: Mapping[str, str | None], key: str) -> str:
    return (row.get(key) or "").strip()


def from_crunchbase(
    investments: Iterable[Mapping[str, str | None]],
    companies: Iterable[Mapping[str, str | None]],
    rounds: Iterable[Mapping[str, str | None]],
) -> CrunchbaseRecords:
    """Crunchbase-shaped rows → :class:`CrunchbaseRecords`.

    A company only named in the rounds file gets its profile from the rounds' ``company_*``
    columns; empty cells are fine everywhere.

    Args:
        investments: rows with :data:`INVESTMENT_COLUMNS`.
        companies: rows with :data:`COMPANY_COLUMNS` (plus ``country_code`` if present).
        rounds: rows with :data:`ROUND_COLUMNS` (plus ``company_category_code``/``company_region``).

    Returns:
        The records; ``skipped`` counts rows left out per file.
    """
    out = CrunchbaseRecords(skipped={"investments": 0, "companies": 0, "rounds": 0})
    profiles: dict[str, CompanyProfile] = {}
    for row in companies:
        name = _cell(row, "name")
        if not name:
            out.skipped["companies"] += 1
            continue
        profiles[name] = CompanyProfile(
            id=name,
            name=name,
            category=_cell(row, "category_code"),
            region=_cell(row, "region"),
            country=_cell(row, "country_code"),
            founded=parse_date(_cell(row, "founded_at")),
        )
    for row in rounds:
        name = _cell(row, "company_name")
        when = parse_date(_cell(row, "funded_at"))
        if not name or when is None:
            out.skipped["rounds"] += 1
            continue
        out.rounds.append(
            Round(
                company=name,
                when=when,
                round_type=_cell(row, "funding_round_type"),
                amount_usd=parse_amount(_cell(row, "raised_amount_usd")),
            )
        )
        if name not in profiles:
            profiles[name] = CompanyProfile(
                id=name,
                name=name,
                category=_cell(row, "company_category_code"),
                region=_cell(row, "company_region"),
                country=_cell(row, "company_country_code"),
            )
    for row in investments:
        company, investor = _cell(row, "company_name"), _cell(row, "investor_name")
        when = parse_date(_cell(row, "funded_when"))
        if not company or not investor or when is None:
            out.skipped["investments"] += 1
            continue
        out.interactions.append(
            Interaction(
                investor=investor,
                company=company,
                when=when,
                amount_usd=parse_amount(_cell(row, "amount_usd")),
            )
        )
    out.companies = list(profiles.values())
    return out
