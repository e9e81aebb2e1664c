"""Spaces forms: search, booking, policy (seven weekday rows), closed dates, decisions,
utilization period. Services validate again; forms turn input into typed values."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sadari.directory.enums import SpaceKind
from sadari.directory.models import Organization
from sadari.spaces.enums import Audience
from sadari_core.scheduling.spaces import SLOT_MINUTES

TIMES = [
    (f"{m // 60:02d}:{m % 60:02d}", f"{m // 60:02d}:{m % 60:02d}")
    for m in range(0, 24 * 60 + 1, SLOT_MINUTES)
]
WEEKDAYS = [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]


def _time(value: str) -> dt.time | None:
    """``"24:00"`` is the end of the day; returned as None (callers add a day)."""
    hh, mm = (int(x) for x in value.split(":"))
    return None if hh == 24 else dt.time(hh, mm)


def aware(day: dt.date, value: str) -> dt.datetime:
    moment = _time(value)
    naive = (
        dt.datetime.combine(day + dt.timedelta(days=1), dt.time())
        if moment is None
        else dt.datetime.combine(day, moment)
    )
    return timezone.make_aware(naive)


class SearchForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("kind"), required=False, choices=[("", _("Any kind")), *SpaceKind.choices]
    )
    institution = forms.ModelChoiceField(
        label=_("institution"), required=False, queryset=Organization.objects.none()
    )
    district = forms.ChoiceField(label=_("district"), required=False, choices=[])
    min_capacity = forms.IntegerField(
        label=_("at least (people)"), required=False, min_value=1, max_value=10_000
    )
    equipment = forms.CharField(label=_("equipment"), required=False, max_length=40)
    free_only = forms.BooleanField(label=_("free of charge only"), required=False)
    date = forms.DateField(
        label=_("free on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    time = forms.ChoiceField(
        label=pgettext_lazy("time of day", "from"), required=False, choices=[("", "—"), *TIMES[:-1]]
    )
    hours = forms.IntegerField(
        label=_("for (hours)"), required=False, min_value=1, max_value=12, initial=1
    )

    def __init__(self, *args: Any, institutions: Any, districts: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions
        self.fields["district"].choices = [("", _("Any district"))] + [(d, d) for d in districts]

    def free_at(self) -> dt.datetime | None:
        data = self.cleaned_data
        if data.get("date") and data.get("time"):
            return aware(data["date"], data["time"])
        return None


class BookingForm(forms.Form):
    date = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.ChoiceField(label=pgettext_lazy("time of day", "from"), choices=TIMES[:-1])
    end = forms.ChoiceField(label=pgettext_lazy("time of day", "until"), choices=TIMES[1:])
    attendees = forms.IntegerField(label=_("attendees"), min_value=1, max_value=10_000, initial=1)
    purpose = forms.CharField(label=_("purpose"), max_length=300)
    organization = forms.ModelChoiceField(
        label=_("on behalf of"), required=False, queryset=Organization.objects.none()
    )

    def __init__(self, *args: Any, user: Any = None, policy: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        weekly = policy.weekly if policy is not None else {}
        if weekly:  # offer the times between the week's earliest opening and latest closing
            first = min(h[0] for h in weekly.values())
            last = max(h[1] for h in weekly.values())
            times = TIMES[first // SLOT_MINUTES : last // SLOT_MINUTES + 1]
            self.fields["start"].choices = times[:-1]
            self.fields["end"].choices = times[1:]
        if getattr(user, "is_authenticated", False):
            self.fields["organization"].queryset = (
                Organization.objects.filter(memberships__user=user)
                .distinct()
                .order_by("sort_name", "id")
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date") and data.get("start") and data.get("end"):
            data["starts_at"] = aware(data["date"], data["start"])
            data["ends_at"] = aware(data["date"], data["end"])
        return data


class PolicyForm(forms.Form):
    is_bookable = forms.BooleanField(label=_("bookable on Sadari"), required=False)
    audience = forms.ChoiceField(label=_("who may book"), choices=Audience.choices)
    requires_approval = forms.BooleanField(label=_("requires approval"), required=False)
    min_minutes = forms.IntegerField(label=_("shortest booking (minutes)"), min_value=30)
    max_minutes = forms.IntegerField(label=_("longest booking (minutes)"), min_value=30)
    horizon_days = forms.IntegerField(label=_("bookable up to (days ahead)"), min_value=1)
    price_per_hour_krw = forms.IntegerField(
        label=_("price per hour (KRW, 0 = free)"), min_value=0, max_value=100_000_000
    )
    notes_ko = forms.CharField(label=_("notes (Korean)"), required=False, widget=forms.Textarea)
    notes_en = forms.CharField(label=_("notes (English)"), required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [("", pgettext_lazy("opening hours", "closed")), *TIMES]
        for i, name in enumerate(WEEKDAYS):
            self.fields[f"open_{i}"] = forms.ChoiceField(
                label=name, choices=choices, required=False
            )
            self.fields[f"close_{i}"] = forms.ChoiceField(
                label=name, choices=choices, required=False
            )

    @classmethod
    def initial_for(cls, policy: Any) -> dict[str, Any]:
        initial = {
            name: getattr(policy, name)
            for name in (
                "is_bookable",
                "audience",
                "requires_approval",
                "min_minutes",
                "max_minutes",
                "horizon_days",
                "price_per_hour_krw",
                "notes_ko",
                "notes_en",
            )
        }
        for i, row in enumerate(policy.hours if isinstance(policy.hours, list) else []):
            if row:
                initial[f"open_{i}"], initial[f"close_{i}"] = row
        return initial

    def day_rows(self) -> list[tuple[str, Any, Any]]:
        return [(name, self[f"open_{i}"], self[f"close_{i}"]) for i, name in enumerate(WEEKDAYS)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        hours: list[list[str] | None] = []
        for i in range(7):
            opens, closes = data.get(f"open_{i}"), data.get(f"close_{i}")
            if bool(opens) != bool(closes):
                raise forms.ValidationError(
                    _("%(day)s: give both the opening and the closing time, or neither.")
                    % {"day": WEEKDAYS[i]}
                )
            hours.append([opens, closes] if opens else None)
        data["hours"] = hours
        return data

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = [
            "is_bookable",
            "audience",
            "requires_approval",
            "min_minutes",
            "max_minutes",
            "horizon_days",
            "price_per_hour_krw",
            "notes_ko",
            "notes_en",
            "hours",
        ]
        return {name: data[name] for name in names}


class ClosedDateForm(forms.Form):
    date = forms.DateField(label=_("closed on"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("note"), required=False, max_length=100)


class DecisionForm(forms.Form):
    reason = forms.CharField(label=_("reason"), required=False, max_length=300)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("from"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(
        label=_("until (inclusive)"), widget=forms.DateInput(attrs={"type": "date"})
    )
    institution = forms.ModelChoiceField(
        label=_("institution"), required=False, queryset=Organization.objects.none()
    )

    def __init__(self, *args: Any, institutions: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and (end < start or (end - start).days > 3 * 366):
            raise forms.ValidationError(_("Choose a period of at most three years, start first."))
        return data
