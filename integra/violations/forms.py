from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integra.centres.models import Institution
from integra.core.forms import PhoneField, ServerCheckedLengths
from integra.violations import services
from integra.violations.models import City, Message, Report
from integra.violations.uploads import clean_upload

# -- the report wizard, one question per page -------------------------------------------------------


class CategoryForm(forms.Form):
    category = forms.ChoiceField(
        label=_("What happened?"),
        choices=Report.Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what happened.")},
    )


class PlaceForm(ServerCheckedLengths, forms.Form):
    institution = forms.CharField(
        label=_("Which institution or place?"),
        help_text=_("For example the name of an office, a hospital, a school, an employer or a street."),
        max_length=300,
        error_messages={"required": _("Write where it happened.")},
    )
    institution_kind = forms.ChoiceField(
        label=_("What kind of place is it?"),
        choices=[("", _("I do not know"))] + list(Institution.Kind.choices),
        required=False,
    )


class CityForm(forms.Form):
    city = forms.ChoiceField(
        label=_("In which city or region?"),
        help_text=_("If it was in a village, choose the nearest city."),
        choices=[("", "–")] + list(City.choices),
        error_messages={"required": _("Choose the city or “Somewhere else”.")},
    )


class WhenForm(ServerCheckedLengths, forms.Form):
    when = forms.DateField(
        label=_("Date"),
        help_text=_("If you know the day. For example 2026-03-27."),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Write the date as year-month-day, for example 2026-03-27.")},
    )
    when_text = forms.CharField(
        label=_("Or approximately"),
        help_text=_("For example “last spring” or “every week since January”."),
        required=False,
        max_length=200,
    )

    def clean_when(self):
        when = self.cleaned_data.get("when")
        if when and when > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return when

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("when") and not data.get("when_text"):
            raise ValidationError(_("Give the date, or say approximately when it happened."))
        return data


class DescriptionForm(ServerCheckedLengths, forms.Form):
    description = forms.CharField(
        label=_("What happened? Describe it in your own words"),
        help_text=_("Who did what, and what happened to you. Any language is fine."),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Describe what happened.")},
    )


class ContactForm(ServerCheckedLengths, forms.Form):
    contact_by = forms.ChoiceField(
        label=_("Do you want us to contact you?"),
        choices=Report.Contact.choices,
        widget=forms.RadioSelect,
        help_text=_("With your receipt you can always come back here to read our answers."),
        error_messages={"required": _("Choose how we may contact you, or “Do not contact me”.")},
    )
    phone = PhoneField(label=_("Phone number"), required=False, help_text=_("Only if you chose phone."))
    email = forms.EmailField(label=_("E-mail address"), required=False, help_text=_("Only if you chose e-mail."))

    def clean(self):
        data = super().clean()
        how = data.get("contact_by")
        if how == Report.Contact.PHONE and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Write the phone number we should call."))
        if how == Report.Contact.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Write the e-mail address we should write to."))
        return data


class IdentityForm(ServerCheckedLengths, forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        help_text=_("You do not have to tell us who you are. Leave this empty to stay anonymous."),
        required=False,
        max_length=200,
    )


class ChannelForm(forms.Form):
    """Staff taking a report on someone's behalf: how the report came in."""

    channel = forms.ChoiceField(
        label=_("How is the person reporting?"),
        choices=[
            (Report.Channel.PHONE, Report.Channel.PHONE.label),
            (Report.Channel.IN_PERSON, Report.Channel.IN_PERSON.label),
        ],
        widget=forms.RadioSelect,
    )


# -- follow-up with the receipt ------------------------------------------------------------------------
class ReceiptForm(ServerCheckedLengths, forms.Form):
    receipt = forms.CharField(
        label=_("Your receipt"),
        help_text=_("The 16 digits you got when you sent the report. Spaces do not matter."),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"}),
        error_messages={"required": _("Write your receipt.")},
    )

    def clean_receipt(self):
        return services.normalise_receipt(self.cleaned_data["receipt"])


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class FilesMixin:
    too_big = False

    def clean_files(self):
        if self.too_big:
            raise ValidationError(_("The files are too big: at most 20 MB together. Nothing was kept."))
        cleaned, errors = [], []
        for upload in self.cleaned_data.get("files") or []:
            try:
                cleaned.append(clean_upload(upload))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


def files_field():
    return MultipleFileField(
        label=_("Add pictures or PDF documents"),
        help_text=_("At most 20 MB together. Location and other hidden details are removed from pictures."),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp,application/pdf"}),
    )


class ReporterMessageForm(FilesMixin, ServerCheckedLengths, forms.Form):
    text = forms.CharField(
        label=_("Your answer or more information"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    files = files_field()

    def __init__(self, *args, too_big=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_big = too_big

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("text") and not data.get("files"):
            raise ValidationError(_("Write something or choose a file to add."))
        return data


# -- rights officers ----------------------------------------------------------------------------------------
class UnlockForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    recovery_key = forms.CharField(
        label=_("Recovery key"),
        help_text=_("Only if you changed your password since your keys were made."),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class TriageForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Report.Status.choices)
    referred_to = forms.ModelChoiceField(
        label=_("Referred to"),
        help_text=_("The institution or the ombudsman the case was referred to."),
        queryset=Institution.objects.all(),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("status") == Report.Status.REFERRED and not data.get("referred_to"):
            self.add_error("referred_to", _("Choose where the report was referred to."))
        return data


class OfficerMessageForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(Message.Kind.OFFICER, _("Message to the reporter")), (Message.Kind.NOTE, _("Internal note"))],
        widget=forms.RadioSelect,
        initial=Message.Kind.OFFICER,
    )
    text = forms.CharField(label=_("Text"), max_length=20000, widget=forms.Textarea(attrs={"rows": 5}))
