from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting


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
