from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Who sees the figures: coordinators (every centre, exact numbers) and centre managers (their centres, small
# cells suppressed); coordinators also edit names, definitions and targets. Kept here rather than in
# accounts/roles.py while that file is being changed by others; it can move there on merge.
FIGURES_PERMISSIONS = {
    "coordinator": ["figures.view_figures", "figures.change_indicatorsetting"],
    "centre_manager": ["figures.view_figures"],
}


class FiguresConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "integra.figures"
    verbose_name = _("Figures")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from integra.accounts import roles

        for role, perms in FIGURES_PERMISSIONS.items():
            granted = roles.ROLE_PERMISSIONS.setdefault(role, [])
            granted += [perm for perm in perms if perm not in granted]
        # Every app's indicators.py registers its query functions (integra.figures.registry).
        autodiscover_modules("indicators")
