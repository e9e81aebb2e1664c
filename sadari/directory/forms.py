"""Directory forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sadari.directory.models import Organization
from sadari.directory.validators import clean_brn


class OrganizationForm(forms.ModelForm):
    aliases_text = forms.CharField(
        label=_("aliases"),
        required=False,
        help_text=_("One per line: other names, former names, abbreviations."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Organization
        fields = [
            "name_ko", "name_en", "business_number", "founded_on", "city", "district", "address",
            "industry", "stage", "employees", "homepage", "description_ko", "description_en",
            "contact_email", "contact_phone", "revenue_krw",
        ]  # fmt: skip
        widgets = {
            "founded_on": forms.DateInput(attrs={"type": "date"}),
            "description_ko": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance and self.instance.pk:
            self.fields["aliases_text"].initial = "\n".join(self.instance.aliases or [])

    def clean_business_number(self) -> str | None:
        value = clean_brn(self.cleaned_data.get("business_number"))
        if (
            value
            and Organization.objects.exclude(pk=self.instance.pk)
            .filter(business_number=value)
            .exists()
        ):
            raise forms.ValidationError(_("Another organization already has this number."))
        return value

    def clean_aliases_text(self) -> list[str]:
        lines = (self.cleaned_data.get("aliases_text") or "").splitlines()
        return [line.strip() for line in lines if line.strip()][:20]
