"""Jobs forms: trainee registration with consent per purpose, the trainee's profile, the
coordinator's pipeline moves."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sadari.jobs.enums import Stage
from sadari.jobs.models import Cohort, Evidence, Trainee


class ListField(forms.CharField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 1000)
        super().__init__(*args, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value: Any) -> list[str]:
        text = super().to_python(value) or ""
        return [w for w in (" ".join(p.split()) for p in text.split(",")) if w][:30]


class ProfileForm(forms.ModelForm):
    skills = ListField(label=_("Skills"), help_text=_("Comma-separated, e.g. 파이썬, Django, SQL."))
    portfolio_links = ListField(label=_("Portfolio links"), help_text=_("Comma-separated URLs."))
    regions = ListField(label=_("Where you would work"), help_text=_("e.g. 서울, 경기 고양시."))
    employment_types = ListField(label=_("Employment types"), help_text=_("e.g. 정규직, 인턴."))

    class Meta:
        model = Trainee
        fields = [
            "name",
            "phone",
            "email",
            "skills",
            "portfolio_links",
            "desired_role",
            "regions",
            "salary_min_krw",
            "employment_types",
        ]

    def clean_portfolio_links(self) -> list[str]:
        validator = forms.URLField()
        return [validator.clean(link) for link in self.cleaned_data["portfolio_links"]][:10]


class RegisterForm(ProfileForm):
    cohort = forms.ModelChoiceField(label=_("Cohort"), queryset=Cohort.objects.none())
    consent_training = forms.BooleanField(
        label=_("I agree to the collection and use of my name and contacts for training."),
        required=False,
    )
    consent_job_matching = forms.BooleanField(
        label=_("I agree to the use of my skills and preferences for job matching and referral."),
        required=False,
    )
    consent_outcomes = forms.BooleanField(
        label=_("I agree to follow-up on my employment at 6 and 12 months."), required=False
    )

    class Meta(ProfileForm.Meta):
        fields = ["cohort", *ProfileForm.Meta.fields]

    def __init__(self, *args: Any, cohorts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["cohort"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = cohorts

    def purposes(self) -> list[str]:
        return [
            p
            for p in ("training", "job_matching", "outcomes")
            if self.cleaned_data.get(f"consent_{p}")
        ]


class MoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    remind_on = forms.DateField(
        label=_("Remind me on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class EmploymentForm(forms.Form):
    employer = forms.ModelChoiceField(
        label=_("Employer"),
        queryset=None,
        required=False,  # type: ignore[arg-type]
    )
    employer_name = forms.CharField(
        label=_("or another employer"), max_length=200, required=False,
        help_text=_("Its name as in the directory (a hire without a referral here)."),
    )  # fmt: skip
    hired_on = forms.DateField(label=_("Hired on"), widget=forms.DateInput(attrs={"type": "date"}))
    evidence = forms.ChoiceField(label=_("Evidence"), choices=Evidence.choices)
    evidence_note = forms.CharField(label=_("Evidence note"), max_length=300, required=False)

    def __init__(self, *args: Any, employers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["employer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = employers

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("employer") is None:
            name = (data.get("employer_name") or "").strip()
            org = None
            if name:
                from sadari.directory.models import Organization
                from sadari_core.text.company import normalize_company_name, strip_legal_form

                key = normalize_company_name(name)
                core = strip_legal_form(name).strip()[:30] or name[:30]
                for candidate in Organization.objects.filter(
                    name_ko__icontains=core, merged_into__isnull=True
                )[:50]:
                    if normalize_company_name(candidate.name_ko) == key:
                        org = candidate
                        break
            if org is None:
                raise forms.ValidationError(_("Choose the employer, or name one in the directory."))
            data["employer"] = org
        return data


class RetentionForm(forms.Form):
    months = forms.TypedChoiceField(
        label=_("After"), coerce=int, choices=[(6, _("6 months")), (12, _("12 months"))]
    )
    still_employed = forms.TypedChoiceField(
        label=_("Still employed"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Yes")), ("no", _("No"))],
    )
