"""Matching in the platform: needs → technologies, technologies → needs, startups → open
challenges, with ``sadari_core.matching.Matcher`` over stored vectors.

Only public text goes into a ``MatchDoc`` — titles, teasers, problem/outcome/description and
field codes — never the confidential details. The explanation's shared terms come from the
same text, so "why this match" can never reveal a confidential word.

Vectors: one ``MatchVector`` per item and encoder, computed in the background after a save
(``tasks.task_match_vector_refresh``) and re-computed when the text's hash changes; a vector
missing at match time is computed then and stored. Matching is a numpy scan over the stored
vectors on SQLite and PostgreSQL alike (docs/techtrade.md: pgvector is not needed at this
size). Without an installed encoder (``SADARI_MATCH_ENCODER=none``, or none
installed) matching is lexical only.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import numpy as np
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max, QuerySet
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sadari.directory.enums import Industry
from sadari.directory.models import Organization
from sadari.techtrade.enums import ChallengeStatus, ListingStatus
from sadari.techtrade.models import Challenge, MatchVector, TechNeed, Technology
from sadari.techtrade.selectors import need_list_for, technology_list_for
from sadari_core.matching import Encoder, MatchDoc, Matcher, MatchResult, load_encoder

logger = logging.getLogger(__name__)

DEFAULT_K = 10
MAX_K = 50
KINDS = {"need": TechNeed, "technology": Technology, "challenge": Challenge}


# --- documents (public text only) ------------------------------------------------------------


def _join(*parts: str) -> str:
    return "\n".join(p.strip() for p in parts if p and p.strip())


def _title(ko: str, en: str) -> str:
    return " / ".join(t for t in (ko.strip(), en.strip()) if t)


def need_doc(need: TechNeed) -> MatchDoc:
    return MatchDoc(
        id=f"need:{need.pk}",
        title=_title(need.title_ko, need.title_en),
        text=_join(need.teaser_ko, need.teaser_en, need.problem_ko, need.problem_en,
                   need.outcome_ko, need.outcome_en),
        fields=tuple(need.fields or ()),
        trl=need.trl_wanted,
        budget_min_krw=need.budget_min_krw,
        budget_max_krw=need.budget_max_krw,
    )  # fmt: skip


def technology_doc(tech: Technology) -> MatchDoc:
    return MatchDoc(
        id=f"technology:{tech.pk}",
        title=_title(tech.title_ko, tech.title_en),
        text=_join(tech.teaser_ko, tech.teaser_en, tech.description_ko, tech.description_en),
        fields=tuple(tech.fields or ()),
        trl=tech.trl,
        budget_min_krw=tech.price_min_krw,
        budget_max_krw=tech.price_max_krw,
    )


def challenge_doc(challenge: Challenge) -> MatchDoc:
    return MatchDoc(
        id=f"challenge:{challenge.pk}",
        title=_title(challenge.title_ko, challenge.title_en),
        text=_join(challenge.summary_ko, challenge.summary_en, challenge.problem_ko,
                   challenge.problem_en),
        fields=tuple(challenge.fields or ()),
    )  # fmt: skip


def organization_doc(org: Organization, technologies: list[Technology]) -> MatchDoc:
    """A startup as a query for challenges: its public profile and its technologies' public
    text (a startup proposes what it has)."""
    fields = {f for t in technologies for f in t.fields or ()}
    if org.industry:
        fields.add(org.industry)
    return MatchDoc(
        id=f"organization:{org.pk}",
        title=_title(org.name_ko, org.name_en),
        text=_join(
            org.description_ko,
            org.description_en,
            *(technology_doc(t).title + ". " + technology_doc(t).text for t in technologies[:10]),
        ),
        fields=tuple(sorted(fields)),
        trl=max((t.trl for t in technologies if t.trl), default=None),
    )


DOC_OF = {"need": need_doc, "technology": technology_doc, "challenge": challenge_doc}


def text_hash(doc: MatchDoc) -> str:
    return hashlib.sha256(doc.full_text.encode()).hexdigest()


# --- encoder and vectors ---------------------------------------------------------------------


def current_encoder() -> Encoder | None:
    """The configured encoder (``SADARI_MATCH_ENCODER``: "auto" by default, the
    best installed one), or None for lexical-only matching when it cannot be loaded."""
    name = settings.SADARI_MATCH_ENCODER
    try:
        return load_encoder(name)
    except (ValueError, ImportError, OSError):
        logger.warning("match encoder %r unavailable; matching lexically", name)
        return None


def _to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def _from_bytes(raw: bytes, dim: int) -> np.ndarray | None:
    data = np.frombuffer(bytes(raw), dtype="<f4")
    return data.astype(np.float32) if data.size == dim else None


def vectors_for(kind: str, docs: list[tuple[int, MatchDoc]], encoder: Encoder) -> np.ndarray:
    """Vectors aligned with ``docs`` ((object id, doc) pairs): stored ones whose text hash is
    current, the rest encoded now (one batch) and stored."""
    stored = {
        v.object_id: v
        for v in MatchVector.objects.filter(
            kind=kind, encoder=encoder.name, object_id__in=[pk for pk, _d in docs]
        )
    }
    matrix = np.zeros((len(docs), encoder.dim), dtype=np.float32)
    missing: list[int] = []
    for row, (pk, doc) in enumerate(docs):
        found = stored.get(pk)
        vector = None
        if found is not None and found.text_hash == text_hash(doc) and found.dim == encoder.dim:
            vector = _from_bytes(found.vector, encoder.dim)
        if vector is None:
            missing.append(row)
        else:
            matrix[row] = vector
    if missing:
        encoded = encoder.encode([docs[row][1].full_text for row in missing])
        for offset, row in enumerate(missing):
            matrix[row] = encoded[offset]
            pk, doc = docs[row]
            _store(kind, pk, encoder, doc, encoded[offset])
    return matrix


def _store(kind: str, pk: int, encoder: Encoder, doc: MatchDoc, vector: np.ndarray) -> None:
    MatchVector.objects.update_or_create(
        kind=kind,
        object_id=pk,
        encoder=encoder.name,
        defaults={"dim": encoder.dim, "text_hash": text_hash(doc), "vector": _to_bytes(vector)},
    )


def vector_refresh(*, kind: str, object_id: int) -> bool:
    """(Re)computes one item's stored vector if its public text changed. Idempotent; returns
    whether it encoded. Without an encoder it does nothing."""
    encoder = current_encoder()
    model = KINDS.get(kind)
    if encoder is None or model is None:
        return False
    item = model.objects.filter(pk=object_id).first()
    if item is None:
        MatchVector.objects.filter(kind=kind, object_id=object_id).delete()
        return False
    doc = DOC_OF[kind](item)
    current = MatchVector.objects.filter(kind=kind, object_id=object_id, encoder=encoder.name)
    if current.filter(text_hash=text_hash(doc), dim=encoder.dim).exists():
        return False
    _store(kind, object_id, encoder, doc, encoder.encode([doc.full_text])[0])
    return True


# --- matchers over the public candidates, cached per process ---------------------------------


@dataclass
class _Index:
    fingerprint: tuple
    matcher: Matcher
    objects: dict[str, Any]


_cache: dict[tuple[str, str, str], _Index] = {}
_lock = threading.Lock()


def _candidates(kind: str) -> QuerySet:
    anonymous = AnonymousUser()  # public items only, whoever asks
    if kind == "technology":
        return technology_list_for(user=anonymous).filter(status=ListingStatus.OPEN)
    if kind == "need":
        return need_list_for(user=anonymous).filter(status=ListingStatus.OPEN)
    today = timezone.localdate()
    return Challenge.objects.select_related("host").filter(
        status=ChallengeStatus.OPEN, closes_on__gte=today
    )


def _index(kind: str, query_side: str) -> _Index:
    encoder = current_encoder()
    queryset = _candidates(kind)
    stats = queryset.order_by().aggregate(n=Count("id"), last=Max("updated_at"), top=Max("id"))
    fingerprint = (stats["n"], stats["last"], stats["top"], timezone.localdate())
    key = (kind, query_side, encoder.name if encoder else "none")
    with _lock:
        cached = _cache.get(key)
    if cached is not None and cached.fingerprint == fingerprint:
        return cached
    objects = list(queryset.order_by("id"))
    docs = [(o.pk, DOC_OF[kind](o)) for o in objects]
    vectors = vectors_for(kind, docs, encoder) if encoder is not None and docs else None
    matcher = Matcher(
        [d for _pk, d in docs],
        encoder=encoder,
        item_vectors=vectors,
        query_side=query_side,
    )
    index = _Index(
        fingerprint, matcher, {d.id: o for (_pk, d), o in zip(docs, objects, strict=True)}
    )
    with _lock:
        _cache[key] = index
    return index


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def _query_vector(kind: str, pk: int | None, doc: MatchDoc, encoder: Encoder | None):
    if encoder is None:
        return None
    if pk is not None:
        return vectors_for(kind, [(pk, doc)], encoder)[0]
    encode = getattr(encoder, "encode_queries", encoder.encode)
    return encode([doc.full_text])[0]


# --- results ---------------------------------------------------------------------------------


_NOISE_TERM = re.compile(r"[\W\d_]+")  # numbers and punctuation alone
_PREDICATE = re.compile(r"(?:니다|니까|어요|아요|해요|지요)$")  # "찾습니다", "늦습니다"


def readable_terms(terms: tuple[str, ...] | list[str]) -> list[str]:
    """Shared terms a reader can use: without the character n-grams the engine marks with
    "#", bare numbers, and Korean verb endings ("찾습니다") — they count in the score but say
    nothing about why two items fit."""
    out = []
    for term in terms:
        words = [w.strip() for w in term.split("↔")]
        if "#" in term or any(_NOISE_TERM.fullmatch(w) or _PREDICATE.search(w) for w in words):
            continue
        out.append(term)
    return out


def _lang() -> str:
    return "en" if (get_language() or "ko").startswith("en") else "ko"


def _field_codes(ex: Any) -> list[str]:
    return [f.lower() for f in ex.field_overlap]


def _field_names(codes: list[str], lang: str) -> tuple[str, ...]:
    with translation.override(lang):
        labels = dict(Industry.choices)
        return tuple(str(labels.get(code, code)) for code in codes)


@dataclass
class MatchRow:
    """One match for a page or the API: the matched object and the engine's result."""

    item: Any
    result: MatchResult

    def _readable(self, lang: str) -> Any:
        ex = self.result.explanation
        return replace(
            ex,
            shared_terms=tuple(readable_terms(ex.shared_terms)),
            field_overlap=_field_names(_field_codes(ex), lang),
        )

    @property
    def summary(self) -> str:
        """The engine's one-line summary in the current language, with field names and the
        readable shared terms only (``readable_terms``)."""
        lang = _lang()
        return self._readable(lang).summary(lang)

    def explanation_dict(self) -> dict[str, Any]:
        """The API's "why this match": the engine's ``as_dict()`` with field codes as the
        directory writes them (``drone``), readable shared terms, and both summaries."""
        data = self.result.explanation.as_dict()
        data["shared_terms"] = readable_terms(data["shared_terms"])
        data["field_overlap"] = _field_codes(self.result.explanation)
        data["summary_ko"] = self._readable("ko").summary("ko")
        data["summary_en"] = self._readable("en").summary("en")
        return data

    def reasons(self) -> list[tuple[str, str]]:
        """(label, value) pairs for "why this match", in the current language."""
        ex = self.result.explanation
        labels = dict(Industry.choices)
        out: list[tuple[str, str]] = []
        terms = readable_terms(ex.shared_terms)
        if terms:
            out.append((_("Shared terms"), ", ".join(terms[:8])))
        if ex.field_overlap:
            fields = ", ".join(str(labels.get(f.lower(), f)) for f in ex.field_overlap)
            out.append((_("Same field"), fields))
        if ex.trl_fit is not None:
            out.append((_("TRL fit"), _fit(ex.trl_fit)))
        if ex.budget_fit is not None:
            out.append((_("Budget fit"), _fit(ex.budget_fit)))
        if ex.semantic is not None:
            out.append((_("Meaning (sentence encoder)"), f"{ex.semantic:.2f}"))
        return out

    def components(self) -> list[tuple[str, float, int]]:
        """(feature, contribution, bar width %) of the score."""
        parts = self.result.explanation.components
        total = max(sum(v for v in parts.values() if v > 0), 1e-9)
        labels = {
            "lexical": _("Words"),
            "semantic": _("Meaning"),
            "field": _("Field"),
            "trl": "TRL",
            "budget": _("Budget"),
        }
        return [
            (str(labels.get(name, name)), value, round(100 * max(value, 0) / total))
            for name, value in parts.items()
        ]


def _fit(value: float) -> str:
    if value >= 0.999:
        return _("fits")
    if value > 0:
        return _("partly (%(v)s)") % {"v": f"{value:.2f}"}
    return _("does not fit")


def _rows(index: _Index, results: list[MatchResult]) -> list[MatchRow]:
    return [MatchRow(index.objects[r.item_id], r) for r in results if r.item_id in index.objects]


def _k(k: int) -> int:
    return max(1, min(MAX_K, int(k)))


def technologies_for_need(*, need: TechNeed, k: int = DEFAULT_K) -> list[MatchRow]:
    """Open technologies for a need, best first, each with its explanation."""
    index = _index("technology", "need")
    doc = need_doc(need)
    vector = _query_vector("need", need.pk, doc, index.matcher.encoder)
    return _rows(index, index.matcher.top_k(doc, _k(k), query_vector=vector))


def needs_for_technology(*, technology: Technology, k: int = DEFAULT_K) -> list[MatchRow]:
    """Open needs for a technology, best first (TRL and price read from the offer side)."""
    index = _index("need", "offer")
    doc = technology_doc(technology)
    vector = _query_vector("technology", technology.pk, doc, index.matcher.encoder)
    return _rows(index, index.matcher.top_k(doc, _k(k), query_vector=vector))


def challenges_for_organization(
    *, organization: Organization, k: int = DEFAULT_K, today: date | None = None
) -> list[MatchRow]:
    """Open challenges for a startup (its profile and public technologies as the query)."""
    techs = list(
        technology_list_for(user=AnonymousUser()).filter(
            owner=organization, status=ListingStatus.OPEN
        )
    )
    index = _index("challenge", "offer")
    doc = organization_doc(organization, techs)
    vector = _query_vector("organization", None, doc, index.matcher.encoder)
    rows = _rows(index, index.matcher.top_k(doc, _k(k), query_vector=vector))
    return [r for r in rows if r.item.is_open_on(today or timezone.localdate())]
