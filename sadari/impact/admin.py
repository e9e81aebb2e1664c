"""Admin for KPI definitions (formula validated in the model's clean) and, read-only, events
and snapshots."""

from django.contrib import admin

from sadari.impact.models import ImpactEvent, Kpi, KpiSnapshot


@admin.register(Kpi)
class KpiAdmin(admin.ModelAdmin):
    list_display = ("order", "slug", "name_ko", "unit", "period", "target", "is_public")
    list_display_links = ("slug",)
    list_filter = ("unit", "period", "is_public")
    search_fields = ("slug", "name_ko", "name_en", "formula")
    raw_id_fields = ("owner",)


@admin.register(ImpactEvent)
class ImpactEventAdmin(admin.ModelAdmin):
    list_display = (
        "kind",
        "occurred_on",
        "organization_id",
        "institution_id",
        "amount",
        "quantity",
    )
    list_filter = ("kind",)
    raw_id_fields = ("organization", "institution")

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(KpiSnapshot)
class KpiSnapshotAdmin(admin.ModelAdmin):
    list_display = ("kpi", "period", "period_start", "institution_id", "value", "computed_at")
    list_filter = ("period", "kpi")
    raw_id_fields = ("institution",)

    def has_change_permission(self, request, obj=None) -> bool:
        return False
