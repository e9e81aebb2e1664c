"""Investment forms: rounds entered by hand, investor profiles and funds, intro requests and decisions, data-room
uploads and grants. Rules shared with the API and services live in validators.py/services."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sadari.directory.enums import Industry
from sadari.investment.enums import (
    STAGE_ORDER,
    Currency,
    DeclineReason,
    InvestorType,
    Region,
    RoundType,
)
from sadari.investment.models import Fund, InvestorProfile
from sadari.investment.selectors import investors_named
from sadari.investment.validators import max_document_bytes, parse_amount

MAX_KRW = 10**15


class InvestorProfileForm(forms.ModelForm):
    thesis_stages = forms.MultipleChoiceField(
        label=_("Stages"), choices=RoundType.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    thesis_industries = forms.MultipleChoiceField(
        label=_("Industries"), choices=Industry.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    thesis_regions = forms.MultipleChoiceField(
        label=_("Regions"), choices=Region.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    investor_type = forms.ChoiceField(
        label=_("Investor type"), choices=[("", "—"), *InvestorType.choices], required=False
    )
    ticket_min_krw = forms.IntegerField(
        label=_("Ticket from (KRW)"), required=False, min_value=0, max_value=MAX_KRW
    )
    ticket_max_krw = forms.IntegerField(
        label=_("Ticket up to (KRW)"), required=False, min_value=0, max_value=MAX_KRW
    )
    fund_size_krw = forms.IntegerField(
        label=_("Main fund's size (KRW)"), required=False, min_value=0, max_value=MAX_KRW
    )
    fund_vintage = forms.IntegerField(
        label=_("Main fund's vintage (year)"), required=False, min_value=1950, max_value=2100
    )

    class Meta:
        model = InvestorProfile
        fields = [
            "investor_type", "thesis_stages", "thesis_industries", "thesis_regions",
            "ticket_min_krw", "ticket_max_krw", "fund_vintage", "fund_size_krw",
            "thesis_ko", "thesis_en", "is_accepting_intros",
        ]  # fmt: skip
        widgets = {
            "thesis_ko": forms.Textarea(attrs={"rows": 3}),
            "thesis_en": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        low, high = data.get("ticket_min_krw"), data.get("ticket_max_krw")
        if low is not None and high is not None and low > high:
            self.add_error("ticket_max_krw", _("Must not be less than the minimum ticket."))
        return data


class FundForm(forms.ModelForm):
    size_krw = forms.IntegerField(
        label=_("Size (KRW)"), required=False, min_value=0, max_value=MAX_KRW
    )

    class Meta:
        model = Fund
        fields = ["name", "size_krw", "established_on", "expires_on"]
        widgets = {
            "established_on": forms.DateInput(attrs={"type": "date"}),
            "expires_on": forms.DateInput(attrs={"type": "date"}),
        }


class IntroRequestForm(forms.Form):
    startup_id = forms.TypedChoiceField(label=_("Your startup"), coerce=int)
    route = forms.ChoiceField(label=_("How"), widget=forms.RadioSelect)
    message = forms.CharField(
        label=_("Message to the investor"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you do, what you raise, and why this investor. 3–6 lines."),
    )
    consent = forms.BooleanField(
        label=_(
            "Share my name, e-mail and phone with the investor if they accept "
            "(they share theirs with me)."
        )
    )

    def __init__(self, *args, startups=(), introducers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["startup_id"].choices = [(o.pk, o.name) for o in startups]
        routes = [("direct", _("Directly to the investor"))]
        routes += [
            (f"via:{o.pk}", _("Through %(name)s (its staff forward it)") % {"name": o.name})
            for o in introducers
        ]
        self.fields["route"].choices = routes
        self.fields["route"].initial = "direct"


class IntroDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("decline", _("Decline"))], widget=forms.RadioSelect
    )
    reason = forms.ChoiceField(
        label=_("Reason (when declining)"),
        choices=[("", "—"), *DeclineReason.choices],
        required=False,
    )
    note = forms.CharField(
        label=_("Note to the founder"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not data.get("reason"):
            self.add_error("reason", _("Choose a reason."))
        return data


class IntroForwardForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("forward", _("Forward to the investor")), ("decline", _("Do not forward"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DocumentUploadForm(forms.Form):
    title = forms.CharField(
        label=pgettext_lazy("document", "Title"), max_length=200, required=False
    )
    file = forms.FileField(
        label=_("File (PDF or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_document_bytes():
            from django.template.defaultfilters import filesizeformat

            raise forms.ValidationError(
                _("The file is larger than %(limit)s.")
                % {"limit": filesizeformat(max_document_bytes())}
            )
        return upload


class GrantForm(forms.Form):
    investor_id = forms.TypedChoiceField(label=_("Investor"), coerce=int)
    expires_on = forms.DateField(
        label=_("Access until"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, investors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["investor_id"].choices = [(o.pk, o.name) for o in investors]
        self.fields["expires_on"].initial = timezone.localdate() + timedelta(days=30)


ROUND_INVESTOR_ROWS = 6


class RoundForm(forms.Form):
    """A round entered by hand: type, date, amount in a currency, up to six investors from the
    directory (typed or picked: ``이름 (#id)``), each possibly the lead."""

    round_type = forms.ChoiceField(label=_("Round"))
    announced_on = forms.DateField(
        label=_("Date (announced or closed)"), widget=forms.DateInput(attrs={"type": "date"})
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices, initial="KRW")
    amount = forms.CharField(
        label=_("Amount"),
        required=False,
        max_length=40,
        help_text=_(
            "In the currency above; empty when undisclosed. E.g. 1250000000 or 12억 5000만."
        ),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round_type"].choices = [(c, RoundType(c).label) for c in STAGE_ORDER]
        for i in range(1, ROUND_INVESTOR_ROWS + 1):
            label = _("Investor %(n)d") % {"n": i}
            self.fields[f"investor_{i}"] = forms.CharField(
                label=label,
                required=False,
                max_length=200,
                widget=forms.TextInput(
                    attrs={"list": "round-investors", "autocomplete": "off", "aria-label": label}
                ),
            )
            self.fields[f"lead_{i}"] = forms.BooleanField(label=_("lead"), required=False)

    def investor_rows(self):
        return [
            (self[f"investor_{i}"], self[f"lead_{i}"]) for i in range(1, ROUND_INVESTOR_ROWS + 1)
        ]

    def clean_amount(self):
        try:
            return parse_amount(self.cleaned_data.get("amount") or "")
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None

    def clean(self):
        data = super().clean()
        investors = []
        for i in range(1, ROUND_INVESTOR_ROWS + 1):
            name = (data.get(f"investor_{i}") or "").strip()
            if not name:
                if data.get(f"lead_{i}"):
                    self.add_error(f"investor_{i}", _("Name the lead investor."))
                continue
            found = investors_named(name)
            if not found:
                self.add_error(
                    f"investor_{i}",
                    _("No investor called “%(name)s” in the directory.") % {"name": name},
                )
            elif len(found) > 1:
                self.add_error(
                    f"investor_{i}",
                    _("Several investors are called “%(name)s”: pick one from the list.")
                    % {"name": name},
                )
            else:
                investors.append((found[0], bool(data.get(f"lead_{i}"))))
        data["investors"] = investors
        return data


class PlannedRaiseForm(forms.Form):
    """The startup's next raise: round, amount (Korean units accepted), when, and whether
    investors may see it in their deal flow."""

    round_type = forms.ChoiceField(label=_("Next round"))
    amount = forms.CharField(
        label=_("Amount sought (KRW)"),
        required=False,
        max_length=40,
        help_text=_("E.g. 10억 or 1000000000; empty when you'd rather not say."),
    )
    raise_by = forms.DateField(
        label=_("Close by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    share_with_investors = forms.BooleanField(
        label=_("Show this to investors in their deal flow"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round_type"].choices = [(c, RoundType(c).label) for c in STAGE_ORDER]

    def clean_amount(self):
        try:
            return parse_amount(self.cleaned_data.get("amount") or "")
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None
