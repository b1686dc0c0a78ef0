"""What a coordinator changes without code: an indicator's name and definition (per language) and its
yearly targets. The indicators themselves are registered in code (integra.figures.registry)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorSettingQuerySet(models.QuerySet):
    def by_code(self) -> dict:
        return {setting.code: setting for setting in self}


class IndicatorSetting(models.Model):
    code = models.CharField(_("code"), max_length=64, unique=True)
    name = models.JSONField(_("name"), default=dict, blank=True, help_text=_("Overrides per language."))
    definition = models.JSONField(_("definition"), default=dict, blank=True, help_text=_("Overrides per language."))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = IndicatorSettingQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator setting")
        verbose_name_plural = _("indicator settings")
        permissions = [("view_figures", _("Can see the network's figures"))]

    def __str__(self) -> str:
        return self.code


class IndicatorTarget(models.Model):
    """The target of one indicator for one calendar year (a share in per cent, hours, people …)."""

    code = models.CharField(_("code"), max_length=64)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.PositiveIntegerField(_("target"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["code", "year"]
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        constraints = [models.UniqueConstraint(fields=["code", "year"], name="indicator_target_once_a_year")]

    def __str__(self) -> str:
        return f"{self.code} {self.year}: {self.value}"


class StoredFigure(models.Model):
    """An indicator's value for one scope, as computed (integra.figures.stored): kept right by the signals
    of its source records, a refresh task and a nightly rebuild."""

    code = models.CharField(max_length=80)  # an indicator's code, or "check:<code>" for a data-quality count
    start = models.DateField()
    end = models.DateField()
    centres = models.CharField(max_length=200)  # "*": every centre; else the centres' ids "1,2"
    breakdown = models.CharField(max_length=20, blank=True)
    value = models.JSONField()
    computed_at = models.DateTimeField(auto_now=True)
    stale = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["start", "end", "centres", "code", "breakdown"], name="stored_figure_once")
        ]
        indexes = [models.Index(fields=["stale", "start", "end"], name="stored_figure_stale")]

    def __str__(self) -> str:
        return f"{self.code} {self.start}–{self.end} {self.centres} {self.breakdown}"
