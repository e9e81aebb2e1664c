"""API schemas for the directory (django-ninja). Bilingual fields come as ``*_ko`` / ``*_en``.

Private fields (an organization's contact_email, contact_phone and revenue_krw; a person's
email and phone) are only in the detail schemas, and are *left out of the JSON* unless the
caller is entitled to them — the same predicates as the profile pages. Operations returning
those schemas must use ``exclude_unset=True``. List items carry public fields only, like the
list pages (private reads are one at a time and audited; see docs/threat-model.md).
"""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, ClassVar

from django.contrib.auth.models import AnonymousUser
from ninja import Field, Schema
from ninja.schema import DjangoGetter
from pydantic import ValidationInfo, field_validator, model_validator
from pydantic.functional_validators import ModelWrapValidatorHandler

from sadari.directory.enums import Industry, OrgKind, SearchKind, SpaceKind, Stage
from sadari.directory.rules import can_view_private_organization_fields
from sadari.directory.selectors import person_can_view_private


def caller(context: dict[str, Any] | None) -> Any:
    """The user behind the request being serialized (set by the API's auth), else anonymous."""
    request = (context or {}).get("request")
    if request is None:
        return AnonymousUser()
    auth = getattr(request, "auth", None)
    if auth is not None:
        return auth
    return getattr(request, "user", None) or AnonymousUser()


class PrivateFieldsSchema(Schema):
    """Drops ``private_fields`` from the output unless ``can_view_private(user, obj)``."""

    private_fields: ClassVar[tuple[str, ...]] = ()
    can_view_private: ClassVar[Callable[[Any, Any], bool]]

    @model_validator(mode="wrap")
    @classmethod
    def _drop_private_fields(
        cls, values: Any, handler: ModelWrapValidatorHandler[Any], info: ValidationInfo
    ) -> Any:
        obj = values._obj if isinstance(values, DjangoGetter) else values
        instance = handler(values)
        # Fails closed: only a model instance the caller is entitled to keeps its private fields.
        if not isinstance(obj, dict) and cls.can_view_private(caller(info.context), obj):
            return instance
        for name in cls.private_fields:
            instance.__dict__[name] = None
            instance.__pydantic_fields_set__.discard(name)
        return instance


_ORG_PRIVATE = "Private: only for its members, institution staff and city operators."
_PERSON_PRIVATE = "Private: only for the person, colleagues, institution staff and city operators."

# --- output --------------------------------------------------------------------------------


class OrganizationRef(Schema):
    id: int
    kind: str
    name_ko: str
    name_en: str


class OrganizationSummary(Schema):
    """An organization's public fields (list items)."""

    id: int
    kind: str = Field(description="One of: " + ", ".join(OrgKind.values))
    category: str
    name_ko: str
    name_en: str
    aliases: list[str]
    business_number: str | None
    founded_on: date | None
    city: str
    district: str
    address: str
    industry: str
    stage: str
    employees: int | None
    homepage: str
    description_ko: str
    description_en: str
    host: OrganizationRef | None = Field(description="The institution or hub it is based at.")
    is_fictional: bool = Field(description="Generated demo data.")
    url: str = Field(description="The profile page.")
    updated_at: datetime

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj.get_absolute_url()


class OrganizationOut(PrivateFieldsSchema, OrganizationSummary):
    """An organization, with its private fields if the caller may see them."""

    private_fields: ClassVar[tuple[str, ...]] = ("contact_email", "contact_phone", "revenue_krw")
    can_view_private: ClassVar[Callable[[Any, Any], bool]] = staticmethod(
        lambda user, org: bool(can_view_private_organization_fields(user, org))
    )

    contact_email: str | None = Field(None, description=_ORG_PRIVATE)
    contact_phone: str | None = Field(None, description=_ORG_PRIVATE)
    revenue_krw: int | None = Field(None, description=_ORG_PRIVATE)


class PersonSummary(Schema):
    """A person's public fields (list items)."""

    id: int
    name_ko: str
    name_en: str
    title: str
    organization: OrganizationRef | None
    bio_ko: str
    bio_en: str
    expertise: list[str]
    is_fictional: bool
    url: str

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj.get_absolute_url()


class PersonOut(PrivateFieldsSchema, PersonSummary):
    """A person, with e-mail and phone if the caller may see them."""

    private_fields: ClassVar[tuple[str, ...]] = ("email", "phone")
    can_view_private: ClassVar[Callable[[Any, Any], bool]] = staticmethod(
        lambda user, person: person_can_view_private(user=user, person=person)
    )

    email: str | None = Field(None, description=_PERSON_PRIVATE)
    phone: str | None = Field(None, description=_PERSON_PRIVATE)


class ProgramOut(Schema):
    id: int
    title_ko: str
    title_en: str
    host: OrganizationRef
    summary_ko: str
    summary_en: str
    eligibility_ko: str
    eligibility_en: str
    benefit_ko: str
    benefit_en: str
    benefit_amount_krw: int | None
    industry: str
    starts_on: date | None
    ends_on: date | None
    apply_by: date | None
    capacity: int | None
    apply_url: str = Field(description="The application link.")
    is_fictional: bool
    url: str

    @staticmethod
    def resolve_apply_url(obj: Any) -> str:
        return obj.url

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj.get_absolute_url()


class SpaceOut(Schema):
    id: int
    name_ko: str
    name_en: str
    host: OrganizationRef
    kind: str = Field(description="One of: " + ", ".join(SpaceKind.values))
    capacity: int
    district: str
    address: str
    description_ko: str
    description_en: str
    equipment: list[str]
    is_fictional: bool
    url: str

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return obj.get_absolute_url()


class SearchHitOut(Schema):
    kind: str = Field(description="One of: " + ", ".join(SearchKind.values))
    id: int
    title: str = Field(description="The Korean name or title.")
    title_en: str
    facet: str = Field(description="The organization kind (for people and programs: their host's).")
    score: float
    url: str = Field(description="The profile page.")
    api_url: str


class SearchOut(Schema):
    query: str
    total: int
    counts: dict[str, int] = Field(description="Matches per kind, before the kind filter.")
    relaxed: bool = Field(description="True when not every word matched (any-word results).")
    capped: bool = Field(
        description="True when there are more than 1,000 matches: total and counts stop there."
    )
    items: list[SearchHitOut]


class SuggestionOut(Schema):
    kind: str
    id: int
    title: str
    title_en: str
    url: str


class SuggestOut(Schema):
    items: list[SuggestionOut]


# --- query parameters ----------------------------------------------------------------------


class _BlankIsNone(Schema):
    """Query schemas where ``?field=`` (empty) means "no filter", as in the HTML forms."""

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if value == "" else value


class OrganizationQuery(_BlankIsNone):
    kind: OrgKind | None = None
    district: str | None = Field(None, max_length=40)
    industry: Industry | None = None
    stage: Stage | None = None
    host: int | None = Field(None, ge=1, description="Id of the host institution or hub.")
    q: str | None = Field(None, max_length=200, description="Full-text search within the list.")


class PersonQuery(_BlankIsNone):
    organization: int | None = Field(None, ge=1)


class ProgramQuery(_BlankIsNone):
    host: int | None = Field(None, ge=1)
    industry: Industry | None = None


class SpaceQuery(_BlankIsNone):
    host: int | None = Field(None, ge=1)
    kind: SpaceKind | None = None
    district: str | None = Field(None, max_length=40)


class SearchQuery(_BlankIsNone):
    q: str | None = Field(None, max_length=200)
    kind: SearchKind | None = None
    limit: int = Field(20, ge=1, le=50)
    offset: int = Field(0, ge=0, le=1000)


class SuggestQuery(Schema):
    q: str = Field("", max_length=100)
