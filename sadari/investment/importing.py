"""Importers of real investment data a user can load: the VCS portal's Korean venture funds
and their managing firms, and the Crunchbase 2013 files (companies, rounds, investments,
acquisitions).

Both are idempotent — an organization's id in the source is kept in ``ImportedOrganization``,
a round's or a fund's key in ``source_ref``/``external_id`` — and report what they matched,
created, updated, left unchanged and skipped (with row numbers). Files are streamed (plain or
gzip) and written in bulk; imported rows are real data (``is_fictional=False``) marked with
their source. Existing organizations are matched by their normalized name
(``normalize_company_name``: "(주)카카오벤처스" = "카카오벤처스"); investors also by name
variants (``investor_name_variants``: "케이비인베스트먼트(주)" = "KB Investment Co., Ltd."),
and the report lists examples of each match.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

from sadari.directory import search
from sadari.directory.enums import Industry, OrgCategory, OrgKind
from sadari.directory.models import Organization
from sadari.investment.enums import Currency, InvestorType, RoundSource, RoundType
from sadari.investment.models import (
    Acquisition,
    Fund,
    FundingRound,
    ImportedOrganization,
    InvestorProfile,
    RoundInvestor,
)
from sadari.investment.money import to_krw
from sadari.investment.names import investor_name_variants
from sadari.investment.recommend import recommender_invalidate
from sadari_core.text.company import normalize_company_name

MAX_EXAMPLES = 20
BATCH = 2000


class ImportFileError(Exception):
    """The file cannot be imported at all (missing, wrong columns)."""


@dataclass
class Tally:
    counts: Counter[str] = field(default_factory=Counter)
    skipped: list[tuple[str, int, str]] = field(default_factory=list)  # (file, row, reason)
    # (what, name in the source, organization id, how: "name" | "name variant")
    matches: list[tuple[str, str, int, str]] = field(default_factory=list)

    def add(self, what: str, n: int = 1) -> None:
        self.counts[what] += n

    def skip(self, file: str, row: int, reason: str) -> None:
        self.counts[f"{file}: skipped"] += 1
        if len(self.skipped) < MAX_EXAMPLES:
            self.skipped.append((file, row, reason))

    def matched(self, what: str, name: str, pk: int, how: str) -> None:
        """Remembers an example of a row matched to an existing organization (for the report)."""
        self.counts[f"{what} matched by {how}"] += 1
        if sum(1 for m in self.matches if m[0] == what and m[3] == how) < MAX_EXAMPLES:
            self.matches.append((what, name, pk, how))

    def lines(self) -> list[str]:
        out = [f"{name}: {n:,}" for name, n in sorted(self.counts.items())]
        names = dict(
            Organization.objects.filter(pk__in={m[2] for m in self.matches}).values_list(
                "pk", "name_ko"
            )
        )
        out += [
            f"  matched {what} {name!r} → {names.get(pk, '?')} (#{pk}) by {how}"
            for what, name, pk, how in self.matches
        ]
        out += [f"  skipped {file} row {row}: {reason}" for file, row, reason in self.skipped]
        return out


def _open_text(path: Path) -> io.TextIOBase:
    if not path.exists():
        raise ImportFileError(f"{path}: no such file")
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", newline="")
    return path.open(encoding="utf-8-sig", newline="")


def _rows(path: Path, required: set[str], limit: int | None = None) -> Iterator[tuple[int, dict]]:
    """(row number counting the header as 1, row) for each data row; ImportFileError when a
    required column is missing."""
    with _open_text(path) as handle:
        reader = csv.DictReader(handle)
        missing = required - set(reader.fieldnames or [])
        if missing:
            raise ImportFileError(f"{path.name}: missing columns {', '.join(sorted(missing))}")
        for n, row in enumerate(reader, start=2):
            if limit is not None and n - 1 > limit:
                return
            yield n, {k: (v or "").strip() for k, v in row.items() if k}


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _int(text: str) -> int | None:
    try:
        return int(float(text)) if text else None
    except ValueError:
        return None


class _OrgIndex:
    """Organizations by normalized name (Korean, English, aliases) for matching; for the
    ``variant_kinds`` (investors) also by :func:`investor_name_variants`, used only when a
    variant points to exactly one organization."""

    def __init__(
        self, kinds: tuple[str, ...], variant_kinds: tuple[str, ...] = (), *, romanize: bool = True
    ) -> None:
        self.by_name: dict[str, int] = {}
        self.variants: dict[str, set[int]] = {}
        self.variant_kinds = set(variant_kinds)
        self.romanize = romanize
        self.exact_claimed: set[int] = set()
        self.shared_variants: set[str] = set()
        rows = Organization.objects.filter(kind__in=kinds, merged_into__isnull=True).values_list(
            "pk", "kind", "name_ko", "name_en", "aliases"
        )
        for pk, kind, name_ko, name_en, aliases in rows.order_by("pk"):
            for name in (name_ko, name_en, *(aliases or [])):
                key = normalize_company_name(name or "")
                if key:
                    self.by_name.setdefault(key, pk)
                if kind in self.variant_kinds and name:
                    for variant in investor_name_variants(name, romanize=self.romanize):
                        self.variants.setdefault(variant, set()).add(pk)

    def find(self, name: str) -> int | None:
        return self.match(name)[0]

    def reserve(self, source_names: Iterable[str]) -> None:
        """Tells the index every name the source holds, so that variants never merge what the
        source keeps apart: an organization another source name matches exactly is not a
        variant's, and a variant two source names share matches neither (the VCS registry
        lists 스파크랩 and 스파크랩파트너스 as two operators)."""
        counts: Counter[str] = Counter()
        for name in set(source_names):
            key = normalize_company_name(name)
            if key and key in self.by_name:
                self.exact_claimed.add(self.by_name[key])
            counts.update(investor_name_variants(name, romanize=self.romanize))
        self.shared_variants = {v for v, n in counts.items() if n > 1}

    def match(self, name: str, *, variants: bool = False) -> tuple[int | None, str]:
        """(organization id or None, how: "name" | "name variant" | "")."""
        key = normalize_company_name(name)
        if key and (pk := self.by_name.get(key)) is not None:
            return pk, "name"
        if variants:
            wanted = investor_name_variants(name, romanize=self.romanize) - self.shared_variants
            found = {pk for v in wanted for pk in self.variants.get(v, ())}
            found -= self.exact_claimed
            if len(found) == 1:
                return found.pop(), "name variant"
        return None, ""

    def add(self, name: str, pk: int, kind: str = "") -> None:
        key = normalize_company_name(name)
        if key:
            self.by_name.setdefault(key, pk)
        if kind in self.variant_kinds:
            for variant in investor_name_variants(name, romanize=self.romanize):
                self.variants.setdefault(variant, set()).add(pk)


def _mapping(source: str) -> dict[str, int]:
    return dict(
        ImportedOrganization.objects.filter(source=source).values_list("key", "organization_id")
    )


def _create_orgs(rows: list[Organization]) -> list[Organization]:
    for row in rows:
        row.fill_sort_name()
    created = Organization.objects.bulk_create(rows, batch_size=BATCH)
    if created and created[0].pk is None:  # backends that do not return ids
        raise RuntimeError("bulk_create did not return primary keys")
    search.index_later("organization", [o.pk for o in created])
    return created


# --- VCS funds -------------------------------------------------------------------------------

VCS_COLUMNS = {"fund_id", "fund_name", "operator_id", "operator_name", "fund_size_krw",
               "establishment_date"}  # fmt: skip
_ACCELERATOR_WORDS = ("액셀러레이터", "엑셀러레이터", "accelerator", "기술지주", "랩스", "lab")
_CVC_WORDS = ("cvc",)


def _vcs_type(name: str) -> str:
    lowered = name.casefold()
    if any(w in lowered for w in _ACCELERATOR_WORDS):
        return InvestorType.ACCELERATOR
    if any(w in lowered for w in _CVC_WORDS):
        return InvestorType.CVC
    return InvestorType.VC


@transaction.atomic
def import_vc_funds(path: Path, *, limit: int | None = None) -> Tally:
    """Korean venture funds (VCS portal) → investor organizations with their funds.

    Managing firms are matched by their VCS id (from an earlier import), then by normalized
    name against existing investor organizations, else created (kind investor). Funds are keyed
    by (VCS fund id, manager). Each firm's profile gets its type when it has none and, from its
    latest fund, the vintage and size. Idempotent; transactional.
    """
    tally = Tally()
    mapping = _mapping(RoundSource.VCS)
    names = _OrgIndex((OrgKind.INVESTOR,), variant_kinds=(OrgKind.INVESTOR,))
    operators: dict[str, str] = {}
    funds: dict[tuple[str, str], dict[str, Any]] = {}
    for n, row in _rows(path, VCS_COLUMNS, limit):
        tally.add("rows read")
        if not row["fund_id"] or not row["operator_id"] or not row["operator_name"]:
            tally.skip(path.name, n, "no fund id or managing firm")
            continue
        size = _int(row["fund_size_krw"])
        if row["fund_size_krw"] and (size is None or size < 0):
            tally.skip(path.name, n, f"bad fund size {row['fund_size_krw']!r}")
            continue
        key = (row["fund_id"], row["operator_id"])
        if key in funds:
            tally.skip(path.name, n, f"fund {row['fund_id']} repeated")
            continue
        operators.setdefault(row["operator_id"], row["operator_name"])
        funds[key] = {
            "name": row["fund_name"][:200] or row["fund_id"],
            "size_krw": size,
            "established_on": _date(row["establishment_date"]),
            "expires_on": _date(row.get("expiry_date", "")),
            "field_type": row.get("investment_field_type", "")[:40],
            "field_detail": row.get("investment_field_detail_type", "")[:60],
            "is_mother_fund_backed": bool(row.get("mother_fund_id")),
        }
    # Managing firms.
    names.reserve(operators.values())
    org_of: dict[str, int] = {}
    to_create: list[tuple[str, Organization]] = []
    for op_id, name in operators.items():
        if op_id in mapping:
            org_of[op_id] = mapping[op_id]
            tally.add("firms matched by VCS id")
        elif (found := names.match(name, variants=True))[0] is not None:
            pk, how = found
            org_of[op_id] = pk
            tally.matched("firms", name, pk, how)
        else:
            kind = _vcs_type(name)
            category = {
                InvestorType.ACCELERATOR: OrgCategory.ACCELERATOR,
                InvestorType.CVC: OrgCategory.CVC,
            }.get(kind, OrgCategory.VC)
            to_create.append(
                (op_id, Organization(kind=OrgKind.INVESTOR, category=category, name_ko=name[:200]))
            )
    created = _create_orgs([org for _op, org in to_create])
    for (op_id, _org), org in zip(to_create, created, strict=True):
        org_of[op_id] = org.pk
        names.add(org.name_ko, org.pk, OrgKind.INVESTOR)
    tally.add("firms created", len(created))
    ImportedOrganization.objects.bulk_create(
        [
            ImportedOrganization(source=RoundSource.VCS, key=op_id, organization_id=pk)
            for op_id, pk in org_of.items()
            if op_id not in mapping
        ],
        ignore_conflicts=True,
    )
    # Funds.
    existing = {
        (f.external_id, f.manager_id): f
        for f in Fund.objects.filter(source=RoundSource.VCS, manager_id__in=set(org_of.values()))
    }
    new_funds: list[Fund] = []
    changed: list[Fund] = []
    fields = list(next(iter(funds.values()), {}).keys())
    for (fund_id, op_id), values in funds.items():
        manager = org_of[op_id]
        fund = existing.get((fund_id, manager))
        if fund is None:
            new_funds.append(
                Fund(manager_id=manager, external_id=fund_id, source=RoundSource.VCS, **values)
            )
        elif any(getattr(fund, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(fund, k, v)
            changed.append(fund)
        else:
            tally.add("funds unchanged")
    Fund.objects.bulk_create(new_funds, batch_size=BATCH)
    if changed:
        Fund.objects.bulk_update(changed, fields, batch_size=BATCH)
    tally.add("funds created", len(new_funds))
    tally.add("funds updated", len(changed))
    _vcs_profiles(set(org_of.values()), tally)
    return tally


def _vcs_profiles(org_ids: set[int], tally: Tally) -> None:
    """Type, vintage and size from the latest fund, where the profile has none yet."""
    latest: dict[int, Fund] = {}
    for fund in Fund.objects.filter(manager_id__in=org_ids).order_by(
        "manager_id", "established_on"
    ):
        latest[fund.manager_id] = fund
    profiles = {
        p.organization_id: p for p in InvestorProfile.objects.filter(organization_id__in=org_ids)
    }
    orgs = Organization.objects.in_bulk(list(org_ids))
    new, changed = [], []
    for pk in org_ids:
        fund = latest.get(pk)
        profile = profiles.get(pk)
        if profile is None:
            profile = InvestorProfile(organization_id=pk, source=RoundSource.VCS)
            new.append(profile)
        before = (profile.investor_type, profile.fund_vintage, profile.fund_size_krw)
        if not profile.investor_type:
            profile.investor_type = _vcs_type(orgs[pk].name_ko)
        if fund is not None and profile.source == RoundSource.VCS:
            profile.fund_vintage = fund.vintage
            profile.fund_size_krw = fund.size_krw
        if profile.pk and before != (
            profile.investor_type,
            profile.fund_vintage,
            profile.fund_size_krw,
        ):
            changed.append(profile)
    InvestorProfile.objects.bulk_create(new, batch_size=BATCH)
    if changed:
        InvestorProfile.objects.bulk_update(
            changed, ["investor_type", "fund_vintage", "fund_size_krw"]
        )
    tally.add("investor profiles created", len(new))
    tally.add("investor profiles updated", len(changed))


# --- Crunchbase 2013 -------------------------------------------------------------------------

CB_FILES = {
    "companies": "companies.csv.gz",
    "rounds": "rounds_before_2013.csv.gz",
    "investments": "investments_before_2013.csv.gz",
    "acquisitions": "acquisitions_before_2013.csv.gz",
}
CB_ROUND_TYPES = {
    "angel": RoundType.ANGEL, "seed": RoundType.SEED, "series-a": RoundType.SERIES_A,
    "series-b": RoundType.SERIES_B, "series-c+": RoundType.SERIES_C,
    "venture": RoundType.VENTURE, "private-equity": RoundType.PRIVATE_EQUITY,
}  # fmt: skip
CB_INDUSTRIES = {
    "software": Industry.SOFTWARE, "web": Industry.SOFTWARE, "mobile": Industry.SOFTWARE,
    "enterprise": Industry.SOFTWARE, "network_hosting": Industry.SOFTWARE,
    "security": Industry.SOFTWARE, "messaging": Industry.SOFTWARE, "search": Industry.SOFTWARE,
    "analytics": Industry.AI, "biotech": Industry.BIO, "health": Industry.BIO,
    "medical": Industry.BIO, "ecommerce": Industry.COMMERCE, "travel": Industry.COMMERCE,
    "games_video": Industry.GAMES, "cleantech": Industry.CLIMATE,
    "hardware": Industry.MANUFACTURING, "manufacturing": Industry.MANUFACTURING,
    "nanotech": Industry.MANUFACTURING, "semiconductor": Industry.SEMICONDUCTOR,
    "advertising": Industry.CONTENT, "news": Industry.CONTENT, "music": Industry.CONTENT,
    "photo_video": Industry.CONTENT, "public_relations": Industry.CONTENT,
    "social": Industry.CONTENT, "finance": Industry.FINTECH, "education": Industry.EDUTECH,
    "fashion": Industry.FASHION, "real_estate": Industry.PROPTECH,
    "transportation": Industry.MOBILITY, "automotive": Industry.MOBILITY,
    "nonprofit": Industry.SOCIAL,
}  # fmt: skip
_FIRM_WORDS = re.compile(
    r"capital|ventures?|partners|fund|investments?|holdings|group|equity|labs?|angels|"
    r"associates|management|advisors|llc|inc\b|corp|bank|foundation|incubator|accelerator|"
    r"combinator|techstars|network|university|\&",
    re.IGNORECASE,
)


def _cb_city(row: dict[str, str], prefix: str = "") -> str:
    city = row.get(f"{prefix}city", "")
    state = row.get(f"{prefix}state_code", "")
    return (f"{city}, {state}" if city and state else city or row.get(f"{prefix}region", ""))[:40]


def _cb_company(row: dict[str, str], prefix: str = "") -> Organization:
    name = row.get(f"{prefix}name", "") or row.get(f"{prefix}permalink", "")
    category = row.get(f"{prefix}category_code", "")
    founded = _date(row.get("founded_at", "")) if not prefix else None
    return Organization(
        kind=OrgKind.STARTUP,
        name_ko=name[:200],
        name_en=name[:200],
        industry=CB_INDUSTRIES.get(category, Industry.OTHER if category else ""),
        city=_cb_city(row, prefix),
        district=row.get(f"{prefix}region", "")[:40],
        founded_on=founded,
        description_en=f"Crunchbase 2013 · category: {category or '-'}",
        is_fictional=False,
    )


@dataclass
class _Crunchbase:
    tally: Tally
    mapping: dict[str, int]
    names: _OrgIndex
    by_name: dict[str, int] = field(default_factory=dict)  # Crunchbase company name → org
    new_refs: list[ImportedOrganization] = field(default_factory=list)

    def org_for(
        self, key: str, make: Any, what: str, *, match_name: str = "", variants: bool = False
    ) -> tuple[int | None, Organization | None]:
        """(known org id, or None and a new unsaved organization to create). ``variants``:
        also match by :func:`investor_name_variants` (investors)."""
        if key in self.mapping:
            self.tally.add(f"{what} matched by Crunchbase id")
            return self.mapping[key], None
        pk, how = self.names.match(match_name, variants=variants) if match_name else (None, "")
        if pk is not None:
            self.tally.matched(what, match_name, pk, how)
            self.mapping[key] = pk
            self.new_refs.append(
                ImportedOrganization(source=RoundSource.CRUNCHBASE, key=key, organization_id=pk)
            )
            return pk, None
        return None, make()

    def created(self, keys: list[str], orgs: list[Organization], what: str) -> None:
        for key, org in zip(keys, _create_orgs(orgs), strict=True):
            self.mapping[key] = org.pk
            self.names.add(org.name_en or org.name_ko, org.pk, org.kind)
            self.new_refs.append(
                ImportedOrganization(source=RoundSource.CRUNCHBASE, key=key, organization_id=org.pk)
            )
        self.tally.add(f"{what} created", len(orgs))

    def flush_refs(self) -> None:
        ImportedOrganization.objects.bulk_create(
            self.new_refs, batch_size=BATCH, ignore_conflicts=True
        )
        self.new_refs.clear()


def import_crunchbase(directory: Path, *, limit: int | None = None) -> Tally:
    """The Crunchbase 2013 files → startups, rounds (USD kept, KRW converted), investors and
    acquisitions. Companies are keyed by permalink, investors by their name as written
    (investments have names only: a company is found by its exact name in companies.csv or
    the rounds). ``limit`` reads at most that many rows of each file (tests, trials).
    Each file commits on its own; running it again changes nothing."""
    for name in CB_FILES.values():
        if not (directory / name).exists():
            raise ImportFileError(f"{directory / name}: no such file")
    state = _Crunchbase(
        tally=Tally(),
        mapping=_mapping(RoundSource.CRUNCHBASE),
        # Crunchbase is not a Korean source: its investors meet Korean names only through a
        # directory record's English name, never by romanizing Hangul ("IDEO" ≠ 아이디어파트너스).
        names=_OrgIndex(
            (OrgKind.STARTUP, OrgKind.INVESTOR, OrgKind.CORPORATE),
            variant_kinds=(OrgKind.INVESTOR,),
            romanize=False,
        ),
    )
    with transaction.atomic():
        _cb_companies(state, directory / CB_FILES["companies"], limit)
    with transaction.atomic():
        rounds_by_day = _cb_rounds(state, directory / CB_FILES["rounds"], limit)
    with transaction.atomic():
        investments = directory / CB_FILES["investments"]
        state.names.reserve(
            row["investor_name"] for _n, row in _rows(investments, {"investor_name"}, limit)
        )
        _cb_investments(state, investments, limit, rounds_by_day)
    with transaction.atomic():
        _cb_acquisitions(state, directory / CB_FILES["acquisitions"], limit)
    recommender_invalidate()
    return state.tally


def _cb_companies(state: _Crunchbase, path: Path, limit: int | None) -> None:
    keys: list[str] = []
    new: list[Organization] = []
    for n, row in _rows(path, {"permalink", "name", "category_code"}, limit):
        state.tally.add("companies read")
        key = row["permalink"]
        if not key or not row["name"]:
            state.tally.skip(path.name, n, "no permalink or name")
            continue
        if key in keys:
            state.tally.skip(path.name, n, f"{key} repeated")
            continue
        pk, org = state.org_for(key, lambda row=row: _cb_company(row), "companies")
        if org is not None:
            keys.append(key)
            new.append(org)
        else:
            state.by_name.setdefault(row["name"], pk)
    state.created(keys, new, "companies")
    for key, org in zip(keys, new, strict=True):
        state.by_name.setdefault(org.name_en, state.mapping[key])
    state.flush_refs()


def _cb_rounds(state: _Crunchbase, path: Path, limit: int | None) -> dict[tuple[int, date], int]:
    cols = {
        "company_permalink",
        "company_name",
        "funding_round_type",
        "funded_at",
        "raised_amount_usd",
    }
    parsed: list[tuple[int, dict[str, str], str, date]] = []
    missing_keys: list[str] = []
    missing_orgs: list[Organization] = []
    for n, row in _rows(path, cols, limit):
        state.tally.add("rounds read")
        day = _date(row["funded_at"])
        if not row["company_permalink"] or day is None:
            state.tally.skip(path.name, n, "no company or no valid date")
            continue
        key = row["company_permalink"]
        if key not in state.mapping and key not in missing_keys:
            pk, org = state.org_for(
                key, lambda row=row: _cb_company(row, "company_"), "companies", match_name=""
            )
            if org is not None:
                missing_keys.append(key)
                missing_orgs.append(org)
        parsed.append((n, row, key, day))
    state.created(missing_keys, missing_orgs, "companies (from rounds)")
    state.flush_refs()
    existing = {
        ref: (pk, amount)
        for ref, pk, amount in FundingRound.objects.filter(
            source=RoundSource.CRUNCHBASE
        ).values_list("source_ref", "pk", "amount_original")
    }
    new: list[FundingRound] = []
    seen: set[str] = set()
    changed: list[FundingRound] = []
    for n, row, key, day in parsed:
        company = state.mapping[key]
        state.by_name.setdefault(row["company_name"], company)
        kind = row["funding_round_type"].lower()
        ref = f"{key}|{kind}|{day.isoformat()}"
        if ref in seen:
            state.tally.skip(path.name, n, f"round {ref} repeated")
            continue
        seen.add(ref)
        usd = _int(row["raised_amount_usd"])
        if ref in existing:
            pk, amount = existing[ref]
            if amount != usd:
                changed.append(
                    FundingRound(pk=pk, amount_original=usd, amount_krw=to_krw(usd, "USD", day))
                )
            else:
                state.tally.add("rounds unchanged")
            continue
        new.append(
            FundingRound(
                company_id=company, round_type=CB_ROUND_TYPES.get(kind, RoundType.OTHER),
                announced_on=day, currency=Currency.USD, amount_original=usd,
                amount_krw=to_krw(usd, "USD", day), source=RoundSource.CRUNCHBASE,
                source_ref=ref[:300], note="" if kind in CB_ROUND_TYPES else f"Crunchbase: {kind}",
            )
        )  # fmt: skip
    FundingRound.objects.bulk_create(new, batch_size=BATCH)
    if changed:
        FundingRound.objects.bulk_update(
            changed, ["amount_original", "amount_krw"], batch_size=BATCH
        )
    state.tally.add("rounds created", len(new))
    state.tally.add("rounds updated", len(changed))
    by_day: dict[tuple[int, date], int] = {}
    for pk, company, day in (
        FundingRound.objects.filter(source=RoundSource.CRUNCHBASE)
        .order_by("id")
        .values_list("pk", "company_id", "announced_on")
    ):
        by_day.setdefault((company, day), pk)
    return by_day


def _is_person(name: str) -> bool:
    words = name.split()
    return (
        2 <= len(words) <= 3
        and not _FIRM_WORDS.search(name)
        and all(w[:1].isupper() for w in words)
    )


def _cb_investments(
    state: _Crunchbase, path: Path, limit: int | None, rounds_by_day: dict[tuple[int, date], int]
) -> None:
    cols = {"company_name", "investor_name", "funded_when", "amount_usd"}
    rows: list[tuple[int, int, str, date, int | None]] = []
    investor_keys: list[str] = []
    investor_orgs: list[Organization] = []
    seen_investors: set[str] = set()
    for n, row in _rows(path, cols, limit):
        state.tally.add("investments read")
        day = _date(row["funded_when"])
        company = state.by_name.get(row["company_name"])
        if company is None:
            state.tally.skip(
                path.name, n, f"company {row['company_name']!r} not in companies or rounds"
            )
            continue
        if not row["investor_name"] or day is None:
            state.tally.skip(path.name, n, "no investor or no valid date")
            continue
        key = f"investor:{row['investor_name']}"
        if key in state.mapping and key not in seen_investors:
            state.tally.add("investors matched by Crunchbase id")
        seen_investors.add(key)
        if key not in state.mapping and key not in investor_keys:
            name = row["investor_name"]
            pk, org = state.org_for(
                key,
                lambda name=name: Organization(
                    kind=OrgKind.INVESTOR,
                    category=OrgCategory.ANGEL if _is_person(name) else OrgCategory.VC,
                    name_ko=name[:200], name_en=name[:200], is_fictional=False,
                    description_en="Crunchbase 2013 investor",
                ),
                "investors",
                match_name=name,
                variants=True,
            )  # fmt: skip
            if org is not None:
                investor_keys.append(key)
                investor_orgs.append(org)
        rows.append((n, company, key, day, _int(row["amount_usd"])))
    state.created(investor_keys, investor_orgs, "investors")
    state.flush_refs()
    # Rounds named by an investment but missing from the rounds file.
    extra: dict[tuple[int, date], FundingRound] = {}
    for _n, company, _key, day, usd in rows:
        if (company, day) not in rounds_by_day and (company, day) not in extra:
            extra[(company, day)] = FundingRound(
                company_id=company, round_type=RoundType.OTHER, announced_on=day,
                currency=Currency.USD, amount_original=usd, amount_krw=to_krw(usd, "USD", day),
                source=RoundSource.CRUNCHBASE, source_ref=f"{company}|investment|{day.isoformat()}",
                note="Crunchbase: from the investments file",
            )  # fmt: skip
    existing_refs = set(
        FundingRound.objects.filter(
            source=RoundSource.CRUNCHBASE, source_ref__in=[r.source_ref for r in extra.values()]
        ).values_list("source_ref", flat=True)
    )
    to_create = [r for r in extra.values() if r.source_ref not in existing_refs]
    FundingRound.objects.bulk_create(to_create, batch_size=BATCH)
    state.tally.add("rounds created (from investments)", len(to_create))
    if extra:
        for pk, company, day in FundingRound.objects.filter(
            source=RoundSource.CRUNCHBASE, source_ref__in=[r.source_ref for r in extra.values()]
        ).values_list("pk", "company_id", "announced_on"):
            rounds_by_day.setdefault((company, day), pk)
    links = set(
        RoundInvestor.objects.filter(round__source=RoundSource.CRUNCHBASE).values_list(
            "round_id", "investor_id"
        )
    )
    new_links: list[RoundInvestor] = []
    for _n, company, key, day, _usd in rows:
        pair = (rounds_by_day[(company, day)], state.mapping[key])
        if pair in links:
            state.tally.add("investments unchanged or repeated")
            continue
        links.add(pair)
        new_links.append(RoundInvestor(round_id=pair[0], investor_id=pair[1]))
    RoundInvestor.objects.bulk_create(new_links, batch_size=BATCH, ignore_conflicts=True)
    state.tally.add("investments created", len(new_links))


def _cb_acquisitions(state: _Crunchbase, path: Path, limit: int | None) -> None:
    cols = {
        "company_permalink",
        "company_name",
        "acquirer_permalink",
        "acquirer_name",
        "acquired_at",
    }
    parsed = []
    keys: list[str] = []
    orgs: list[Organization] = []
    for n, row in _rows(path, cols, limit):
        state.tally.add("acquisitions read")
        day = _date(row["acquired_at"])
        if not row["company_permalink"] or not row["acquirer_permalink"] or day is None:
            state.tally.skip(path.name, n, "no company, acquirer or valid date")
            continue
        for prefix, kind in (("company_", OrgKind.STARTUP), ("acquirer_", OrgKind.CORPORATE)):
            key = row[f"{prefix}permalink"]
            if key in state.mapping or key in keys:
                continue

            def make(row=row, prefix=prefix, kind=kind) -> Organization:
                org = _cb_company(row, prefix)
                org.kind = kind
                return org

            _pk, org = state.org_for(key, make, "acquisition parties")
            if org is not None:
                keys.append(key)
                orgs.append(org)
        parsed.append((n, row, day))
    state.created(keys, orgs, "acquisition parties")
    state.flush_refs()
    existing = set(
        Acquisition.objects.filter(source=RoundSource.CRUNCHBASE).values_list(
            "source_ref", flat=True
        )
    )
    new = []
    for _n, row, day in parsed:
        ref = f"{row['company_permalink']}|{row['acquirer_permalink']}|{day.isoformat()}"
        if ref in existing:
            state.tally.add("acquisitions unchanged or repeated")
            continue
        existing.add(ref)
        price = _int(row.get("price_amount", ""))
        currency = (row.get("price_currency_code") or "USD")[:3]
        new.append(
            Acquisition(
                company_id=state.mapping[row["company_permalink"]],
                acquirer_id=state.mapping[row["acquirer_permalink"]],
                announced_on=day, price_original=price, currency=currency,
                price_krw=to_krw(price, currency, day), source=RoundSource.CRUNCHBASE,
                source_ref=ref[:300],
            )
        )  # fmt: skip
    Acquisition.objects.bulk_create(new, batch_size=BATCH)
    state.tally.add("acquisitions created", len(new))
