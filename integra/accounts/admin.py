from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from integra.accounts.models import ApiToken, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, (None, {"fields": ("centres", "preferred_language")}))
    filter_horizontal = ("groups", "user_permissions", "centres")
    list_filter = ("groups", "centres", "is_active")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "hint", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["key_hash", "hint", "created_at", "last_used_at"]
