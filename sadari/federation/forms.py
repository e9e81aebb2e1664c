"""Forms of the federation pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sadari.directory.models import Organization
from sadari.federation.models import RecordKind, Source


class SourceForm(forms.ModelForm):
    """Registering or editing a source. ``owners`` limits the institutions one may choose."""

    kinds = forms.MultipleChoiceField(
        label=_("Record kinds"),
        choices=RecordKind.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[RecordKind.ORGANIZATION],
    )

    class Meta:
        model = Source
        fields = [
            "slug", "name", "name_en", "owner", "kinds", "priority", "field_priorities", "field_mapping",
            "pull_url", "pull_interval_hours", "is_active",
        ]  # fmt: skip

    def __init__(self, *args, owners=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if owners is not None:
            self.fields["owner"].queryset = owners
        else:
            self.fields["owner"].queryset = Organization.objects.exclude(kind="startup")
        if self.instance.pk:
            self.fields["slug"].disabled = True

    def clean_field_mapping(self):
        value = self.cleaned_data.get("field_mapping") or {}
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise forms.ValidationError(_('Write the mapping as {"their field": "sadari_field"}.'))
        return value

    def clean_field_priorities(self):
        value = self.cleaned_data.get("field_priorities") or {}
        if not isinstance(value, dict) or not all(
            isinstance(v, int) and 0 <= v <= 1000 for v in value.values()
        ):
            raise forms.ValidationError(_('Write priorities as {"homepage": 80} (0–1000).'))
        return value
