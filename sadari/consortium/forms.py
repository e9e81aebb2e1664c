"""Consortium forms: a program's options and rules (a formset where each value is typed as
text: "39", "3 ~ 7", "덕양구, 일산동구"), the applicant's eligibility profile and company facts,
applying, deciding, referring and answering a referral."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sadari.consortium.attributes import SPECS, allowed_values
from sadari.consortium.enums import (
    ApplicationStatus,
    Attribute,
    Gender,
    Operator,
    ReferralAction,
    SocialEconomy,
)
from sadari.consortium.models import ProgramOptions
from sadari.directory.enums import OrgKind
from sadari.directory.models import Organization
from sadari_core.eligibility import ValueKind


class ProgramOptionsForm(forms.ModelForm):
    class Meta:
        model = ProgramOptions
        fields = ["application_mode", "target_group", "status"]


def _number(text: str) -> int | float:
    cleaned = text.replace(",", "").replace(" ", "")
    try:
        number = float(cleaned)
    except ValueError as exc:
        raise forms.ValidationError(_("“%(value)s” is not a number.") % {"value": text}) from exc
    if number != number or abs(number) > 10**15:  # NaN or absurd
        raise forms.ValidationError(_("“%(value)s” is not a number.") % {"value": text})
    return int(number) if number.is_integer() else number


def _choice(attribute: str, text: str) -> str:
    """A choice typed as its code or its label (either language) → the code."""
    text = text.strip()
    spec = SPECS[attribute]
    if spec.choices is None:
        return text
    for code, label in spec.choices:
        if text.casefold() in {str(code).casefold(), str(label).casefold()}:
            return code
    return text  # the model's clean() names it as unknown


def parse_value(attribute: str, operator: str, text: str) -> Any:
    """The rule's JSON value from what staff typed."""
    spec = SPECS[attribute]
    text = (text or "").strip()
    if operator in (Operator.IS_TRUE, Operator.IS_FALSE):
        return None
    if operator == Operator.BETWEEN:
        for sep in ("~", "–", "-", ","):
            if sep in text:
                low, high = text.split(sep, 1)
                break
        else:
            raise forms.ValidationError(
                _("Enter a range like 3 ~ 7 (leave one side empty for an open end).")
            )
        return [_number(low) if low.strip() else None, _number(high) if high.strip() else None]
    if operator in (Operator.IN, Operator.NOT_IN):
        items = [t for t in (p.strip() for p in text.split(",")) if t]
        if spec.kind is ValueKind.NUMBER:
            return [_number(t) for t in items]
        return [_choice(attribute, t) for t in items]
    if not text:
        raise forms.ValidationError(_("Enter a value."))
    if spec.kind is ValueKind.NUMBER:
        return _number(text)
    return _choice(attribute, text)


def value_as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        if len(value) == 2 and all(v is None or isinstance(v, int | float) for v in value):
            low, high = value
            return f"{'' if low is None else low} ~ {'' if high is None else high}"
        return ", ".join(str(v) for v in value)
    return str(value)


class RuleForm(forms.Form):
    attribute = forms.ChoiceField(label=_("Attribute"), choices=Attribute.choices)
    operator = forms.ChoiceField(label=_("Condition"), choices=Operator.choices)
    value_text = forms.CharField(
        label=_("Value"),
        required=False,
        max_length=500,
        help_text=_("A number (39), a range (3 ~ 7), or values separated by commas."),
    )
    note_ko = forms.CharField(label=_("Note (Korean)"), required=False, max_length=200)
    note_en = forms.CharField(label=_("Note (English)"), required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        attribute, operator = data.get("attribute"), data.get("operator")
        if attribute and operator and not data.get("DELETE"):
            try:
                data["value"] = parse_value(attribute, operator, data.get("value_text", ""))
            except forms.ValidationError as exc:
                self.add_error("value_text", exc)
        return data


RuleFormSet = forms.formset_factory(
    RuleForm, extra=2, can_delete=True, max_num=30, validate_max=True
)


def vocabulary() -> list[dict[str, Any]]:
    """The attributes with their allowed values, for the rule editor's help table."""
    rows = []
    for code, label in Attribute.choices:
        spec = SPECS[code]
        values = allowed_values(code)
        rows.append(
            {
                "code": code,
                "label": label,
                "kind": spec.kind.value,
                "values": [f"{v} ({lbl})" for v, lbl in spec.choices] if values else [],
            }
        )
    return rows


class EligibilityProfileForm(forms.Form):
    birth_year = forms.IntegerField(label=_("Year of birth"), required=False)
    gender = forms.ChoiceField(
        label=_("Gender"), required=False, choices=[("", "—"), *Gender.choices]
    )
    is_pre_founder = forms.NullBooleanField(
        label=_("Pre-founder (no company registered yet)"), required=False
    )
    organization = forms.ModelChoiceField(
        label=_("Company I apply for"), required=False, queryset=Organization.objects.none()
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(  # type: ignore[attr-defined]
            memberships__user=user, kind=OrgKind.STARTUP
        ).order_by("sort_name", "id")

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data.get("birth_year")
        this_year = timezone.localdate().year
        if year is not None and not (this_year - 100 <= year <= this_year - 14):
            raise forms.ValidationError(
                _("Enter a year of birth between %(a)s and %(b)s.")
                % {"a": this_year - 100, "b": this_year - 14}
            )
        return year


class CompanyFactsForm(forms.Form):
    revenue_krw = forms.IntegerField(
        label=_("Annual revenue (KRW)"), required=False, min_value=0, max_value=10**15
    )
    employees = forms.IntegerField(
        label=_("Employees"), required=False, min_value=0, max_value=10**6
    )
    social_economy = forms.ChoiceField(
        label=_("Social-economy status"),
        required=False,
        choices=[("", "—"), *SocialEconomy.choices],
    )
    is_one_person = forms.NullBooleanField(
        label=_("One-person creative business (1인 창조기업)"), required=False
    )


class ApplyForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why this program, and what you will do with it"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
    )


class DecideForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (ApplicationStatus.UNDER_REVIEW, ApplicationStatus.UNDER_REVIEW.label),
            (ApplicationStatus.SELECTED, ApplicationStatus.SELECTED.label),
            (ApplicationStatus.REJECTED, ApplicationStatus.REJECTED.label),
        ]
    )
    note = forms.CharField(required=False, max_length=500)


class ReferralForm(forms.Form):
    from_org = forms.ModelChoiceField(
        label=_("Referring institution"), queryset=Organization.objects.none()
    )
    target_kind = forms.ChoiceField(
        label=_("Refer to"), choices=[("program", _("Program")), ("space", _("Space"))]
    )
    target_id = forms.IntegerField(label=_("Program or space number"), min_value=1)
    company = forms.CharField(
        label=_("Company"),
        required=False,
        max_length=200,
        help_text=_("Its number on Sadari, its business registration number, or its exact name."),
    )
    person = forms.CharField(
        label=_("Person"), required=False, max_length=150, help_text=_("Their Sadari user name.")
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, staff_org_ids: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from_org"].queryset = Organization.objects.filter(  # type: ignore[attr-defined]
            pk__in=staff_org_ids
        ).order_by("sort_name", "id")

    def clean(self) -> dict[str, Any]:
        from django.contrib.auth import get_user_model

        from sadari.directory.models import Program, Space

        data = super().clean() or {}
        company_text = (data.get("company") or "").strip()
        person_text = (data.get("person") or "").strip()
        if bool(company_text) == bool(person_text):
            raise forms.ValidationError(_("Enter either a company or a person."))
        if company_text:
            orgs = Organization.objects.filter(merged_into__isnull=True)
            digits = company_text.replace("-", "")
            org = None
            if company_text.isdigit() and len(company_text) < 10:
                org = orgs.filter(pk=int(company_text)).first()
            if org is None and digits.isdigit() and len(digits) == 10:
                org = orgs.filter(business_number__in=[digits, company_text]).first()
            if org is None:
                org = (
                    orgs.filter(name_ko=company_text).first()
                    or orgs.filter(name_en=company_text).first()
                )
            if org is None:
                self.add_error("company", _("No company matches “%(q)s”.") % {"q": company_text})
            data["company_obj"] = org
        if person_text:
            person = get_user_model().objects.filter(username=person_text, is_active=True).first()
            if person is None:
                self.add_error("person", _("No user is called “%(q)s”.") % {"q": person_text})
            data["person_obj"] = person
        target_id = data.get("target_id")
        if target_id:
            model = Program if data.get("target_kind") == "program" else Space
            target = model.objects.filter(pk=target_id).first()
            if target is None:
                self.add_error("target_id", _("No program or space has this number."))
            data["target"] = target
        return data


class ReferralActionForm(forms.Form):
    action = forms.ChoiceField(choices=ReferralAction.choices)
    note = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
