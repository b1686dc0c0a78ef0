"""A small wizard used only by the tests of integra.core.wizard."""

from django import forms
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseRedirect
from django.urls import path

from config.urls import urlpatterns as real_urlpatterns
from integra.core.wizard import Step, Wizard

RECORDS: dict[str, dict] = {}
CLEANED: list[str] = []  # the name of each step form cleaned, in order (the tests count them per request)


class NameForm(forms.Form):
    name = forms.CharField(label="Your name", max_length=50)

    def clean(self):
        CLEANED.append("name")
        return super().clean()


class ContactForm(forms.Form):
    wants_call = forms.BooleanField(label="Call me back", required=False)

    def clean(self):
        CLEANED.append("contact")
        return super().clean()


class PhoneForm(forms.Form):
    phone = forms.RegexField(label="Phone", regex=r"^\+?[0-9 ]{6,}$")


class ExampleWizard(Wizard):
    name = "example"
    steps = [
        Step("name", NameForm, "What is your name?"),
        Step("contact", ContactForm, "Should we call you?"),
        Step("phone", PhoneForm, "Which phone number?", condition=lambda data: data.get("wants_call")),
    ]

    def done(self, request, data, submission_key):
        RECORDS.setdefault(submission_key, data)
        return HttpResponseRedirect(f"/en/done/{len(RECORDS)}/")


urlpatterns = [*real_urlpatterns, *i18n_patterns(path("example/", login_not_required(ExampleWizard.as_view())))]
