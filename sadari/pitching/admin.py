"""Admin for pitching operations: calls, rubrics, experts and batches. Reviews and results
stay out of the admin (they are read through the pages, with their access rules)."""

from django.contrib import admin

from sadari.pitching.models import Affiliation, Batch, Call, Criterion, Expert, Invitation


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ("title_ko", "host", "kind", "opens_at", "closes_at", "blind_review")
    list_filter = ("kind", "blind_review")
    search_fields = ("title_ko", "title_en", "host__name_ko")
    raw_id_fields = ("host",)
    inlines = [CriterionInline]


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    raw_id_fields = ("organization",)


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ("user", "capacity", "available", "away_until")
    list_filter = ("available",)
    search_fields = ("user__display_name", "user__username")
    raw_id_fields = ("user", "person")
    inlines = [AffiliationInline]


@admin.register(Batch)
class BatchAdmin(admin.ModelAdmin):
    list_display = ("call", "number", "starts_on", "ends_on", "status")
    list_filter = ("status",)
    raw_id_fields = ("call", "closed_by")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("call", "expert", "status", "invited_at")
    list_filter = ("status",)
    raw_id_fields = ("call", "expert", "invited_by")
