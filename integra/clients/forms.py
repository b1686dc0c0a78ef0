from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integra.centres.models import Centre
from integra.clients.models import Client, Consent, Gender
from integra.core.languages import SPOKEN_LANGUAGES


class CentreChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


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
        help_texts = {"name": _("Optional. The file is known by its reference; leave the name out if not needed.")}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["centre"]
        else:
            self.fields["centre"] = CentreChoiceField(
                label=_("Centre"), queryset=Centre.objects.for_user(user).filter(is_active=True), empty_label=None
            )

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
