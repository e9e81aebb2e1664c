"""Forms of the impact pages: a KPI definition (the formula is validated by the model)."""

from django import forms

from sadari.impact.models import Kpi


class KpiForm(forms.ModelForm):
    class Meta:
        model = Kpi
        fields = [
            "slug", "name_ko", "name_en", "definition_ko", "definition_en", "formula", "unit",
            "period", "target", "target_period", "target_period_en", "cumulative_from", "is_public", "order",
        ]  # fmt: skip
        widgets = {
            "definition_ko": forms.Textarea(attrs={"rows": 3}),
            "definition_en": forms.Textarea(attrs={"rows": 3}),
            "formula": forms.TextInput(attrs={"size": 70, "spellcheck": "false"}),
            "cumulative_from": forms.DateInput(attrs={"type": "date"}),
        }
