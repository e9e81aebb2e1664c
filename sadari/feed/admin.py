from django.contrib import admin

from sadari.feed.models import ChangeEvent, WebhookDelivery, WebhookSubscription


@admin.register(ChangeEvent)
class ChangeEventAdmin(admin.ModelAdmin):
    list_display = ["seq", "kind", "entity_id", "action", "source", "is_public", "created_at"]
    list_filter = ["kind", "action", "is_public"]
    search_fields = ["entity_id", "source"]
    readonly_fields = [f.name for f in ChangeEvent._meta.fields]


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "target_url", "is_active", "consecutive_failures"]
    list_filter = ["is_active"]
    exclude = ["secret"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["subscription", "event", "state", "attempts", "status_code", "next_attempt_at"]
    list_filter = ["state", "is_test"]
    raw_id_fields = ["subscription", "event"]
