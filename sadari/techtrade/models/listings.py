"""Both sides of the market: corporate needs and technology offers, their stored match vectors,
and CSV/XLSX import batches."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sadari.common.models import TimeStamped
from sadari.techtrade.enums import LicensingModel, ListingStatus, Trl
from sadari.techtrade.models.base import pick
from sadari.techtrade.validators import (
    validate_field_codes,
    validate_licensing_models,
    validate_patent_numbers,
)


class Listing(TimeStamped):
    """What needs and technologies share: bilingual public text, field codes, status, and
    confidential details (``details_ko``/``details_en``: see docs/threat-model.md)."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title_ko = models.CharField(_("title (Korean)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    teaser_ko = models.TextField(
        _("public teaser (Korean)"),
        max_length=600,
        blank=True,
        help_text=_("Shown to everyone, and used for matching."),
    )
    teaser_en = models.TextField(_("public teaser (English)"), max_length=600, blank=True)
    fields = models.JSONField(
        _("fields"), default=list, blank=True, validators=[validate_field_codes]
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ListingStatus.choices,
        default=ListingStatus.OPEN,
        db_index=True,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Confidential: only the owner's members and organizations whose detail request the owner
    # approved after they accepted the owner's NDA. Never in lists, search, matching, exports
    # or the change feed.
    details_ko = models.TextField(_("confidential details (Korean)"), blank=True)
    details_en = models.TextField(_("confidential details (English)"), blank=True)
    is_fictional = models.BooleanField(_("fictional (demo data)"), default=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.title_ko, self.title_en)

    @property
    def teaser(self) -> str:
        return pick(self.teaser_ko, self.teaser_en)

    @property
    def details(self) -> str:
        return pick(self.details_ko, self.details_en)

    @property
    def has_details(self) -> bool:
        return bool(self.details_ko or self.details_en)

    @property
    def is_english_only(self) -> bool:
        return not self.title_ko and bool(self.title_en)


class TechNeed(Listing):
    """기술 수요 (tech need): a technology a corporate is looking for."""

    owner = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("corporate"),
        on_delete=models.CASCADE,
        related_name="tech_needs",
    )
    problem_ko = models.TextField(_("problem (Korean)"), blank=True)
    problem_en = models.TextField(_("problem (English)"), blank=True)
    outcome_ko = models.TextField(_("desired outcome (Korean)"), blank=True)
    outcome_en = models.TextField(_("desired outcome (English)"), blank=True)
    trl_wanted = models.PositiveSmallIntegerField(
        _("TRL wanted (at least)"), choices=Trl.choices, null=True, blank=True
    )
    budget_min_krw = models.BigIntegerField(_("budget from (KRW)"), null=True, blank=True)
    budget_max_krw = models.BigIntegerField(_("budget up to (KRW)"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("tech need")
        verbose_name_plural = _("tech needs")
        indexes = [models.Index(fields=["status", "published_at"])]

    @property
    def problem(self) -> str:
        return pick(self.problem_ko, self.problem_en)

    @property
    def outcome(self) -> str:
        return pick(self.outcome_ko, self.outcome_en)

    def get_absolute_url(self) -> str:
        return reverse("techtrade:need-detail", args=[self.pk])


class Technology(Listing):
    """보유 기술 (technology offer): what a startup or a university lab offers."""

    owner = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="technologies",
    )
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    trl = models.PositiveSmallIntegerField(_("TRL"), choices=Trl.choices, null=True, blank=True)
    patents = models.JSONField(
        _("patents"),
        default=list,
        blank=True,
        validators=[validate_patent_numbers],
        help_text=_("KIPRIS numbers: 10-2023-0123456 (application) or 10-1234567 (registration)."),
    )
    licensing_models = models.JSONField(
        _("licensing / partnership models"),
        default=list,
        blank=True,
        validators=[validate_licensing_models],
    )
    price_min_krw = models.BigIntegerField(_("indicative price from (KRW)"), null=True, blank=True)
    price_max_krw = models.BigIntegerField(_("indicative price up to (KRW)"), null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("technology")
        verbose_name_plural = _("technologies")
        indexes = [models.Index(fields=["status", "published_at"])]

    @property
    def description(self) -> str:
        return pick(self.description_ko, self.description_en)

    def licensing_labels(self) -> list[str]:
        labels = dict(LicensingModel.choices)
        return [str(labels.get(v, v)) for v in self.licensing_models or []]

    def get_absolute_url(self) -> str:
        return reverse("techtrade:technology-detail", args=[self.pk])


class MatchVector(models.Model):
    """매칭 벡터: a sentence-encoder embedding of an item's public text, stored so that matching
    is a scan over stored vectors. Recomputed in the background when the text changes
    (``text_hash`` is the SHA-256 of the text that was encoded)."""

    kind = models.CharField(max_length=16)  # need | technology | challenge
    object_id = models.BigIntegerField()
    encoder = models.CharField(max_length=64)
    dim = models.PositiveIntegerField()
    text_hash = models.CharField(max_length=64)
    vector = models.BinaryField()  # float32, little-endian, L2-normalised
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "encoder"], name="techtrade_vector_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} ({self.encoder})"


class ImportKind(models.TextChoices):
    NEED = "need", _("Tech needs")
    TECHNOLOGY = "technology", _("Technologies")


class TechImport(TimeStamped):
    """기술 가져오기: one uploaded CSV/XLSX of needs or technologies for one organization,
    checked row by row before an all-or-nothing commit."""

    kind = models.CharField(_("kind"), max_length=16, choices=ImportKind.choices)
    owner = models.ForeignKey("directory.Organization", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(_("file name"), max_length=255)
    payload = models.BinaryField(editable=False)
    encoding = models.CharField(max_length=16, blank=True)
    issues = models.JSONField(default=list, blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    committed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.filename}"
