"""The form for "phone interpretation now" (back office and API): who is needed, and the phones to join."""

from django import forms
from django.utils.translation import gettext_lazy as _

from integra.centres.models import Centre
from integra.clients.forms import CentreChoiceField
from integra.core.forms import ServerCheckedLengths
from integra.hotline.forms import clean_caller_number
from integra.interpreting import services
from integra.interpreting.forms import FULL_NAME
from integra.interpreting.models import LANGUAGES, Request

PHONE_WIDGET = {"inputmode": "tel", "dir": "ltr", "autocomplete": "tel"}


class PhoneRequestForm(ServerCheckedLengths, forms.ModelForm):
    centre = CentreChoiceField(label=_("City"), queryset=Centre.objects.none(), empty_label=None)
    language = forms.ChoiceField(label=_("Language"), choices=list(LANGUAGES.items()))
    requester_phone = forms.CharField(
        label=_("Your phone"),
        max_length=32,
        help_text=_(
            "The interpreter and you are joined on this number: your own line or the phone of the call you are on."
        ),
        widget=forms.TextInput(attrs=PHONE_WIDGET),
        error_messages={"required": _("Enter your phone number, for example +359 88 123 4567.")},
    )
    other_phone = forms.CharField(
        label=_("The other person's phone (optional)"),
        max_length=32,
        required=False,
        help_text=_("Only if the client is not with you: they are called into the same call as a third person."),
        widget=forms.TextInput(attrs=PHONE_WIDGET),
    )
    key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    class Meta:
        model = Request
        fields = ["centre", "language", "dialect", "direction", "interpreter_gender", "subject", "client_label"]
        fields += ["notes"]
        labels = {"interpreter_gender": _("Interpreter's gender, if it matters")}
        help_texts = {
            "client_label": _("Initials (for example A. K.) or your own reference. Never the full name."),
            "dialect": _("Arabic, Persian and Kurdish have dialects that differ a lot: choose one if you know it."),
        }
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    field_order = ["requester_phone", "other_phone", "centre", "language", "dialect", "direction"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        centres = services.centres_for_request(user)
        self.fields["centre"].queryset = Centre.objects.filter(pk__in=[c.pk for c in centres])
        self.fields["interpreter_gender"].choices = [
            ("", _("Does not matter")),
            *self.fields["interpreter_gender"].choices[1:],
        ]

    def clean_requester_phone(self):
        return clean_caller_number(self.cleaned_data["requester_phone"])

    def clean_other_phone(self):
        return clean_caller_number(self.cleaned_data["other_phone"])

    def clean_client_label(self):
        label = self.cleaned_data["client_label"].strip()
        if FULL_NAME.match(label):
            raise forms.ValidationError(_("This looks like a full name. Give initials or your own reference only."))
        return label

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        key = data.pop("key", "") or ""
        return {**data, "submission_key": key}
