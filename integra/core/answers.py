"""How an answer is shown back to the visitor on a check-your-answers page (the wizards' `display_value`)."""

from datetime import date, datetime

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext as _
from phonenumber_field.phonenumber import PhoneNumber

from integra.core import dates


def ltr(text: str) -> str:
    """A phone number, an e-mail address or a reference, kept left-to-right inside right-to-left text."""
    return format_html('<bdi dir="ltr">{}</bdi>', text)


def display_answer(field: forms.Field, value) -> str:
    """The answer as a person reads it: choice labels, dates in words in the page's language, phone
    numbers and e-mail addresses isolated left-to-right. Returns plain text or safe HTML."""
    if value in (None, "", [], ()):
        return "–"
    if isinstance(field, forms.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return dates.long_datetime_html(value)
    if isinstance(value, date):
        return dates.long_date_html(value)
    if isinstance(value, PhoneNumber):
        return ltr(value.as_international if value.is_valid() else str(value))
    if isinstance(field, forms.EmailField):
        return ltr(value)
    if isinstance(field, forms.ModelChoiceField) and not isinstance(value, list | tuple):
        return str(value)  # the chosen object: listing the field's choices would query again
    choices = dict(getattr(field, "choices", []) or [])
    if isinstance(value, list | tuple):
        return ", ".join(str(choices.get(v, v)) for v in value)
    if choices:
        return str(choices.get(value, value))
    return str(value)
