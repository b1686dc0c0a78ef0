from django.forms.renderers import TemplatesSetting


class Renderer(TemplatesSetting):
    """Every form renders with the error-summary-friendly field template (label, hint, error, input)."""

    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"
