from django.contrib import admin

from sadari.consortium.models import (
    Application,
    CompanyFacts,
    ProgramOptions,
    ProgramRule,
    Referral,
    ReferralEvent,
)

# EligibilityProfile is deliberately not registered: it is its owner's alone.


@admin.register(ProgramRule)
class ProgramRuleAdmin(admin.ModelAdmin):
    list_display = ["program_id", "order", "attribute", "operator", "value"]
    list_filter = ["attribute", "operator"]
    raw_id_fields = ["program"]


@admin.register(ProgramOptions)
class ProgramOptionsAdmin(admin.ModelAdmin):
    list_display = ["program_id", "application_mode", "target_group", "status"]
    list_filter = ["application_mode", "target_group", "status"]
    raw_id_fields = ["program"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["id", "program_id", "applicant_id", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["program", "applicant", "organization", "decided_by"]


class ReferralEventInline(admin.TabularInline):
    model = ReferralEvent
    extra = 0
    raw_id_fields = ["by"]


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ["id", "from_org_id", "to_org_id", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["from_org", "to_org", "program", "space", "company", "person", "created_by"]
    inlines = [ReferralEventInline]


@admin.register(CompanyFacts)
class CompanyFactsAdmin(admin.ModelAdmin):
    list_display = ["organization_id", "revenue_krw", "employees", "social_economy"]
    raw_id_fields = ["organization", "updated_by"]
