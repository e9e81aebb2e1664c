"""The webhook subscription form."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sadari.feed import conf
from sadari.feed.enums import ChangeKind
from sadari.feed.models import WebhookSubscription
from sadari.feed.webhooks import UnsafeTargetError, check_target_url


class WebhookSubscriptionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    target_url = forms.URLField(
        label=_("Target URL"),
        max_length=500,
        help_text=_("We POST signed JSON to this http(s) address."),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Kinds"),
        choices=ChangeKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None checked: every kind."),
    )
    organization = forms.ModelChoiceField(
        label=_("Organization"),
        queryset=WebhookSubscription._meta.get_field("organization").related_model.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organizations = WebhookSubscription._meta.get_field("organization").related_model.objects
        # Only the organizations the user belongs to (memberships live in accounts).
        self.fields["organization"].queryset = organizations.filter(
            memberships__user=user
        ).distinct()

    def clean_target_url(self) -> str:
        url = self.cleaned_data["target_url"]
        try:
            check_target_url(url, allow_private=conf.webhook_allow_private())
        except UnsafeTargetError:
            raise forms.ValidationError(
                _("Use a public http(s) address; private and local addresses are not allowed."),
                code="unsafe_target",
            ) from None
        return url
