from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
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
