from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "integra.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from integra.core import checks, pagecache  # noqa: F401, PLC0415 - registered once apps are ready

        pagecache.connect_signals()
