from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integra.centres.forms import add_centre_filter, chosen_centre
from integra.centres.models import Centre
from integra.clients.models import AgeBand, Client, Consent, Gender
from integra.core.languages import SPOKEN_LANGUAGES


class CentreChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


# What each field is for and what the client is told (issue 11 item 16).
CLIENT_HELP = {
    "centre": _("The centre that keeps the file. Another centre sees it only if it is shared."),
    "name": _("Optional. The file is known by its reference; leave the name out if it is not needed."),
    "phone": _(
        "Optional, with the country code, e.g. +359 88 123 4567. Used to call the client back and to find this "
        "file when they book; ask first whether they agree to be contacted."
    ),
    "email": _("Optional. Only if the client wants to be contacted by e-mail."),
    "nationality": _("Optional. Counted in the figures without the name."),
    "gender": _('Optional. "Not said" is fine.'),
    "year_of_birth": _("Optional. Only the year: the figures use age bands."),
    "languages": _("The languages the client is at ease in, to plan an interpreter."),
    "residence_status": _(
        "As the client describes it, only if it matters for the advice. It is not passed to any institution "
        "without the client's consent."
    ),
}
CONSENT_HELP = {
    "purpose": _(
        "What the client agrees to: one consent per purpose. Explain each one in the client's language before "
        "they agree."
    ),
    "version": _("The version of the consent text shown to the client, e.g. 2026-01."),
    "given_on": _("The day the client agreed. It cannot be in the future."),
    "method": _(
        "How the client agreed; keep a signed paper in the centre's file. Tell the client they can withdraw "
        "their consent at any time."
    ),
}


DEMOGRAPHIC_FILTERS = ("nationality", "gender", "age_band", "language")


def add_demographic_filters(form: forms.Form) -> None:
    """Nationality, sex, age band and language selects (sent by GET) on a list of records that carry them
    (consultations, calls): the figures' rows by these breakdowns link to the list filtered so."""
    from django_countries import countries  # noqa: PLC0415 - the names in the active language

    every = [("", _("All"))]
    form.fields["nationality"] = forms.ChoiceField(label=_("Nationality"), required=False, choices=[*every, *countries])
    form.fields["gender"] = forms.ChoiceField(label=_("Sex"), required=False, choices=[*every, *Gender.choices])
    form.fields["age_band"] = forms.ChoiceField(label=_("Age band"), required=False, choices=[*every, *AgeBand.choices])
    if "language" not in form.fields:
        form.fields["language"] = forms.ChoiceField(
            label=_("Language"), required=False, choices=[("", _("Every language")), *SPOKEN_LANGUAGES.items()]
        )


def filter_demographics(form: forms.Form, queryset):
    """The records matching the demographic selects that were chosen (the form is valid)."""
    for name in DEMOGRAPHIC_FILTERS:
        if form.cleaned_data.get(name):
            queryset = queryset.filter(**{name: form.cleaned_data[name]})
    return queryset


def add_help(form: forms.BaseForm, texts: dict) -> None:
    for name, text in texts.items():
        if name in form.fields:
            form.fields[name].help_text = text


class ClientForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=list(SPOKEN_LANGUAGES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Client
        fields = ["centre", "name", "phone", "email", "nationality", "gender", "year_of_birth", "languages"]
        fields += ["residence_status"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["centre"]
        else:
            self.fields["centre"] = CentreChoiceField(
                label=_("Centre"), queryset=Centre.objects.for_user(user).filter(is_active=True), empty_label=None
            )
        add_help(self, CLIENT_HELP)

    def clean_year_of_birth(self):
        year = self.cleaned_data.get("year_of_birth")
        if year is not None and not (1900 <= year <= timezone.localdate().year):
            raise forms.ValidationError(_("Enter a year between 1900 and this year."))
        return year

    # What makes a file a file: someone to recognise (a name, a phone, an e-mail) or, for a file without
    # identity, someone to count (nationality, gender, year of birth). Languages or a residence status alone do not.
    RECOGNISED_BY = ("name", "phone", "email", "nationality", "year_of_birth")

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        gender = data.get("gender")
        if not any(data.get(field) for field in self.RECOGNISED_BY) and gender in (None, "", Gender.UNDISCLOSED):
            raise forms.ValidationError(
                _(
                    "An empty client file cannot be saved. Give at least a name, a phone number or an e-mail "
                    "address, or, for a file without identity, the nationality, gender or year of birth."
                ),
                code="empty",
            )
        return data


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["purpose", "version", "given_on", "method"]
        widgets = {
            "given_on": forms.DateInput(attrs={"type": "date"}),
            "method": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_help(self, CONSENT_HELP)

    def clean_given_on(self):
        given_on = self.cleaned_data["given_on"]
        if given_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return given_on


class ShareForm(forms.Form):
    centre = CentreChoiceField(label=_("Share with centre"), queryset=Centre.objects.none(), empty_label=None)
    override_reason = forms.CharField(
        label=_("Reason for sharing without consent (centre managers only)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
        help_text=_("Leave empty when the client has consented to sharing. An override is logged."),
    )

    def __init__(self, *args, client=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = Centre.objects.active().exclude(pk=client.centre_id)


class ClientSearchForm(forms.Form):
    q = forms.CharField(label=_("Reference, name or phone"), required=False, max_length=100)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            add_centre_filter(self, user)

    def filter(self, queryset):
        """The files matching the search (and the centre chosen by a coordinator); all of them otherwise."""
        if not self.is_valid():
            return queryset
        centre = chosen_centre(self)
        if centre is not None:
            queryset = queryset.filter(centre=centre)
        return queryset.search(self.cleaned_data["q"])


class DataSubjectExportForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("pdf", _("PDF, to print or send to the client")), ("json", _("JSON, machine-readable"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose PDF or JSON."),
            "invalid_choice": _("Choose PDF or JSON."),
        },
    )
