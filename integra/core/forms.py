from datetime import datetime, time, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import DateTimeField
from django.forms.renderers import TemplatesSetting
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField
from phonenumber_field.phonenumber import PhoneNumber, to_python
from phonenumber_field.widgets import RegionalPhoneNumberWidget


class Renderer(TemplatesSetting):
    """Every form renders with the error-summary-friendly field template (label, hint, error, input)."""

    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"


def add_errors(form, error: ValidationError) -> None:
    """A service's ValidationError shown on a form: messages keyed by one of its fields go next to that
    field, the others above the form. Forms translate the services' rules this way instead of copying them."""
    items = error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
    for field, messages in items:
        form.add_error(field if field in form.fields else None, messages)


TOO_LONG = _(
    "Your text is too long: it can have at most %(limit_value)d characters (it has %(show_value)d). Please shorten it."
)


class ServerCheckedLengths:
    """Lengths are checked on the server, not by the browser: `maxlength` would cut a long paste off
    without a word, so it is not sent; a text over the limit is answered with a message that says the
    limit and the length, and everything typed is shown back (issue 11 item 5)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length is not None:
                field.widget.attrs.pop("maxlength", None)
                field.error_messages.setdefault("max_length", TOO_LONG)


class PhoneInput(RegionalPhoneNumberWidget):
    """A phone input that shows back what was typed when it is not a phone number: the library's
    widget would turn "abc123" into "123", hiding the mistake the error message is about.
    Left-to-right also on Arabic and Persian pages."""

    def __init__(self, region=None, attrs=None):
        super().__init__(region=region, attrs={"dir": "ltr", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, str):
            try:
                number = to_python(value, region=self.region)
            except Exception:  # noqa: BLE001 - anything unparseable is shown as typed
                number = None
            if not (isinstance(number, PhoneNumber) and number.is_valid()):
                return value
        return super().format_value(value)


class PhoneField(PhoneNumberField):
    """django-phonenumber-field's form field (E.164) with PhoneInput."""

    widget = PhoneInput


class DateRangeForm(forms.Form):
    """The "from" and "to" days of a back-office list's filters (sent by GET): a list filtered by dates is
    what a figure links to (integra.figures.records). A malformed day or a "to" before "from" is an error
    shown next to the field, with what was typed kept; an invalid filter shows no rows rather than every row.

    Subclasses add their own fields and call `self.days(queryset, "held_on")` in their `filter`."""

    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the first day as a date, for example 2026-03-01.")},
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the last day as a date, for example 2026-03-31.")},
    )

    def clean(self):
        data = super().clean()
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and last < first:
            self.add_error("date_to", _("The last day is before the first day: change one of them."))
        return data

    def days(self, queryset, field: str):
        """The records whose `field` (a date, or a moment read as a day in the site's time zone) falls
        between the form's days, both included; no rows at all when the form is not valid."""
        if not self.is_bound:
            return queryset
        if not self.is_valid():
            return queryset.none()
        return within_days(queryset, field, self.cleaned_data.get("date_from"), self.cleaned_data.get("date_to"))

    def overlapping(self, queryset, first_field: str, last_field: str):
        """The records that run from the day `first_field` to the day `last_field` (dates) and overlap the
        form's days (a course group running on at least one of them); no rows when the form is not valid."""
        if not self.is_bound:
            return queryset
        if not self.is_valid():
            return queryset.none()
        if self.cleaned_data.get("date_to"):
            queryset = queryset.filter(**{f"{first_field}__lte": self.cleaned_data["date_to"]})
        if self.cleaned_data.get("date_from"):
            queryset = queryset.filter(**{f"{last_field}__gte": self.cleaned_data["date_from"]})
        return queryset


def within_days(queryset, field: str, first=None, last=None):
    """The records whose `field` falls on the days from `first` to `last` (both included, either may be
    None). A date-time field is compared with the days' bounds in the site's time zone, so that an index on
    it is used and a call at 00:30 Sofia time counts on its Sofia day."""
    model = queryset.model
    parts = field.split("__")
    for part in parts[:-1]:
        model = model._meta.get_field(part).related_model
    if isinstance(model._meta.get_field(parts[-1]), DateTimeField):
        zone = timezone.get_current_timezone()
        if first:
            queryset = queryset.filter(
                **{f"{field}__gte": timezone.make_aware(datetime.combine(first, time.min), zone)}
            )
        if last:
            end = timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min), zone)
            queryset = queryset.filter(**{f"{field}__lt": end})
        return queryset
    if first:
        queryset = queryset.filter(**{f"{field}__gte": first})
    if last:
        queryset = queryset.filter(**{f"{field}__lte": last})
    return queryset
