"""Forms for interpreting: the request form (back office and API), cancelling, confirming or offering,
logging a session and the mediator's weekly availability. Rules live in services.py; a service's
ValidationError is shown on these forms with core.forms.add_errors."""

import re

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integra.centres.forms import add_centre_filter, chosen_centre
from integra.centres.models import WEEKDAYS, Centre, Institution
from integra.clients.forms import CentreChoiceField
from integra.core.forms import DateRangeForm, PhoneField, ServerCheckedLengths
from integra.core.languages import endonym
from integra.events.forms import LocalDateTimeField
from integra.interpreting import services
from integra.interpreting.models import LANGUAGES, Feedback, Mode, Request, Session

FULL_NAME = re.compile(r"^\s*[^\W\d_]{3,}(\s+[^\W\d_]{3,})+\s*$")


class RequestForm(ServerCheckedLengths, forms.ModelForm):
    centre = CentreChoiceField(label=_("City"), queryset=Centre.objects.none(), empty_label=None)
    language = forms.ChoiceField(label=_("Language"), choices=list(LANGUAGES.items()))
    mode = forms.ChoiceField(
        label=_("Mode"),
        required=False,
        choices=[("", _("Suggest one for me")), *Mode.choices],
        help_text=_(
            "By phone for short, routine appointments; in person for long ones, mental health, children and "
            "difficult news. Leave it to us and the confirmation says why."
        ),
    )
    starts_at = LocalDateTimeField(label=_("Date and start time"))
    key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    class Meta:
        model = Request
        fields = ["centre", "language", "dialect", "direction", "interpreter_gender", "mode", "starts_at"]
        fields += ["duration_minutes", "place", "subject", "urgency", "bad_news", "children", "client_label", "notes"]
        labels = {"interpreter_gender": _("Interpreter's gender, if it matters"), "place": _("Place (address or room)")}
        help_texts = {
            "client_label": _("Initials (for example A. K.) or your own reference. Never the full name."),
            "dialect": _("Arabic, Persian and Kurdish have dialects that differ a lot: choose one if you know it."),
        }
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        centres = services.centres_for_request(user)
        self.fields["centre"].queryset = Centre.objects.filter(pk__in=[c.pk for c in centres])
        self.fields["interpreter_gender"].choices = [
            ("", _("Does not matter")),
            *self.fields["interpreter_gender"].choices[1:],
        ]

    def clean_client_label(self):
        label = self.cleaned_data["client_label"].strip()
        if FULL_NAME.match(label):
            raise forms.ValidationError(_("This looks like a full name. Give initials or your own reference only."))
        return label

    def clean(self):
        data = super().clean()
        try:
            services.check_request(
                starts_at=data.get("starts_at"), duration_minutes=data.get("duration_minutes"), now=timezone.now()
            )
        except forms.ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field, messages)
        return data

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        key = data.pop("key", "")
        return {**data, "submission_key": key or ""}


class CancelForm(ServerCheckedLengths, forms.Form):
    reason = forms.CharField(label=_("Why is it cancelled?"), max_length=300)
    side = forms.ChoiceField(label=_("Cancelled by"), choices=Request.Side.choices, required=False)


class SessionForm(forms.ModelForm):
    started_at = LocalDateTimeField(label=_("Started"))
    ended_at = LocalDateTimeField(label=_("Ended"))

    class Meta:
        model = Session
        fields = ["started_at", "ended_at", "mode", "outcome"]

    def clean(self):
        data = super().clean()
        if data.get("started_at") and data.get("ended_at") and data["ended_at"] <= data["started_at"]:
            self.add_error("ended_at", _("The session ends before it starts. Check the start and the end."))
        return data


class WeekForm(forms.Form):
    """The weekly pattern on one page: from and until for each day (empty: not available)."""

    def __init__(self, *args, mediator=None, **kwargs):
        super().__init__(*args, **kwargs)
        rows = {row.weekday: row for row in mediator.availability.all()} if mediator else {}
        for day, label in WEEKDAYS:
            row = rows.get(day)
            widget = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
            self.fields[f"from_{day}"] = forms.TimeField(
                label=_("%(day)s from") % {"day": label}, required=False, widget=widget,
                initial=row.starts if row else None,
            )  # fmt: skip
            self.fields[f"until_{day}"] = forms.TimeField(
                label=_("%(day)s until") % {"day": label}, required=False, widget=widget,
                initial=row.ends if row else None,
            )  # fmt: skip

    def clean(self):
        data = super().clean()
        for day, _label in WEEKDAYS:
            starts, ends = data.get(f"from_{day}"), data.get(f"until_{day}")
            if bool(starts) != bool(ends):
                self.add_error(f"until_{day}" if starts else f"from_{day}", _("Give both times, or neither."))
            elif starts and ends <= starts:
                self.add_error(f"until_{day}", _("The time ends before it starts. Check the start and the end."))
        return data

    def weekly(self):
        data = self.cleaned_data
        return [(d, data[f"from_{d}"], data[f"until_{d}"]) for d, _label in WEEKDAYS if data.get(f"from_{d}")]


class AwayForm(forms.Form):
    date = forms.DateField(label=_("A day you are away"), widget=forms.DateInput(attrs={"type": "date"}))


class NoShowForm(ServerCheckedLengths, forms.Form):
    side = forms.ChoiceField(
        label=_("Who did not come?"),
        choices=[
            (Request.Side.REQUESTER, _("The institution or the client")),
            (Request.Side.INTERPRETER, _("The interpreter")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("What happened (optional)"), max_length=300, required=False)


UNDERSTOOD_CHOICES = [
    (Feedback.Understood.YES, _("Yes")),
    (Feedback.Understood.PARTLY, _("Partly")),
    (Feedback.Understood.NO, _("No")),
]


class FeedbackForm(ServerCheckedLengths, forms.Form):
    """The institution's or the interpreter's short feedback after the job."""

    understood = forms.ChoiceField(
        label=_("Was the interpreting understood?"), choices=UNDERSTOOD_CHOICES, widget=forms.RadioSelect
    )
    problem = forms.CharField(
        label=_("Any problem (optional)"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ClientLinkForm(forms.Form):
    """The client's feedback link: in their language, printed or sent by SMS (the number is not kept)."""

    language = forms.ChoiceField(label=_("The client's language"), choices=settings.LANGUAGES)
    phone = PhoneField(
        label=_("Send it by SMS to (optional)"),
        required=False,
        help_text=_("Used once to send the link and not kept. Leave it empty to print the link."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(code, endonym(code)) for code, _name in settings.LANGUAGES]


class ClientFeedbackForm(ServerCheckedLengths, forms.Form):
    """The client's answer on the public page, in their own language."""

    understood = forms.ChoiceField(
        label=_("Did you understand the interpreter, and did they understand you?"),
        choices=UNDERSTOOD_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one answer: yes, partly or no.")},
    )
    comment = forms.CharField(
        label=_("Anything you want to tell us (optional)"),
        help_text=_("Please do not write your name. Nobody can see who wrote this."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class RequestFilterForm(DateRangeForm):
    """The requests list filtered by the day the interpreting begins, centre (network-wide roles), language,
    institution, status, and the sets the figures count: the requests asked for (those the requester
    cancelled left out), those filled (an interpreter confirmed), and those held — whose session began on the
    days (the hours figure counts sessions by their own start). The list the figures link to."""

    ASKED, FILLED, HELD = "asked", "filled", "held"

    status = forms.ChoiceField(label=_("Status"), required=False)
    counted = forms.ChoiceField(
        label=_("Requests"),
        required=False,
        choices=[
            ("", _("Every request")),
            (ASKED, _("Asked for (those the requester cancelled left out)")),
            (FILLED, _("Filled (an interpreter was confirmed)")),
            (HELD, _("Held (a session began on these days)")),
        ],
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    institution = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("Every institution"),
    )
    flagged = forms.BooleanField(label=_("Only languages nobody in the registry speaks"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Every status")), *Request.Status.choices]
        self.fields["language"].choices = [("", _("Every language")), *LANGUAGES.items()]
        add_centre_filter(self, user)

    def filter(self, requests):
        held = self.is_bound and self.data.get("counted") == self.HELD
        requests = self.days(requests, "session__started_at" if held else "starts_at")
        if not self.is_bound or not self.is_valid():
            return requests
        data = self.cleaned_data
        centre = chosen_centre(self)
        if centre is not None:
            requests = requests.filter(centre=centre)
        if data["counted"] == self.ASKED:
            requests = requests.asked()
        elif data["counted"] == self.FILLED:
            requests = requests.filled()
        elif data["counted"] == self.HELD:
            requests = requests.filter(session__isnull=False)
        for name in ("status", "language", "institution"):
            if data[name]:
                requests = requests.filter(**{name: data[name]})
        if data["flagged"]:
            requests = requests.filter(flagged_no_speaker=True)
        return requests
