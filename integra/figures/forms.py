from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integra.figures import periods
from integra.figures.registry import Breakdown

MAX_DAYS = 5 * 366


class PeriodForm(forms.Form):
    """The period of a dashboard, an indicator page or an API call; every field optional (this year)."""

    KINDS = [("year", _("Year")), ("quarter", _("Quarter")), ("month", _("Month")), ("dates", _("From and to"))]

    period = forms.ChoiceField(label=_("Period"), choices=KINDS, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    quarter = forms.IntegerField(label=_("Quarter"), min_value=1, max_value=4, required=False)
    month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12, required=False)
    start = forms.DateField(label=_("From"), required=False, help_text=_("For example 2026-01-31."))
    end = forms.DateField(label=_("To"), required=False)
    centre = forms.ChoiceField(label=_("Centre"), required=False)

    def __init__(self, *args, centres=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].choices = [("", _("Every centre in my scope")), *centres]
        if not centres:
            del self.fields["centre"]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        today = timezone.localdate()
        kind = data.get("period") or "year"
        year = data.get("year") or today.year
        if kind == "dates":
            start, end = data.get("start"), data.get("end")
            if not start or not end:
                raise forms.ValidationError(_("Give both the first and the last day of the period."))
            if end < start:
                self.add_error("end", _("The last day must not be before the first day."))
                return data
            if end - start > timedelta(days=MAX_DAYS):
                self.add_error("end", _("A period may be at most five years long."))
                return data
            data["result"] = periods.Period(start, end, "dates")
        elif kind == "quarter":
            data["result"] = periods.quarter(year, data.get("quarter") or (today.month - 1) // 3 + 1)
        elif kind == "month":
            data["result"] = periods.month(year, data.get("month") or today.month)
        else:
            data["result"] = periods.year(year)
        return data


class BreakdownForm(PeriodForm):
    breakdown = forms.ChoiceField(label=_("Breakdown"), choices=[("", "—"), *Breakdown.choices], required=False)


class IndicatorSettingForm(forms.Form):
    name_bg = forms.CharField(label=_("Name in Bulgarian"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    definition_bg = forms.CharField(label=_("Definition in Bulgarian"), widget=forms.Textarea, required=False)
    definition_en = forms.CharField(label=_("Definition in English"), widget=forms.Textarea, required=False)
    year = forms.IntegerField(label=_("Year of the target"), min_value=2000, max_value=2100)
    target = forms.IntegerField(
        label=_("Target"),
        min_value=0,
        required=False,
        help_text=_("Leave empty for no target. For a share, the target in per cent."),
    )


class ExportForm(forms.Form):
    """The funder report's file format and language (the period comes from the dashboard's form)."""

    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("xlsx", _("Spreadsheet (XLSX)")), ("csv", _("Table (CSV)")), ("pdf", _("Summary with charts (PDF)"))],
    )
    language = forms.ChoiceField(label=_("Language of the report"), choices=[("bg", "български"), ("en", "English")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.initial.get("language") not in ("bg", "en"):
            self.initial["language"] = "bg"
