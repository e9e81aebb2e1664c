"""O*NET tables as records: occupations, alternate titles, tasks and technology skills.

Pure: the caller reads the files (``sadari classify-titles`` and the benchmarks read the
tab-separated O*NET 29.x files under ``SADARI_DATA_DIR/onet-29.2``) and passes their rows here
as dictionaries keyed by the O*NET column names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

CODE = "O*NET-SOC Code"


@dataclass(frozen=True, slots=True)
class Occupation:
    """One O*NET-SOC occupation, e.g. ``15-1252.00`` "Software Developers"."""

    code: str
    title: str
    description: str = ""

    @property
    def major_group(self) -> str:
        """The 2-digit SOC major group, e.g. ``"15"`` (computer and mathematical)."""
        return self.code[:2]


@dataclass(frozen=True, slots=True)
class AlternateTitle:
    """A title people use for an occupation; ``sources`` is how many O*NET sources list it."""

    code: str
    title: str
    short_title: str = ""
    sources: int = 1


@dataclass(frozen=True, slots=True)
class TechnologySkill:
    """A technology example used in an occupation (``hot``: O*NET "Hot Technology")."""

    code: str
    example: str
    commodity: str = ""
    hot: bool = False


@dataclass(frozen=True)
class OnetData:
    """The O*NET tables Sadari uses, indexed by occupation code."""

    occupations: tuple[Occupation, ...]
    alternate_titles: tuple[AlternateTitle, ...] = ()
    tasks: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    technology_skills: tuple[TechnologySkill, ...] = ()

    @classmethod
    def from_rows(
        cls,
        *,
        occupations: Iterable[Mapping[str, str]],
        alternate_titles: Iterable[Mapping[str, str]] = (),
        tasks: Iterable[Mapping[str, str]] = (),
        technology_skills: Iterable[Mapping[str, str]] = (),
    ) -> OnetData:
        """Records from rows keyed by the O*NET column names.

        Args:
            occupations: rows of ``occupation_data`` (O*NET-SOC Code, Title, Description).
            alternate_titles: rows of ``alternate_titles`` (… Alternate Title, Short Title,
                Source(s)).
            tasks: rows of ``task_statements`` (… Task).
            technology_skills: rows of ``technology_skills`` (… Example, Commodity Title,
                Hot Technology).

        Returns:
            The tables; rows without a code or a title are skipped.
        """
        occs = tuple(
            Occupation(r[CODE].strip(), r["Title"].strip(), r.get("Description", "").strip())
            for r in occupations
            if r.get(CODE) and r.get("Title")
        )
        alts = []
        for r in alternate_titles:
            title = (r.get("Alternate Title") or "").strip()
            if not r.get(CODE) or not title:
                continue
            short = (r.get("Short Title") or "").strip()
            sources = [s for s in (r.get("Source(s)") or "").split(",") if s.strip()]
            alts.append(
                AlternateTitle(
                    r[CODE].strip(),
                    title,
                    "" if short.lower() in ("n/a", "") else short,
                    max(1, len(sources)),
                )
            )
        task_map: dict[str, list[str]] = {}
        for r in tasks:
            if r.get(CODE) and r.get("Task"):
                task_map.setdefault(r[CODE].strip(), []).append(r["Task"].strip())
        techs = tuple(
            TechnologySkill(
                r[CODE].strip(),
                r["Example"].strip(),
                (r.get("Commodity Title") or "").strip(),
                (r.get("Hot Technology") or "").strip().upper() == "Y",
            )
            for r in technology_skills
            if r.get(CODE) and r.get("Example")
        )
        return cls(
            occupations=occs,
            alternate_titles=tuple(alts),
            tasks={k: tuple(v) for k, v in task_map.items()},
            technology_skills=techs,
        )


PRIMARY_TIERS = frozenset({"Primary-Short", "Primary-Long"})


def related_occupations_from_rows(
    rows: Iterable[Mapping[str, str]], tiers: Iterable[str] | None = PRIMARY_TIERS
) -> dict[str, frozenset[str]]:
    """O*NET's related occupations as code → related codes.

    Args:
        rows: rows of ``related_occupations`` (O*NET-SOC Code, Related O*NET-SOC Code,
            Relatedness Tier, Index).
        tiers: the relatedness tiers kept (default the two primary tiers; O*NET lists each
            occupation's closest ten there, and ten more as "Supplemental"); None keeps all.

    Returns:
        The relation as given (not made symmetric), e.g. ``{"15-1252.00": {"15-1254.00", …}}``;
        rows without both codes, or of another tier, are skipped.
    """
    keep = None if tiers is None else frozenset(tiers)
    related: dict[str, set[str]] = {}
    for row in rows:
        code = (row.get(CODE) or "").strip()
        other = (row.get("Related O*NET-SOC Code") or "").strip()
        tier = (row.get("Relatedness Tier") or "").strip()
        if not code or not other or code == other or (keep is not None and tier not in keep):
            continue
        related.setdefault(code, set()).add(other)
    return {code: frozenset(codes) for code, codes in related.items()}
