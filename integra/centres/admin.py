from django.contrib import admin

from integra.centres.models import Centre, Hotline, Institution, OpeningHours, Place, Service


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    list_display = ["slug", "__str__", "phone", "is_active"]
    inlines = [OpeningHoursInline]
    filter_horizontal = ["services"]


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["slug", "__str__", "kind", "phone"]
    list_filter = ["kind"]
    filter_horizontal = ["topics"]


admin.site.register(Service)
admin.site.register(Hotline)
admin.site.register(Place)
