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


class PeriodSnapshotQuerySet(models.QuerySet):
    def of_period(self, start, end):
        return self.filter(start=start, end=end)


class PeriodSnapshot(models.Model):
    """The figures of a closed reporting period, frozen as a coordinator saw them (exact numbers, every
    indicator with each breakdown, for the whole network and for each centre). Version 1 is the closing;
    each later version records corrections that changed something, with the differences."""

    class Kind(models.TextChoices):
        YEAR = "year", _("Year")
        QUARTER = "quarter", _("Quarter")
        MONTH = "month", _("Month")

    kind = models.CharField(_("period"), max_length=8, choices=Kind.choices)
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    version = models.PositiveSmallIntegerField(_("version"))
    # {"all" | "<centre id>": {code: {"total", "anonymous", "of", "rows": {breakdown: [[key, value, anonymous, of]]}}}}
    figures = models.JSONField(default=dict)
    # What changed from the previous version: [{"scope", "code", "breakdown", "key", "old", "new"}]
    changes = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    objects = PeriodSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "end", "version"]
        verbose_name = _("closed period")
        verbose_name_plural = _("closed periods")
        permissions = [("close_period", _("Can close a reporting period and record corrections"))]
        constraints = [models.UniqueConstraint(fields=["start", "end", "version"], name="period_snapshot_version_once")]

    def __str__(self) -> str:
        return f"{self.start}–{self.end} v{self.version}"


class FigureExport(models.Model):
    """A funder report being prepared in the background (a PDF, or a long period): the file is kept in the
    database (private, reachable by every app process and the task worker), only for the person who asked
    and coordinators, and deleted after FIGURES_EXPORT_HOURS."""

    class Format(models.TextChoices):
        XLSX = "xlsx", "XLSX"
        CSV = "csv", "CSV"
        PDF = "pdf", "PDF"

    class Status(models.TextChoices):
        PENDING = "pending", _("being prepared")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    format = models.CharField(max_length=4, choices=Format.choices)
    language = models.CharField(max_length=8)
    kind = models.CharField(max_length=8)
    start = models.DateField()
    end = models.DateField()
    centres = models.JSONField(null=True, blank=True)  # ids in scope; None for every centre
    exact = models.BooleanField(default=False)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    content = models.BinaryField(null=True, blank=True, editable=False)
    filename = models.CharField(max_length=100, blank=True)
    error = models.CharField(max_length=300, blank=True)
    version = models.PositiveSmallIntegerField(null=True, blank=True)  # the closed period's version it comes from
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("figures export")
        verbose_name_plural = _("figures exports")

    def __str__(self) -> str:
        return f"{self.format} {self.start}–{self.end} ({self.status})"


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
