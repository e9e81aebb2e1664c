"""Tech-trade forms. Amounts accept Korean writing (``1억 2,000만원``, ``5천만``) as well as
plain numbers; patents accept KIPRIS numbers one per line; every error is translated."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sadari.directory.enums import Industry
from sadari.directory.importing import parse_krw
from sadari.techtrade.enums import DealStage, DropReason, LicensingModel, PocStatus, Trl
from sadari.techtrade.models import Challenge, Poc, TechNeed, Technology
from sadari.techtrade.selection import selection_choices
from sadari.techtrade.validators import MAX_AMOUNT_KRW, clean_patent_numbers

MAX_AMOUNT = MAX_AMOUNT_KRW
# The models' "title (Korean)" is translated for the directory's programmes ("사업명"); in tech
# trade a title is a title.
TITLE_LABELS = {
    "title_ko": pgettext_lazy("tech trade", "Title (Korean)"),
    "title_en": pgettext_lazy("tech trade", "Title (English)"),
}


class KrwField(forms.CharField):
    """An amount in won: ``120000000``, ``1억 2,000만원``, ``3.5억``, ``₩1,000``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("For example 5000만 or 1억 2,000만원."))
        super().__init__(*args, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            return f"{value:,}"
        return value

    def to_python(self, value: Any) -> int | None:
        text = super().to_python(value)
        if not text:
            return None
        if len(text) > 40:
            raise ValidationError(_("The amount is too long."), code="too_long")
        try:
            amount = parse_krw(text)
        except ValueError:
            raise ValidationError(
                _("Write an amount in won, e.g. 50000000 or 5천만원."), code="invalid_krw"
            ) from None
        if amount > MAX_AMOUNT:
            raise ValidationError(_("The amount is too large."), code="too_large")
        return amount


class InlineChecks(forms.CheckboxSelectMultiple):
    """Checkboxes as a list that the tech-trade forms lay out in wrapping rows (Django's own
    template renders <div>s, which the stylesheet's ``.tt-form ul`` does not reach: 21 fields
    stood in one long column)."""

    template_name = "techtrade/widgets/checks.html"


def _fields_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Fields"),
        choices=Industry.choices,
        required=False,
        widget=InlineChecks(attrs={"class": "checks"}),
    )


class OwnerChoiceMixin:
    """An ``owner`` select limited to the organizations the user may post for."""

    def set_owners(self, owners: list) -> None:
        field = self.fields["owner_id"]  # type: ignore[attr-defined]
        field.choices = [(o.pk, o.name) for o in owners]
        if len(owners) == 1:
            field.initial = owners[0].pk
            field.widget = forms.HiddenInput()


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ListingFormBase(OwnerChoiceMixin, forms.ModelForm):
    owner_id = forms.TypedChoiceField(label=_("Organization"), coerce=int, required=True)
    field_codes = _fields_field()

    def __init__(self, *args: Any, owners: list | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if owners is None or self.instance.pk:
            del self.fields["owner_id"]
        else:
            self.set_owners(owners)
        if self.instance.pk:
            self.fields["field_codes"].initial = list(self.instance.fields or [])

    def order_listing_fields(self) -> None:
        """Public fields first (fields of the item right after its teaser), the confidential
        details last, where the page groups them under their own heading."""
        first, last = ("owner_id",), ("details_ko", "details_en")
        placed = {"field_codes": "teaser_en", "patents_text": "trl", "licensing": "patents_text"}
        order = [n for n in self.fields if n not in (*first, *last, *placed)]
        for name, after in placed.items():
            if name in self.fields:
                order.insert(order.index(after) + 1, name)
        self.order_fields([*first, *order, *last])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not (cleaned.get("title_ko", "").strip() or cleaned.get("title_en", "").strip()):
            self.add_error("title_ko", _("Enter a title in Korean or English."))
        return cleaned


class NeedForm(ListingFormBase):
    budget_min_krw = KrwField(label=_("Budget from (KRW)"))
    budget_max_krw = KrwField(label=_("Budget up to (KRW)"))

    class Meta:
        model = TechNeed
        fields = [
            "title_ko", "title_en", "teaser_ko", "teaser_en", "problem_ko", "problem_en",
            "outcome_ko", "outcome_en", "trl_wanted", "budget_min_krw", "budget_max_krw",
            "deadline", "status", "details_ko", "details_en",
        ]  # fmt: skip
        labels = TITLE_LABELS
        widgets = {
            "deadline": _date_widget(),
            "teaser_ko": forms.Textarea(attrs={"rows": 2}),
            "teaser_en": forms.Textarea(attrs={"rows": 2}),
            "problem_ko": forms.Textarea(attrs={"rows": 4}),
            "problem_en": forms.Textarea(attrs={"rows": 4}),
            "outcome_ko": forms.Textarea(attrs={"rows": 3}),
            "outcome_en": forms.Textarea(attrs={"rows": 3}),
            "details_ko": forms.Textarea(attrs={"rows": 5}),
            "details_en": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_listing_fields()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        low, high = cleaned.get("budget_min_krw"), cleaned.get("budget_max_krw")
        if low is not None and high is not None and low > high:
            self.add_error("budget_max_krw", _("The minimum budget is larger than the maximum."))
        return cleaned


class TechnologyForm(ListingFormBase):
    patents_text = forms.CharField(
        label=_("Patents"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One KIPRIS number per line: 10-2023-0123456 (application) or 10-1234567 "
            "(registration)."
        ),
    )
    licensing = forms.MultipleChoiceField(
        label=_("Licensing / partnership models"),
        choices=LicensingModel.choices,
        required=False,
        widget=InlineChecks(attrs={"class": "checks"}),
    )
    price_min_krw = KrwField(label=_("Indicative price from (KRW)"))
    price_max_krw = KrwField(label=_("Indicative price up to (KRW)"))

    class Meta:
        model = Technology
        fields = [
            "title_ko", "title_en", "teaser_ko", "teaser_en", "description_ko",
            "description_en", "trl", "price_min_krw", "price_max_krw", "status", "details_ko",
            "details_en",
        ]  # fmt: skip
        labels = TITLE_LABELS
        widgets = {
            "teaser_ko": forms.Textarea(attrs={"rows": 2}),
            "teaser_en": forms.Textarea(attrs={"rows": 2}),
            "description_ko": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "details_ko": forms.Textarea(attrs={"rows": 5}),
            "details_en": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["patents_text"].initial = "\n".join(self.instance.patents or [])
            self.fields["licensing"].initial = list(self.instance.licensing_models or [])
        self.order_listing_fields()

    def clean_patents_text(self) -> list[str]:
        return clean_patent_numbers(self.cleaned_data.get("patents_text") or "")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        low, high = cleaned.get("price_min_krw"), cleaned.get("price_max_krw")
        if low is not None and high is not None and low > high:
            self.add_error("price_max_krw", _("The minimum price is larger than the maximum."))
        return cleaned


def listing_values(form: forms.ModelForm) -> dict[str, Any]:
    """The cleaned values a listing service takes."""
    values = {name: form.cleaned_data[name] for name in form.Meta.fields}
    values["fields"] = list(form.cleaned_data.get("field_codes") or [])
    if isinstance(form, TechnologyForm):
        values["patents"] = form.cleaned_data["patents_text"]
        values["licensing_models"] = list(form.cleaned_data.get("licensing") or [])
    for key in ("title_ko", "title_en"):
        values[key] = (values.get(key) or "").strip()
    return values


class DetailRequestForm(forms.Form):
    """Click-through NDA acceptance and the request for details."""

    requester = forms.TypedChoiceField(label=_("On behalf of"), coerce=int)
    nda_id = forms.IntegerField(widget=forms.HiddenInput)
    nda_sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    accept = forms.BooleanField(
        label=_("I have read the NDA above and accept it on behalf of my organization."),
        error_messages={"required": _("Accept the NDA to request the details.")},
    )
    message = forms.CharField(
        label=_("Message to the owner (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, requesters: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["requester"].choices = [(o.pk, o.name) for o in requesters]
        if len(requesters) == 1:
            self.fields["requester"].initial = requesters[0].pk
            self.fields["requester"].widget = forms.HiddenInput()


class NdaForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("document", "Title"), max_length=200)
    text_ko = forms.CharField(label=_("Text (Korean)"), widget=forms.Textarea(attrs={"rows": 12}))
    text_en = forms.CharField(
        label=_("Text (English)"), required=False, widget=forms.Textarea(attrs={"rows": 12})
    )


class ChallengeForm(OwnerChoiceMixin, forms.ModelForm):
    owner_id = forms.TypedChoiceField(label=_("Host"), coerce=int)
    field_codes = _fields_field()
    poc_fund_krw = KrwField(label=_("PoC funds per team (KRW)"))
    selection_method = forms.ChoiceField(label=_("Selection"), choices=())

    class Meta:
        model = Challenge
        fields = [
            "kind", "title_ko", "title_en", "summary_ko", "summary_en", "problem_ko",
            "problem_en", "eligibility_ko", "eligibility_en", "opens_on", "closes_on",
            "announce_on", "poc_starts_on", "poc_ends_on", "poc_fund_krw", "max_selected",
            "selection_method", "status",
        ]  # fmt: skip
        labels = TITLE_LABELS
        widgets = {
            name: _date_widget()
            for name in ("opens_on", "closes_on", "announce_on", "poc_starts_on", "poc_ends_on")
        } | {
            "summary_ko": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "problem_ko": forms.Textarea(attrs={"rows": 4}),
            "problem_en": forms.Textarea(attrs={"rows": 4}),
            "eligibility_ko": forms.Textarea(attrs={"rows": 2}),
            "eligibility_en": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, owners: list | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["selection_method"].choices = selection_choices()
        teams = self.fields["max_selected"]  # a challenge that selects nobody helps nobody
        teams.min_value = 1
        teams.validators.append(MinValueValidator(1))
        teams.widget.attrs["min"] = 1
        if owners is None or self.instance.pk:
            del self.fields["owner_id"]
        else:
            self.set_owners(owners)
        if self.instance.pk:
            self.fields["field_codes"].initial = list(self.instance.fields or [])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not (cleaned.get("title_ko", "").strip() or cleaned.get("title_en", "").strip()):
            self.add_error("title_ko", _("Enter a title in Korean or English."))
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and opens > closes:
            self.add_error("closes_on", _("The challenge closes before it opens."))
        starts, ends = cleaned.get("poc_starts_on"), cleaned.get("poc_ends_on")
        if starts and ends and starts > ends:
            self.add_error("poc_ends_on", _("The PoC ends before it starts."))
        return cleaned

    def values(self) -> dict[str, Any]:
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        values["fields"] = list(self.cleaned_data.get("field_codes") or [])
        return values


class ProposalForm(forms.Form):
    startup_id = forms.TypedChoiceField(label=_("Organization"), coerce=int)
    technology_id = forms.TypedChoiceField(
        label=_("Technology"), coerce=int, required=False, empty_value=None
    )
    title = forms.CharField(label=pgettext_lazy("document", "Title"), max_length=200)
    summary = forms.CharField(
        label=_("Proposal"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    poc_plan = forms.CharField(
        label=_("PoC plan"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    requested_fund_krw = KrwField(label=_("Requested funds (KRW)"))

    def __init__(self, *args: Any, startups: list, technologies: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["startup_id"].choices = [(o.pk, o.name) for o in startups]
        if len(startups) == 1:
            self.fields["startup_id"].initial = startups[0].pk
            self.fields["startup_id"].widget = forms.HiddenInput()
        self.fields["technology_id"].choices = [("", _("— none —"))] + [
            (t.pk, t.title) for t in technologies
        ]


class ProposalDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("shortlist", _("Shortlist")),
            ("select", _("Select for a PoC")),
            ("decline", _("Decline")),
            ("reopen", _("Back to submitted")),
        ]
    )
    note = forms.CharField(
        required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DealMoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("Deal stage"), choices=DealStage.choices)
    reason = forms.ChoiceField(
        label=_("Why dropped"), choices=[("", "—"), *DropReason.choices], required=False
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("stage") == DealStage.DROPPED and not cleaned.get("reason"):
            self.add_error("reason", _("Choose why the deal is dropped."))
        return cleaned


class DealMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class PocForm(forms.ModelForm):
    funds_krw = KrwField(label=_("Funds (KRW)"))

    class Meta:
        model = Poc
        fields = ["title", "funds_krw", "starts_on", "ends_on", "status", "result"]
        widgets = {
            "starts_on": _date_widget(),
            "ends_on": _date_widget(),
            "result": forms.Textarea(attrs={"rows": 3}),
            "status": forms.Select(choices=PocStatus.choices),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and starts > ends:
            self.add_error("ends_on", _("The PoC ends before it starts."))
        return cleaned


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), required=False, widget=_date_widget())


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[("need", _("Tech needs")), ("technology", _("Technologies"))],
    )
    owner_id = forms.TypedChoiceField(label=_("Organization"), coerce=int)
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV or XLSX, at most 10 MB; UTF-8 or CP949; Korean or English headers."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.tsv,.txt,.xlsx"}),
    )

    def __init__(self, *args: Any, owners: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_id"].choices = [
            (o.pk, f"{o.name} ({o.get_kind_display()})") for o in owners
        ]


TRL_CHOICES = [("", "—"), *Trl.choices]
