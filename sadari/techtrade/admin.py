"""Admin for tech trade. Confidential details are left out of every admin form and list: the
admin is for platform operations, and details are for the parties (docs/threat-model.md)."""

from django.contrib import admin

from sadari.techtrade.models import (
    Challenge,
    Deal,
    DetailRequest,
    NdaAcceptance,
    NdaTemplate,
    Poc,
    Proposal,
    TechNeed,
    Technology,
)

CONFIDENTIAL = ("details_ko", "details_en")


class ListingAdmin(admin.ModelAdmin):
    exclude = CONFIDENTIAL
    list_display = ("title_ko", "title_en", "owner", "status", "published_at")
    list_filter = ("status",)
    search_fields = ("title_ko", "title_en", "owner__name_ko")
    raw_id_fields = ("owner", "created_by")

    def get_queryset(self, request):
        return super().get_queryset(request).defer(*CONFIDENTIAL)


admin.site.register(TechNeed, ListingAdmin)
admin.site.register(Technology, ListingAdmin)


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ("title_ko", "host", "kind", "status", "opens_on", "closes_on")
    list_filter = ("status", "kind")
    raw_id_fields = ("host", "created_by")


@admin.register(Deal)
class DealAdmin(admin.ModelAdmin):
    list_display = ("title", "buyer", "seller", "stage", "stage_changed_at")
    list_filter = ("stage",)
    raw_id_fields = ("buyer", "seller", "need", "technology", "challenge", "created_by")


@admin.register(NdaTemplate)
class NdaTemplateAdmin(admin.ModelAdmin):
    list_display = ("owner", "version", "title", "sha256", "created_at")
    readonly_fields = ("sha256",)
    raw_id_fields = ("owner", "created_by")


@admin.register(NdaAcceptance)
class NdaAcceptanceAdmin(admin.ModelAdmin):
    list_display = ("organization", "nda", "user", "accepted_at", "text_sha256")
    readonly_fields = ("nda", "organization", "user", "accepted_at", "text_sha256")


@admin.register(DetailRequest)
class DetailRequestAdmin(admin.ModelAdmin):
    list_display = ("requester", "need", "technology", "status", "requested_at")
    list_filter = ("status",)
    raw_id_fields = ("need", "technology", "requester", "requested_by", "acceptance", "decided_by")


admin.site.register(Proposal)
admin.site.register(Poc)
