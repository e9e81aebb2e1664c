from django.contrib import admin

from sadari.directory.models import Organization, Person, Program, Space


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name_ko", "name_en", "kind", "district", "industry", "stage")
    list_filter = ("kind", "industry", "stage")
    search_fields = ("name_ko", "name_en", "business_number")


admin.site.register(Person)
admin.site.register(Program)
admin.site.register(Space)
