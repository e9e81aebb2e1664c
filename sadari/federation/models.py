"""Federation: sources (기관 데이터 연계), ingest runs, raw source records, field claims with
provenance, the entity-resolution review queue, merges, and support awards."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sadari.accounts.models import hash_token
from sadari.common.models import TimeStamped


class RecordKind(models.TextChoices):
    # The same labels as the change feed's kinds (one word for one thing across the UI).
    ORGANIZATION = "organization", _("Organizations")
    PROGRAM = "program", _("Programs")
    SPACE = "space", _("Spaces")
    FUNDING_ROUND = "funding_round", _("Funding rounds")
    JOB_POSTING = "job_posting", _("Job postings")
    EVENT = "event", _("Events")
    SUPPORT_AWARD = "support_award", _("Support awards")


class Channel(models.TextChoices):
    PUSH = "push", _("API push")
    UPLOAD = "upload", _("File upload")
    PULL = "pull", _("Scheduled pull")


class RunStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Done")
    PARTIAL = "partial", _("Done with rejected rows")
    FAILED = "failed", _("Failed")


class LinkMethod(models.TextChoices):
    SOURCE_ID = "source_id", _("Same source id")
    BUSINESS_NUMBER = "business_number", _("Same business number")
    AUTO = "auto", _("Matched automatically")
    REVIEW = "review", _("Confirmed in review")
    NEW = "new", _("New entity")
    OWNER = "owner", _("The source's own organization")


class Source(TimeStamped):
    """연계 기관 (source): an institution's, corporate's or VC's feed into the directory."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    owner = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="sources",
        null=True,  # only the platform's own source of member edits (federation.edits) has none
    )
    kinds = models.JSONField(_("record kinds"), default=list, blank=True)
    field_mapping = models.JSONField(
        _("field mapping"),
        default=dict,
        blank=True,
        help_text=_('Their field name → Sadari field, e.g. {"회사명": "name_ko"}.'),
    )
    priority = models.PositiveSmallIntegerField(_("priority"), default=50)
    field_priorities = models.JSONField(
        _("priority per field"), default=dict, blank=True, help_text=_('e.g. {"homepage": 80}')
    )
    is_registry = models.BooleanField(
        _("registry-verified"),
        default=False,
        help_text=_("An official registry: its values win over every other source."),
    )
    pull_url = models.URLField(_("pull URL"), blank=True)
    pull_interval_hours = models.PositiveIntegerField(_("pull every (hours)"), default=24)
    last_pulled_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_fictional = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.pull_url:
            from sadari.federation.pull import validate_pull_url

            validate_pull_url(self.pull_url)

    @property
    def display_name(self) -> str:
        """The name in the current language (English when the page is English and one is set)."""
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name

    def kind_labels(self) -> list[str]:
        labels = dict(RecordKind.choices)
        return [str(labels.get(k, k)) for k in self.kinds or []]

    def priority_for(self, field_name: str) -> int:
        value = (self.field_priorities or {}).get(field_name)
        return int(value) if isinstance(value, int) else self.priority


class SourceToken(TimeStamped):
    """A source's push token; only its SHA-256 hash is stored (shown once at creation)."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="tokens")
    name = models.CharField(_("name"), max_length=100, default="push")
    prefix = models.CharField(max_length=12, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.source_id}:{self.prefix}…"

    @classmethod
    def issue(cls, *, source: Source, name: str = "push") -> tuple[SourceToken, str]:
        raw = "sdrsrc_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            source=source, name=name, prefix=raw[:12], token_hash=hash_token(raw)
        )
        return token, raw

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class IngestRun(TimeStamped):
    """수집 실행 (ingest run): one batch from a source, processed record by record."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="runs")
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    idempotency_key = models.CharField(max_length=200, blank=True)
    payload_hash = models.CharField(max_length=64)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    records = models.JSONField(default=list, editable=False)  # the batch, for resume/restart
    status = models.CharField(
        _("status"), max_length=12, choices=RunStatus.choices, default=RunStatus.PENDING
    )
    position = models.PositiveIntegerField(default=0)  # records processed (resume point)
    first_row = models.PositiveIntegerField(default=1)  # row number of the first record (files: 2)
    received = models.PositiveIntegerField(_("received"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    errors = models.JSONField(default=list, blank=True)  # [{"row", "id", "field", "message"}]
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="ingestrun_idempotency_unique",
            )
        ]

    def __str__(self) -> str:
        return f"run {self.pk} ({self.source_id}, {self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in {RunStatus.SUCCEEDED, RunStatus.PARTIAL, RunStatus.FAILED}

    @property
    def percent(self) -> int:
        return 100 if not self.received else round(100 * self.position / self.received)


class SourceRecord(TimeStamped):
    """원천 레코드 (source record): the latest raw payload a source sent for one of its ids,
    and the entity it was resolved to."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="records")
    kind = models.CharField(max_length=16, choices=RecordKind.choices)
    source_key = models.CharField(_("source id"), max_length=200)
    payload = models.JSONField()
    content_hash = models.CharField(max_length=64)
    # The hash of the record as sent (after the source's field mapping, before validation and
    # cleaning): the same bytes again are unchanged without validating them again.
    raw_hash = models.CharField(max_length=64, blank=True, default="")
    observed_at = models.DateTimeField()
    last_run = models.ForeignKey(IngestRun, null=True, on_delete=models.SET_NULL)
    entity_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    link_method = models.CharField(max_length=16, choices=LinkMethod.choices, blank=True)
    link_score = models.FloatField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "source_key"], name="sourcerecord_unique"
            )
        ]
        indexes = [models.Index(fields=["kind", "entity_id"])]

    def __str__(self) -> str:
        return f"{self.source_id}/{self.kind}/{self.source_key}"


class FieldClaim(models.Model):
    """출처별 값 (field claim): one source's value for one field of one entity, when observed.

    The current claim of a (record, field) has ``superseded_at`` empty; older values are kept."""

    kind = models.CharField(max_length=16, choices=RecordKind.choices)
    entity_id = models.BigIntegerField()
    field = models.CharField(max_length=40)
    value = models.JSONField()
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="claims")
    record = models.ForeignKey(SourceRecord, on_delete=models.CASCADE, related_name="claims")
    observed_at = models.DateTimeField()
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "entity_id", "field"])]
        constraints = [
            models.UniqueConstraint(
                fields=["record", "field"],
                condition=models.Q(superseded_at__isnull=True),
                name="fieldclaim_one_current_per_record_field",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.entity_id}.{self.field}={self.value!r} ({self.source_id})"


class OrganizationKey(models.Model):
    """Blocking keys of an organization (entity resolution looks candidates up by key)."""

    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=120, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "key"], name="organizationkey_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organization_id}:{self.key}"


class CandidateStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    ACCEPTED = "accepted", _("Same organization")
    REJECTED = "rejected", _("Different organizations")
    OBSOLETE = "obsolete", _("No longer applicable")


class MatchCandidate(TimeStamped):
    """검토 대기 (review item): two organizations that may be the same, scored between the
    review and auto-link thresholds."""

    left = models.ForeignKey("directory.Organization", on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey("directory.Organization", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    explanation = models.JSONField(default=dict)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL)
    status = models.CharField(
        max_length=10, choices=CandidateStatus.choices, default=CandidateStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["left", "right"], name="matchcandidate_pair_unique")
        ]

    def __str__(self) -> str:
        return f"{self.left_id}~{self.right_id} {self.score:.2f} {self.status}"


class Merge(TimeStamped):
    """병합 (merge): ``merged`` folded into ``survivor``; ``moved`` lists what moved so that a
    split restores it exactly."""

    survivor = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="+"
    )
    merged = models.ForeignKey("directory.Organization", on_delete=models.CASCADE, related_name="+")
    moved = models.JSONField(default=dict)
    reason = models.CharField(max_length=200, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    split_at = models.DateTimeField(null=True, blank=True)
    split_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.merged_id} → {self.survivor_id}"

    @property
    def is_active(self) -> bool:
        return self.split_at is None


class SupportAward(TimeStamped):
    """지원 이력 (support award): an institution's support to a company (grant, voucher,
    space, mentoring), as fed by the institution."""

    recipient = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="support_awards"
    )
    institution = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="awards_given"
    )
    program_title = models.CharField(_("program"), max_length=200)
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    category = models.CharField(_("category"), max_length=40, blank=True)
    amount_krw = models.BigIntegerField(_("amount (KRW)"), null=True, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    is_fictional = models.BooleanField(default=False)

    class Meta:
        ordering = ["-starts_on", "id"]

    def __str__(self) -> str:
        return f"{self.institution_id} → {self.recipient_id}: {self.program_title}"

    @property
    def until(self):
        return self.ends_on or self.starts_on
