from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from integra.accounts import roles
from integra.accounts.models import ApiToken, User

# Fields that give power over other accounts or reach everything: only a superuser (break-glass,
# created from the command line) may change them, and nobody may change them on their own account.
PRIVILEGE_FIELDS = ("is_superuser", "is_staff", "user_permissions", "groups", "centres")


class UserChangeForm(BaseUserAdmin.form):
    """Refuses, on the server, a role an administrator may not grant (the admin also hides the fields)."""

    acting_user: User | None = None

    def clean_groups(self):
        groups = self.cleaned_data.get("groups")
        acting = self.acting_user
        if groups is None or acting is None or acting.is_superuser:
            return groups
        sensitive = sorted(g.name for g in groups if g.name in roles.SENSITIVE_ROLES)
        current = set(self.instance.groups.values_list("name", flat=True)) if self.instance.pk else set()
        added = [name for name in sensitive if name not in current]
        if added:
            raise forms.ValidationError(
                _("Only a superuser may grant a role that reaches client files or reports: %(roles)s.")
                % {"roles": ", ".join(str(roles.ROLE_LABELS.get(n, n)) for n in added)},
                code="sensitive_role",
            )
        return groups


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserChangeForm
    fieldsets = (*BaseUserAdmin.fieldsets, (None, {"fields": ("centres", "preferred_language")}))
    filter_horizontal = ("groups", "user_permissions", "centres")
    list_filter = ("groups", "centres", "is_active")

    def get_readonly_fields(self, request, obj=None):
        readonly = set(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly |= {"is_superuser", "is_staff", "user_permissions"}
        if obj is not None and obj.pk == request.user.pk:
            readonly |= set(PRIVILEGE_FIELDS)
        return tuple(readonly)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.acting_user = request.user
        return form

    def has_change_permission(self, request, obj=None):
        # An administrator never edits a superuser (that would be a way to take over break-glass access).
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (obj.is_superuser or obj.pk == request.user.pk) and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "hint", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["key_hash", "hint", "created_at", "last_used_at"]
