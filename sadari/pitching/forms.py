"""Pitching forms: ideas, rubric reviews, calls with their rubric, expert profiles and
affiliations, declared conflicts, staff adjustments and mentoring."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sadari.directory.enums import Industry
from sadari.directory.models import Organization
from sadari.pitching.enums import Language, Method, SlotMode
from sadari.pitching.models import Call, Criterion, Expert, Submission

LOCAL_DT = "%Y-%m-%dT%H:%M"


class DateTimeLocal(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=LOCAL_DT, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class CommaListField(forms.CharField):
    """A list typed as comma-separated words (``AI, 드론, B2B``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 600)
        super().__init__(*args, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return value

    def to_python(self, value: Any) -> list[str]:
        text = super().to_python(value) or ""
        seen: dict[str, str] = {}
        for item in text.split(","):
            word = " ".join(item.split())[:40]
            if word and word.casefold() not in seen:
                seen[word.casefold()] = word
        return list(seen.values())[:12]


MAX_TEXT = 5000  # characters per text field of an idea: a page or two, not a document


class SubmissionForm(forms.ModelForm):
    """An idea. Only the one-line title is needed to save a draft; the rest before submitting
    (checked by the service, which names each missing field)."""

    keywords = CommaListField(
        label=_("Keywords"), help_text=_("Comma-separated, e.g. 드론, 물류, B2B.")
    )
    deck_file = forms.FileField(
        label=_("Deck (PDF)"),
        required=False,
        help_text=_("PDF only. Reviewers of a blind call may still see names written in it."),
    )

    class Meta:
        model = Submission
        fields = [
            "title",
            "idea",
            "problem",
            "customer",
            "team",
            "stage",
            "industry",
            "keywords",
            "language",
            "organization",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ("idea", "problem", "customer", "team")
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("idea", "problem", "customer", "team", "industry"):
            self.fields[name].required = False
        for name in ("idea", "problem", "customer", "team"):
            field = self.fields[name]
            assert isinstance(field, forms.CharField)
            field.max_length = MAX_TEXT
            field.validators.append(MaxLengthValidator(MAX_TEXT))
            field.widget.attrs["maxlength"] = str(MAX_TEXT)
        ids = list(user.memberships.values_list("organization_id", flat=True)) if user else []
        org_field = self.fields["organization"]
        assert isinstance(org_field, forms.ModelChoiceField)
        org_field.queryset = Organization.objects.filter(pk__in=ids, kind="startup")
        org_field.required = False
        org_field.help_text = _("Your startup, if you have one in the directory.")


class ReviewForm(forms.Form):
    """A rubric review: one field per criterion (radio buttons over its scale)."""

    comment = forms.CharField(
        label=_("Comment for the applicant"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Compiled into the applicant's feedback without your name."),
    )
    staff_note = forms.CharField(
        label=_("Note for staff (not shown to the applicant)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    confidence = forms.TypedChoiceField(
        label=_("Your confidence"),
        coerce=int,
        choices=[(i, str(i)) for i in range(1, 6)],
        initial=3,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for c in criteria:
            self.fields[f"c{c.pk}"] = forms.TypedChoiceField(
                label=f"{c.name} (×{c.weight:g})",
                help_text=c.guide,
                coerce=int,
                required=False,
                empty_value=None,
                choices=[(v, str(v)) for v in range(c.scale_min, c.scale_max + 1)],
                widget=forms.RadioSelect,
            )

    def criterion_fields(self) -> list[Any]:
        return [self[f"c{c.pk}"] for c in self.criteria]

    def scores(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(f"c{c.pk}") for c in self.criteria}


class CallForm(forms.ModelForm):
    class Meta:
        model = Call
        fields = [
            "host",
            "kind",
            "title_ko",
            "title_en",
            "description_ko",
            "description_en",
            "opens_at",
            "closes_at",
            "review_closes_at",
            "results_at",
            "blind_review",
            "reviewers_per_submission",
            "reveal_scores_after_own",
            "disagreement_threshold",
            "method",
            "max_deck_mb",
        ]
        widgets = {
            "opens_at": DateTimeLocal(),
            "closes_at": DateTimeLocal(),
            "review_closes_at": DateTimeLocal(),
            "results_at": DateTimeLocal(),
            "description_ko": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, hosts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        host = self.fields["host"]
        assert isinstance(host, forms.ModelChoiceField)
        host.queryset = hosts
        for name in ("opens_at", "closes_at", "review_closes_at", "results_at"):
            self.fields[name].input_formats = [LOCAL_DT, "%Y-%m-%d %H:%M", "%Y-%m-%d"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("kind") == "dated":
            opens, closes = data.get("opens_at"), data.get("closes_at")
            if not opens or not closes:
                raise ValidationError(_("A dated call needs the dates submissions open and close."))
            if closes <= opens:
                self.add_error("closes_at", _("Submissions must close after they open."))
            order = [
                ("closes_at", closes),
                ("review_closes_at", data.get("review_closes_at")),
                ("results_at", data.get("results_at")),
            ]
            last = closes
            for name, value in order[1:]:
                if value and last and value < last:
                    self.add_error(name, _("The phases must follow each other in time."))
                last = value or last
        return data


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = [
            "name_ko",
            "name_en",
            "guide_ko",
            "guide_en",
            "weight",
            "scale_min",
            "scale_max",
            "required",
            "order",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        lo, hi = data.get("scale_min"), data.get("scale_max")
        if lo is not None and hi is not None and not (hi > lo and hi - lo <= 20):
            self.add_error(
                "scale_max", _("The highest score must be above the lowest (≤ 20 steps).")
            )
        return data


CriterionFormSet = forms.inlineformset_factory(
    Call, Criterion, form=CriterionForm, extra=2, can_delete=True, min_num=1, validate_min=True
)


class ExpertForm(forms.ModelForm):
    tags = CommaListField(
        label=_("Expertise"), help_text=_("Comma-separated, e.g. IR, 드론, SaaS.")
    )
    industries = forms.MultipleChoiceField(
        label=_("Industries"),
        choices=Industry.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you review in"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Expert
        fields = [
            "headline",
            "tags",
            "industries",
            "languages",
            "capacity",
            "available",
            "away_until",
        ]
        widgets = {"away_until": DateInput()}


class AffiliationForm(forms.Form):
    name = forms.CharField(label=_("Organization"), max_length=200)
    role = forms.CharField(label=_("Role"), max_length=100, required=False)
    started_on = forms.DateField(label=_("From"), required=False, widget=DateInput())
    ended_on = forms.DateField(
        label=_("Until"), required=False, widget=DateInput(), help_text=_("Empty if current.")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("started_on"), data.get("ended_on")
        if start and end and end < start:
            self.add_error("ended_on", _("The end must be after the start."))
        return data


class ConflictForm(forms.Form):
    organization = forms.CharField(
        label=_("Organization"),
        max_length=200,
        help_text=_("Its name as in the directory, e.g. a company you advise."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)


class InviteForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("Expert"), queryset=Expert.objects.none())

    def __init__(self, *args: Any, experts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["expert"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = experts


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Why you decline"), max_length=300)


class CloseForm(forms.Form):
    method = forms.ChoiceField(label=_("Score aggregation"), choices=Method.choices)
    shortlist = forms.IntegerField(
        label=_("Shortlist the top"), min_value=0, max_value=1000, initial=5
    )


class SlotForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=DateTimeLocal(), input_formats=[LOCAL_DT]
    )
    host = forms.ModelChoiceField(
        label=_("Café"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("Its staff read the booking and your notes."),
    )
    minutes = forms.TypedChoiceField(
        label=_("Length"),
        coerce=int,
        choices=[
            (30, _("30 minutes")),
            (60, _("1 hour")),
            (90, _("1 hour 30 minutes")),
            (120, _("2 hours")),
        ],
        initial=60,
    )
    mode = forms.ChoiceField(label=_("How"), choices=SlotMode.choices)
    place = forms.CharField(label=_("Where"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["host"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organization.objects.filter(
            pk__in=Call.objects.values("host_id")
        ).order_by("sort_name")

    def clean_starts_at(self) -> Any:
        value = self.cleaned_data["starts_at"]
        if value - timezone.now() > dt.timedelta(days=366):
            raise ValidationError(_("Choose a time within a year."))
        return value


class BookingForm(forms.Form):
    submission = forms.ModelChoiceField(
        label=_("About the idea"), queryset=Submission.objects.none(), required=False
    )
    topic = forms.CharField(
        label=_("What you would like to discuss"), max_length=300, required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["submission"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Submission.objects.filter(applicant=user).exclude(status="draft")


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
