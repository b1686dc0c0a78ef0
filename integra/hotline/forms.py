from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integra.centres.forms import add_centre_filter, chosen_centre
from integra.centres.models import Centre, Hotline
from integra.clients.forms import CentreChoiceField, add_demographic_filters, filter_demographics
from integra.core.forms import DateRangeForm
from integra.core.languages import SPOKEN_LANGUAGES
from integra.hotline.callers import normalise
from integra.hotline.models import Call, CallBack, CallBackAttempt, LineDay
from integra.topics.models import Topic

LANGUAGE_CHOICES = list(SPOKEN_LANGUAGES.items())


class NamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class TopicsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


def clean_caller_number(value: str) -> str:
    value = (value or "").strip()
    if value and not normalise(value):
        raise forms.ValidationError(_("Enter a phone number, for example +359 88 123 4567 or 088 123 4567."))
    return normalise(value)


# What each field of the call log is for (issue 11 item 16).
CALL_HELP = {
    "hotline": _("The line the caller rang, or the line you called from."),
    "centre": _("The centre the call is counted for."),
    "direction": _("Incoming, an outgoing call, or a call-back you had promised."),
    "language": _("The language you spoke with the caller."),
    "interpreter_joined": _("Tick it if an interpreter joined the call."),
    "topics": _("What the call was about, for the hotline figures."),
    "duration_minutes": _("About how long the call lasted."),
    "nationality": _("Only if the caller said it. For the figures, never to identify anyone."),
    "gender": _("Only if the caller said it. For the figures, never to identify anyone."),
    "age_band": _("Only if the caller said it. For the figures, never to identify anyone."),
    "outcome": _("What the caller was given. If you promised a call-back, tell them when to expect it."),
}


class CallForm(forms.ModelForm):
    """One call on one screen. The number is optional and never stored: it only finds earlier calls."""

    centre = CentreChoiceField(label=_("Centre"), queryset=Centre.objects.none(), required=False)
    hotline = NamedChoiceField(label=_("Line"), queryset=Hotline.objects.all(), empty_label=None)
    language = forms.ChoiceField(label=_("Language of the call"), choices=LANGUAGE_CHOICES, initial="bg")
    topics = TopicsField(
        label=_("Topics"), queryset=Topic.objects.active(), widget=forms.CheckboxSelectMultiple, required=False
    )
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=0, max_value=240, initial=5)
    caller_number = forms.CharField(
        label=_("Caller's number"),
        required=False,
        max_length=32,
        help_text=_(
            "Only to recognise a repeat caller: the number itself is not saved, unless you promise a call-back "
            "(then it is kept until the call-back is closed)."
        ),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off", "dir": "ltr"}),
    )

    class Meta:
        model = Call
        fields = [
            "hotline", "centre", "direction", "language", "interpreter_joined", "topics", "nationality", "gender",
            "age_band", "outcome", "note",
        ]  # fmt: skip
        widgets = {
            "direction": forms.RadioSelect,
            "outcome": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        centres = Centre.objects.for_user(user).filter(is_active=True)
        self.fields["centre"].queryset = centres
        self.fields["outcome"].choices = [("", _("Not said")), *Call.Outcome.choices]
        if user is not None and not user.is_network_wide:
            self.fields["centre"].required = True
            self.fields["centre"].empty_label = None
        else:
            self.fields["centre"].empty_label = _("The network (no centre)")
        if self.instance.pk:
            self.fields["duration_minutes"].initial = self.instance.duration_minutes
        elif user is not None and not user.is_network_wide:
            first = user.centres.order_by("slug").first()
            self.fields["centre"].initial = first.pk if first else None
        for name, text in CALL_HELP.items():
            if name in self.fields:
                self.fields[name].help_text = text

    def clean_caller_number(self):
        return clean_caller_number(self.cleaned_data.get("caller_number"))

    def clean_note(self):
        note = (self.cleaned_data.get("note") or "").strip()
        if len(note) > 1000:
            raise forms.ValidationError(_("Keep the note under 1000 characters."))
        return note

    def clean(self):
        data = super().clean()
        if data.get("topics") is not None and not data.get("topics"):
            self.add_error("topics", _("Choose at least one topic."))
        return data

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["duration_seconds"] = data.pop("duration_minutes") * 60
        data["nationality"] = str(data.get("nationality") or "")
        data["topics"] = list(data.get("topics") or [])
        return data


class NonDataForm(forms.Form):
    """The hidden line and centre carried by each one-click button."""

    hotline = forms.ModelChoiceField(queryset=Hotline.objects.all(), required=False)
    centre = forms.ModelChoiceField(queryset=Centre.objects.none(), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["centre"].queryset = Centre.objects.for_user(user).filter(is_active=True)

    def clean(self):
        data = super().clean()
        if not data.get("hotline"):
            data["hotline"] = Hotline.objects.order_by("position", "pk").first()
            if data["hotline"] is None:
                raise forms.ValidationError(_("No hotline is set up yet."))
        if not data.get("centre") and self.user is not None and not self.user.is_network_wide:
            data["centre"] = self.user.centres.order_by("slug").first()
            if data["centre"] is None:
                raise forms.ValidationError(_("You are not tied to a centre."))
        return data


class AttemptForm(forms.Form):
    result = forms.ChoiceField(
        label=_("What happened?"),
        choices=CallBackAttempt.Result.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what happened on the call.")},
    )


class LineDayForm(forms.ModelForm):
    class Meta:
        model = LineDay
        fields = ["date", "opens", "closes", "reason"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "opens": forms.TimeInput(attrs={"type": "time"}),
            "closes": forms.TimeInput(attrs={"type": "time"}),
        }
        help_texts = {"opens": _("Leave both times empty to close the line for the whole day.")}

    def __init__(self, *args, hotline=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.hotline = hotline

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens"), data.get("closes")
        if (opens is None) != (closes is None):
            raise forms.ValidationError(_("Give both times, or neither to close the line for the day."))
        if opens is not None and closes is not None and closes <= opens:
            self.add_error("closes", _("The line must close after it opens."))
        if data.get("date") and LineDay.objects.filter(hotline=self.hotline, date=data["date"]).exists():
            self.add_error("date", _("This day already has an exception. Remove it first."))
        return data


class SimulateForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={"invalid": _("Enter a date and time, for example 2026-12-24 10:30.")},
    )


class FiguresForm(forms.Form):
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end of the period must be after its start."))
        return data


# -- what a call leads to (issue 12 item 3) ---------------------------------------------------------------------


class CallClientForm(forms.Form):
    """Link the call to an existing client file, only with the caller's consent."""

    reference = forms.CharField(
        label=_("Client file reference"),
        max_length=16,
        help_text=_("On the client file, for example C-7KQ-2MX."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
        error_messages={"required": _("Enter the client file's reference.")},
    )
    consent = forms.BooleanField(
        label=_("The caller agrees that this call is kept on their client file"),
        error_messages={"required": _("Ask the caller first: the call is linked only if they agree.")},
    )


class CallBookingDayForm(forms.Form):
    """Where and when: the free times shown come from these two."""

    centre = CentreChoiceField(label=_("Centre"), queryset=Centre.objects.filter(is_active=True))
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))


class CallBookingForm(CallBookingDayForm):
    """Book a consultation for the caller: centre and day first ("Show free times"), then the time and details."""

    start = forms.ChoiceField(label=_("Time"), choices=[], required=False, widget=forms.RadioSelect)
    topic = NamedChoiceField(label=_("Topic"), queryset=Topic.objects.active(), required=False)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, required=False)
    interpreter_needed = forms.BooleanField(label=_("An interpreter is needed"), required=False)
    name = forms.CharField(label=_("Caller's name"), max_length=150, required=False)
    phone = forms.CharField(
        label=_("Caller's phone"),
        max_length=32,
        required=False,
        help_text=_("For the SMS reminder and to change the booking. It is kept with the booking only."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr", "autocomplete": "off"}),
    )

    def __init__(self, *args, free_times=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.free_times = list(free_times)
        self.fields["start"].choices = [(t.isoformat(), f"{timezone.localtime(t):%H:%M}") for t in self.free_times]

    def clean_phone(self):
        return clean_caller_number(self.cleaned_data["phone"])

    def booking_kwargs(self) -> dict:
        """The details for the booking, or ValidationErrors on the form when something is missing."""
        data = self.cleaned_data
        for field, message in [
            ("start", _("Choose a time.")),
            ("topic", _("Choose a topic.")),
            ("language", _("Choose the language.")),
            ("name", _("Enter the caller's name (a first name is enough).")),
            ("phone", _("Enter the caller's phone number.")),
        ]:
            if not data.get(field):
                self.add_error(field, message)
        if self.errors:
            return {}
        chosen = next(t for t in self.free_times if t.isoformat() == data["start"])
        return {
            "centre": data["centre"],
            "start": chosen,
            "topic": data["topic"],
            "language": data["language"],
            "interpreter_needed": data["interpreter_needed"],
            "name": data["name"],
            "phone": data["phone"],
        }


class DialForm(forms.Form):
    """Click to call: the provider rings this phone first, then the caller."""

    operator_number = forms.CharField(
        label=_("Your phone"),
        max_length=32,
        help_text=_("Your phone rings first; when you answer, the caller is dialled."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "dir": "ltr", "autocomplete": "tel"}),
        error_messages={"required": _("Enter your phone number, for example +359 88 123 4567.")},
    )

    def clean_operator_number(self):
        return clean_caller_number(self.cleaned_data["operator_number"])


class CallFilterForm(DateRangeForm):
    """The list of calls filtered by the day a call began, its centre (network-wide roles), kind, topic,
    language and the caller's nationality, sex and age band: the list the hotline figures link to (they count
    the conversations)."""

    kind = forms.ChoiceField(label=_("Kind of call"), required=False)
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.all(), required=False, to_field_name="slug", empty_label=_("All")
    )
    language = forms.ChoiceField(label=_("Language of the call"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Every kind")), *Call.Kind.choices]
        self.fields["language"].choices = [("", _("Every language")), *SPOKEN_LANGUAGES.items()]
        add_centre_filter(self, user)
        add_demographic_filters(self)

    def filter(self, calls):
        calls = self.days(calls, "started_at")
        if not self.is_bound or not self.is_valid():
            return calls
        centre = chosen_centre(self)
        if centre is not None:
            calls = calls.filter(centre=centre)
        if self.cleaned_data["kind"]:
            calls = calls.filter(kind=self.cleaned_data["kind"])
        if self.cleaned_data["topic"]:
            calls = calls.filter(topics=self.cleaned_data["topic"])
        return filter_demographics(self, calls)  # nationality, sex, age band and language


class CallBackFilterForm(DateRangeForm):
    """Every call-back (the queue shows the open ones), filtered by the day it was asked for, its centre
    (network-wide roles), status, language and whether it was made on time: the list the "Call-backs made on
    time" figure links to. A centre named in the address leaves the network's queue out, as the figure of a
    centre does, also for staff of one centre, who get no select."""

    NOT_CANCELLED = "not_cancelled"
    YES, NO = "yes", "no"

    status = forms.ChoiceField(label=_("Status"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    on_time = forms.ChoiceField(label=_("Made on time"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("", _("Every status")),
            (self.NOT_CANCELLED, _("Every status but cancelled")),
            *CallBack.Status.choices,
        ]
        self.fields["language"].choices = [("", _("Every language")), *SPOKEN_LANGUAGES.items()]
        self.fields["on_time"].choices = [
            ("", _("Either")),
            (self.YES, _("Called back before the time promised")),
            (self.NO, _("Not called back before the time promised")),
        ]
        add_centre_filter(self, user)

    def filter(self, call_backs):
        call_backs = self.days(call_backs, "created_at")
        if not self.is_bound or not self.is_valid():
            return call_backs
        data = self.cleaned_data
        centre = chosen_centre(self)
        if centre is not None:
            call_backs = call_backs.filter(centre=centre)
        elif self.data.get("centre") and "centre" not in self.fields:
            call_backs = call_backs.filter(centre__isnull=False)  # their own centre's, not the network's queue
        if data["status"] == self.NOT_CANCELLED:
            call_backs = call_backs.exclude(status=CallBack.Status.CANCELLED)
        elif data["status"]:
            call_backs = call_backs.filter(status=data["status"])
        if data["language"]:
            call_backs = call_backs.filter(language=data["language"])
        if data["on_time"] == self.YES:
            call_backs = call_backs.filter(CallBack.ON_TIME)
        elif data["on_time"] == self.NO:
            call_backs = call_backs.exclude(CallBack.ON_TIME)
        return call_backs
