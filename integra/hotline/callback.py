"""The public call-back request: one question per page, check your answers, a confirmation with a reference.

Nothing is stored before "Send" (the answers travel in the wizard's sealed state); the request is
rate-limited per address and per phone number with the core rate limit (keyed hashes in the cache).
"""

from django import forms
from django.core import signing
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from integra.accounts.services import visiting_member
from integra.core import dates, ratelimit
from integra.core.crypto import derive_key
from integra.core.forms import ServerCheckedLengths
from integra.core.wizard import STATE_FIELD, Step, Wizard, unseal
from integra.hotline import services
from integra.hotline.forms import LANGUAGE_CHOICES, NamedChoiceField
from integra.hotline.hours import call_back_windows, parse_window, window_value
from integra.topics.models import Topic

CONFIRMATION_SALT = "integra.hotline.call-back"
RATE_KEY_PURPOSE = "hotline:rate-limit"


def _rate_key() -> bytes:
    return derive_key(RATE_KEY_PURPOSE)


_allow = ratelimit.limiter("hotline", setting="HOTLINE_RATE_LIMITS", key=_rate_key)


def allowed(request, *, scope: str, who: str | None = None) -> bool:
    return _allow(request, scope, who)


def confirmation_token(call_back) -> str:
    return signing.dumps(call_back.pk, salt=CONFIRMATION_SALT)


class PhoneStep(forms.Form):
    phone = PhoneNumberField(
        label=_("Your phone number"),
        region="BG",
        help_text=_("For example +359 88 123 4567 or 088 123 4567. We delete it once we have called you."),
        error_messages={
            "required": _("Enter the phone number we should call."),
            "invalid": _("Enter a phone number, for example +359 88 123 4567."),
        },
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "dir": "ltr"}),
    )


class LanguageStep(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the language we should call you in.")},
    )


class TopicStep(forms.Form):
    topic = NamedChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.active(),
        to_field_name="slug",
        widget=forms.RadioSelect,
        required=False,
        empty_label=_("I am not sure / something else"),
    )


def _window_label(window) -> str:
    start, end = (timezone.localtime(moment) for moment in window)
    return dates.long_window(start, end)


class WindowStep(forms.Form):
    windows = forms.MultipleChoiceField(
        label=_("When can we call you?"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Choose one or more times, or none if any time the line is open suits you."),
        error_messages={
            "invalid_choice": _(
                "One of the times you chose has passed or the line is closed then. Please choose again."
            )
        },
    )

    def __init__(self, *args, hotline=None, **kwargs):
        super().__init__(*args, **kwargs)
        windows = call_back_windows(hotline, now=timezone.now()) if hotline is not None else []
        self.fields["windows"].choices = [(window_value(w), _window_label(w)) for w in windows]


class NameStep(ServerCheckedLengths, forms.Form):
    first_name = forms.CharField(
        label=_("Your first name"),
        required=False,
        max_length=60,
        help_text=_("So that we know whom to ask for. You can leave it empty."),
    )


class CallBackWizard(Wizard):
    name = "call-back"
    steps = [
        Step("phone", PhoneStep, _("Which number should we call?")),
        Step("language", LanguageStep, _("Which language should we speak?")),
        Step("topic", TopicStep, _("What is your question about?")),
        Step("windows", WindowStep, _("When can we call you?")),
        Step("name", NameStep, _("What is your first name?")),
    ]
    check_template_name = "hotline/public/call_back_check.html"
    error = ""

    def form_kwargs(self, request, step, data):
        if step.name == "windows":
            return {"hotline": services.default_hotline()}
        return {}

    def build_form(self, request, step, answers, data=None):
        form = super().build_form(request, step, answers, data=data)
        if step.name == "language" and data is None and not answers.get("language"):
            form.initial = {"language": get_language()}
        return form

    def extra_context(self, request, data):
        return {"rate_error": self.error}

    def done(self, request, data, submission_key):
        phone = str(data["phone"])
        if not allowed(request, scope="address") or not allowed(request, scope="phone", who=phone):
            self.error = _g(
                "We have already received several requests from you. We will call you; please try again later "
                "if you still need to."
            )
            state = unseal(request.POST[STATE_FIELD], f"wizard:{self.name}", self.max_age)
            response = self.render_check(request, state.get("a", {}), state.get("k", submission_key))
            response.status_code = 429
            return response
        call_back = services.call_back_request(
            phone=phone,
            language=data["language"],
            topic=data.get("topic"),
            windows=[w for w in (parse_window(v) for v in data.get("windows") or []) if w],
            first_name=data.get("first_name", ""),
            member=visiting_member(request.user),
            submission_key=submission_key,
        )
        return HttpResponseRedirect(reverse("hotline:call_back_confirmation", args=[confirmation_token(call_back)]))
