"""The ecosystem directory: organizations, people, programs, spaces, and the search documents."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sadari.common.i18n import pick_language
from sadari.common.models import TimeStamped
from sadari.directory.enums import Industry, OrgCategory, OrgKind, SearchKind, SpaceKind, Stage
from sadari.directory.validators import validate_brn
from sadari_core.text.company import strip_legal_form

_pick = pick_language


class Organization(TimeStamped):
    """조직 (organization): a startup, corporate, investor, support institution, academy, hub
    or university.

    Public fields are shown to everyone; ``contact_email``, ``contact_phone`` and ``revenue_krw``
    only to the organization's members, institution staff and city operators
    (see docs/threat-model.md).
    """

    kind = models.CharField(_("kind"), max_length=16, choices=OrgKind.choices, db_index=True)
    category = models.CharField(
        _("category"), max_length=32, choices=OrgCategory.choices, blank=True, default=""
    )
    name_ko = models.CharField(_("name (Korean)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    sort_name = models.CharField(max_length=200, editable=False, db_index=True, default="")
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    business_number = models.CharField(
        _("business registration number"),
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_brn],
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    city = models.CharField(_("city / province"), max_length=40, blank=True)
    district = models.CharField(_("district"), max_length=40, blank=True, db_index=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    industry = models.CharField(
        _("industry"), max_length=16, choices=Industry.choices, blank=True, db_index=True
    )
    stage = models.CharField(
        _("stage"), max_length=16, choices=Stage.choices, blank=True, default=""
    )
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    homepage = models.URLField(_("homepage"), blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    host = models.ForeignKey(
        "self",
        verbose_name=_("host institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted",
        help_text=_("The support institution, hub or academy this organization is based at."),
    )
    # Non-public fields.
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    revenue_krw = models.BigIntegerField(_("annual revenue (KRW)"), null=True, blank=True)
    is_fictional = models.BooleanField(
        _("fictional (demo data)"), default=False, help_text=_("Generated for the demo.")
    )
    # Set when entity resolution folds this record into another (reversible: see federation.Merge).
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        ordering = ["sort_name", "id"]
        indexes = [
            models.Index(fields=["kind", "sort_name"]),
            models.Index(fields=["host", "kind"]),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.fill_sort_name()
        super().save(*args, **kwargs)

    def fill_sort_name(self) -> None:
        """The name as sorted in lists: legal forms like (주) stripped, Korean first."""
        self.sort_name = strip_legal_form(self.name_ko or self.name_en).strip()[:200]

    @property
    def name(self) -> str:
        return _pick(self.name_ko, self.name_en)

    @property
    def description(self) -> str:
        return _pick(self.description_ko, self.description_en)

    def get_absolute_url(self) -> str:
        return reverse("directory:organization-detail", args=[self.pk])


class Person(TimeStamped):
    """인물 (person): founders, experts, staff, investors' partners. Contacts are not public."""

    name_ko = models.CharField(_("name (Korean)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=100, blank=True)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    bio_ko = models.TextField(_("bio (Korean)"), blank=True)
    bio_en = models.TextField(_("bio (English)"), blank=True)
    expertise = models.JSONField(_("expertise"), default=list, blank=True)
    is_public = models.BooleanField(_("listed publicly"), default=True)
    # Non-public fields.
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_fictional = models.BooleanField(default=False)

    class Meta:
        ordering = ["name_ko", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _pick(self.name_ko, self.name_en)

    @property
    def bio(self) -> str:
        return _pick(self.bio_ko, self.bio_en)

    def get_absolute_url(self) -> str:
        return reverse("directory:person-detail", args=[self.pk])


class Program(TimeStamped):
    """지원사업 (support program): hosted by an institution, with eligibility and benefit."""

    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    host = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="programs")
    summary_ko = models.TextField(_("summary (Korean)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    eligibility_ko = models.TextField(_("eligibility (Korean)"), blank=True)
    eligibility_en = models.TextField(_("eligibility (English)"), blank=True)
    benefit_ko = models.CharField(_("benefit (Korean)"), max_length=300, blank=True)
    benefit_en = models.CharField(_("benefit (English)"), max_length=300, blank=True)
    benefit_amount_krw = models.BigIntegerField(_("benefit amount (KRW)"), null=True, blank=True)
    industry = models.CharField(_("industry"), max_length=16, choices=Industry.choices, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    apply_by = models.DateField(_("apply by"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    url = models.URLField(_("application link"), blank=True)
    is_fictional = models.BooleanField(default=False)

    class Meta:
        ordering = ["-starts_on", "id"]
        indexes = [models.Index(fields=["host", "starts_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _pick(self.title_ko, self.title_en)

    @property
    def summary(self) -> str:
        return _pick(self.summary_ko, self.summary_en)

    @property
    def eligibility(self) -> str:
        return _pick(self.eligibility_ko, self.eligibility_en)

    @property
    def benefit(self) -> str:
        return _pick(self.benefit_ko, self.benefit_en)

    def get_absolute_url(self) -> str:
        return reverse("directory:program-detail", args=[self.pk])


class Space(TimeStamped):
    """공간 (space): meeting rooms, desks, labs, studios and halls of an institution."""

    name_ko = models.CharField(_("name (Korean)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    host = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="spaces")
    kind = models.CharField(_("kind"), max_length=16, choices=SpaceKind.choices)
    capacity = models.PositiveIntegerField(_("capacity"))
    district = models.CharField(_("district"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    equipment = models.JSONField(_("equipment"), default=list, blank=True)
    is_fictional = models.BooleanField(default=False)

    class Meta:
        ordering = ["host_id", "name_ko", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _pick(self.name_ko, self.name_en)

    @property
    def description(self) -> str:
        return _pick(self.description_ko, self.description_en)

    def get_absolute_url(self) -> str:
        return reverse("directory:space-detail", args=[self.pk])


class Event(TimeStamped):
    """행사 (event): a demo day, job fair, networking night or briefing of an institution."""

    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    host = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="events")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    url = models.URLField(_("link"), blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    is_fictional = models.BooleanField(default=False)

    class Meta:
        ordering = ["-starts_on", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _pick(self.title_ko, self.title_en)


class SearchDocument(models.Model):
    """One searchable row per organization, person or program, holding pre-tokenized text.

    The full-text index over it is engine-specific and made by migration 0002: an FTS5 table
    (SQLite) or a weighted tsvector column with a GIN index (PostgreSQL).
    """

    kind = models.CharField(max_length=16, choices=SearchKind.choices)
    object_id = models.BigIntegerField()
    facet = models.CharField(max_length=32, blank=True, help_text="org kind, or the host's kind")
    title = models.CharField(max_length=300)
    name_tokens = models.TextField()
    alias_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)
    is_public = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchdocument_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"


class PendingIndex(models.Model):
    """An entity whose search document is out of date: written in the transaction that changed
    it, removed by the indexing task that rebuilt the document after commit (so a crash between
    the two leaves the row for the next drain; ``sadari reindex --pending``). Rows may repeat."""

    kind = models.CharField(max_length=16, choices=SearchKind.choices)
    object_id = models.BigIntegerField()
    queued_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    MAPPED = "mapped", _("Columns mapped")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportJob(TimeStamped):
    """가져오기 작업 (import job): one uploaded CSV/XLSX file of organizations, from upload through
    column mapping and preview to an all-or-nothing commit. The file's bytes are kept so the
    steps can span requests and a failed job can be inspected."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(_("file name"), max_length=255)
    payload = models.BinaryField(editable=False)
    encoding = models.CharField(_("encoding"), max_length=16, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    headers = models.JSONField(default=list, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 100 if self.status == ImportStatus.DONE else 0
        return min(100, round(100 * self.processed_rows / self.total_rows))
