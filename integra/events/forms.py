"""Forms for events: the organisers' event form, the register form (public, at the door and the API),
the check-in search, the door tally and the public calendar's filters. Rules live in services.py;
a service's ValidationError is shown on these forms with core.forms.add_errors."""

import re
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from integra.centres.forms import add_centre_filter, chosen_centre
from integra.centres.models import Centre, Place
from integra.clients.forms import CentreChoiceField
from integra.clients.models import AgeBand
from integra.core.forms import TOO_LONG, DateRangeForm, PhoneField, ServerCheckedLengths
from integra.core.languages import SPOKEN_LANGUAGES, endonym
from integra.events.models import Answer, Event, Series
from integra.events.services import SERIES_MAX, TALLY_AGE_BANDS, TALLY_GENDERS
from integra.topics.models import Topic

LANGUAGE_CHOICES = list(SPOKEN_LANGUAGES.items())
TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 4000
ADDRESS_MAX_LENGTH = 300


class NamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class NamedMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class LocalDateTimeField(forms.DateTimeField):
    """A date and time typed in Sofia time (the browser's datetime-local input, or "2026-12-03 18:00")."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"])
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, datetime) and timezone.is_aware(value):
            value = timezone.localtime(value)
        return super().prepare_value(value)


def _text_direction(code: str) -> str:
    return "rtl" if code in settings.LANGUAGES_BIDI else "ltr"


class EventForm(ServerCheckedLengths, forms.ModelForm):
    """An event, its title and description in each interface language (at least one title)."""

    centre = CentreChoiceField(label=_("Organising centre"), queryset=Centre.objects.none(), empty_label=None)
    place = NamedChoiceField(
        label=_("Held at"),
        queryset=Place.objects.all(),
        required=False,
        empty_label=_("The centre itself"),
        help_text=_("Choose an outreach town when the event is not held at the centre, and give the address below."),
    )
    start = LocalDateTimeField(label=_("Starts"))
    end = LocalDateTimeField(label=_("Ends"))
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken there"), choices=LANGUAGE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    topics = NamedMultipleChoiceField(
        label=_("Topics"), queryset=Topic.objects.active(), widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Event
        fields = ["kind", "centre", "place", "start", "end", "languages", "interpretation", "capacity"]
        fields += ["registration", "topics", "is_public"]
        widgets = {"kind": forms.RadioSelect, "registration": forms.RadioSelect}
        labels = {"interpretation": _("Interpretation offered"), "is_public": _("Public (shown in the calendar)")}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = Centre.objects.editable_by(user).filter(is_active=True)
        instance = self.instance
        for position, (code, _name) in enumerate(settings.LANGUAGES):
            attrs = {"lang": code, "dir": _text_direction(code)}
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title – %(language)s") % {"language": endonym(code)},
                required=False,
                max_length=TITLE_MAX_LENGTH,
                initial=(instance.title or {}).get(code, ""),
                help_text=_("Leave a language empty to show another language there, with a notice.")
                if position == 0
                else "",
                widget=forms.TextInput(attrs=attrs),
            )
        for code, _name in settings.LANGUAGES:
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description – %(language)s") % {"language": endonym(code)},
                required=False,
                max_length=DESCRIPTION_MAX_LENGTH,
                initial=(instance.description or {}).get(code, ""),
                widget=forms.Textarea(attrs={"rows": 3, **{"lang": code, "dir": _text_direction(code)}}),
            )
        for code, _name in settings.LANGUAGES:
            self.fields[f"address_{code}"] = forms.CharField(
                label=_("Address of the outreach place – %(language)s") % {"language": endonym(code)},
                required=False,
                max_length=ADDRESS_MAX_LENGTH,
                initial=(instance.address or {}).get(code, ""),
                widget=forms.TextInput(attrs={"lang": code, "dir": _text_direction(code)}),
            )
        if not instance.pk and user is not None:
            first = self.fields["centre"].queryset.order_by("slug").first()
            self.fields["centre"].initial = first.pk if first else None
        if not instance.pk:  # a new event may repeat; each event of a series is then edited on its own
            self.fields["repeat"] = forms.ChoiceField(
                label=_("Repeats"),
                choices=[("", _("Does not repeat")), *Series.Frequency.choices],
                required=False,
                widget=forms.RadioSelect,
                help_text=_("A series makes all its events now (at most %(max)d); each can then be changed on its own.")
                % {"max": SERIES_MAX},
            )
            self.fields["repeat_until"] = forms.DateField(
                label=_("Repeats until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
            )
            self.fields["repeat_count"] = forms.IntegerField(
                label=_("Or: how many times"), required=False, min_value=1, max_value=SERIES_MAX
            )
        for field in self.fields.values():  # the translated fields added here are checked on the server too
            if isinstance(field, forms.CharField) and field.max_length is not None:
                field.widget.attrs.pop("maxlength", None)
                field.error_messages.setdefault("max_length", TOO_LONG)

    def _translations(self, prefix: str) -> dict[str, str]:
        return {
            code: self.cleaned_data[f"{prefix}_{code}"].strip()
            for code, _name in settings.LANGUAGES
            if (self.cleaned_data.get(f"{prefix}_{code}") or "").strip()
        }

    def clean(self):
        data = super().clean()
        if not self._translations("title"):
            self.add_error(f"title_{settings.LANGUAGES[0][0]}", _("Give the event a title in at least one language."))
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The event ends before it starts. Check the start and the end."))
        if data.get("repeat") and not data.get("repeat_until") and not data.get("repeat_count"):
            if not self.has_error("repeat_until") and not self.has_error("repeat_count"):
                self.add_error("repeat_until", _("Say until when the series runs, or how many times."))
        if data.get("place") and not self._translations("address"):
            self.add_error(
                f"address_{settings.LANGUAGES[0][0]}",
                _("Give the address of the outreach place in one language at least."),
            )
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title": self._translations("title"),
            "description": self._translations("description"),
            "centre": data["centre"],
            "place": data.get("place"),
            "address": self._translations("address") if data.get("place") else {},
            "start": data["start"],
            "end": data["end"],
            "languages": list(data["languages"]),
            "interpretation": data["interpretation"],
            "capacity": data.get("capacity"),
            "registration": data["registration"],
            "is_public": data["is_public"],
            "topics": list(data.get("topics") or []),
        }

    def series_kwargs(self) -> dict | None:
        """The repeat rule of a new event, or None when it does not repeat."""
        data = self.cleaned_data
        if not data.get("repeat"):
            return None
        return {"frequency": data["repeat"], "until": data.get("repeat_until"), "count": data.get("repeat_count")}


class FindRegistrationForm(forms.Form):
    reference = forms.CharField(
        label=_("Your reference"), max_length=20, help_text=_("For example EV-ABC-DEF, from your confirmation.")
    )
    contact = forms.CharField(
        label=_("The phone number or e-mail you gave"), max_length=254, widget=forms.TextInput(attrs={"dir": "ltr"})
    )


class RegistrationForm(ServerCheckedLengths, forms.Form):
    """Register for an event without an account (also at the door and through the API)."""

    name = forms.CharField(
        label=_("Your name or initials"),
        max_length=100,
        help_text=_("Initials are enough, for example A. K."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = PhoneField(
        label=_("Phone"),
        required=False,
        region="BG",
        help_text=_("For example +359 88 123 4567 or 088 123 4567. A phone or an e-mail address is enough."),
    )
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)
    adults = forms.IntegerField(label=_("Adults"), min_value=0, max_value=20, initial=1)
    children = forms.IntegerField(label=_("Children"), min_value=0, max_value=20, initial=0)
    language = forms.ChoiceField(label=_("Your language"), choices=LANGUAGE_CHOICES)
    interpreter_needed = forms.BooleanField(label=_("I need an interpreter"), required=False)
    key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, contact_required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.contact_required = contact_required

    def clean(self):
        data = super().clean()
        if self.contact_required and not data.get("phone") and not data.get("email") and not self.has_error("phone"):
            if not self.has_error("email"):
                self.add_error("phone", _("Give a phone number or an e-mail address, so that we can reach you."))
        adults, children = data.get("adults"), data.get("children")
        if adults is not None and children is not None and adults + children < 1:
            self.add_error("adults", _("Say how many people will come: at least one."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "phone": str(data["phone"]) if data.get("phone") else "",
            "email": data.get("email") or "",
            "adults": data["adults"],
            "children": data["children"],
            "language": data["language"],
            "interpreter_needed": data["interpreter_needed"],
            "submission_key": data.get("key") or "",
        }


class DoorRegistrationForm(RegistrationForm):
    """At the door: a name or initials and how many; no contact needed."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("contact_required", False)
        kwargs.setdefault("prefix", "door")
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Name or initials")
        self.fields["language"].label = _("Language")
        self.fields["interpreter_needed"].label = _("Needs an interpreter")
        self.fields["phone"].help_text = ""


REFERENCE_IN_TEXT = re.compile(r"\bEV-?[A-Z0-9]{3}-?[A-Z0-9]{3}\b", re.IGNORECASE)


def reference_from_scan(text: str) -> str:
    """What the check-in search looks for: the reference inside a scanned confirmation link (its ?q=)
    or inside any pasted text, else the text itself (a name or a reference typed by hand)."""
    text = (text or "").strip()
    if text.lower().startswith(("http://", "https://", "/")):
        found = parse_qs(urlsplit(text).query).get("q")
        if found:
            text = found[0].strip()
    match = REFERENCE_IN_TEXT.search(text)
    return match.group(0).upper() if match else text


class CheckInSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name or reference"),
        max_length=300,
        help_text=_("A scanned confirmation link works too."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "autofocus": True}),
    )

    def clean_q(self):
        return reference_from_scan(self.cleaned_data["q"])


def nationality_choices(empty_label):
    return [("", empty_label), *countries]


class TallyForm(forms.Form):
    gender = forms.ChoiceField(choices=[(g.value, g.label) for g in TALLY_GENDERS])
    age_band = forms.ChoiceField(choices=[(b, b) for b in TALLY_AGE_BANDS], required=False)
    nationality = forms.ChoiceField(choices=lambda: nationality_choices(""), required=False)
    delta = forms.TypedChoiceField(choices=[("1", "+1"), ("-1", "−1")], coerce=int)


class NationalityForm(forms.Form):
    """Which nationality the door tally or the paper sheet's grid counts (GET; optional)."""

    nationality = forms.ChoiceField(
        label=_("Nationality"),
        required=False,
        choices=lambda: nationality_choices(_("Not given")),
        help_text=_("Only when the person says it. Leave “Not given” otherwise."),
    )

    def chosen(self) -> str:
        return self.cleaned_data.get("nationality", "") if self.is_valid() else ""


NOT_BELOW_ZERO = _("A number cannot be below zero.")


def _count_field(label) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=100_000,
        required=False,
        error_messages={"min_value": NOT_BELOW_ZERO, "invalid": _("Enter a whole number, for example 12.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "count"}),
    )


class PaperAttendanceForm(forms.Form):
    """How many signed the paper sheet: one number per sex and age band, for one nationality (optional)."""

    nationality = forms.ChoiceField(
        label=_("Nationality"), required=False, choices=lambda: nationality_choices(_("Not given"))
    )

    def __init__(self, *args, table: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cells = []
        for band in TALLY_AGE_BANDS:
            for gender in TALLY_GENDERS:
                name = f"n_{gender}_{band or 'unknown'}"
                self.fields[name] = _count_field(
                    _("%(sex)s, %(age)s") % {"sex": gender.label, "age": AgeBand(band).label}
                )
                self.fields[name].initial = (table or {}).get((gender, band), 0)
                self.cells.append((gender, band, name))

    def rows(self):
        """[(age band label, [bound field per sex])] for the grid."""
        by_band = {}
        for _gender, band, name in self.cells:
            by_band.setdefault(band, []).append(self[name])
        return [(AgeBand(band).label, fields) for band, fields in by_band.items()]

    def counts(self) -> dict[tuple[str, str], int]:
        return {(gender, band): self.cleaned_data.get(name) or 0 for gender, band, name in self.cells}


class SheetArrivalsForm(forms.Form):
    """Registrations whose names are on the paper sheet, marked arrived after the event."""

    references = forms.MultipleChoiceField(
        label=_("Registered people who signed the sheet"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one person who signed the sheet.")},
    )

    def __init__(self, *args, registrations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["references"].choices = [(r.reference, f"{r.name} · {r.reference}") for r in registrations]


class FeedbackForm(ServerCheckedLengths, forms.Form):
    """The "was this useful for you?" card, online."""

    answer = forms.ChoiceField(
        label=_("Was this event useful for you?"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one of the three answers."),
            "invalid_choice": _("Choose one of the three answers."),
        },
    )
    comment = forms.CharField(
        label=_("Anything you want to tell us?"),
        required=False,
        max_length=1000,
        help_text=_("Please do not write your name, phone number or other personal details."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PaperFeedbackForm(forms.Form):
    """The paper cards' tally: how many ticked each answer."""

    def __init__(self, *args, counts: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for answer, label in Answer.choices:
            self.fields[answer] = _count_field(label)
            self.fields[answer].initial = (counts or {}).get(answer, 0)

    def counts(self) -> dict[str, int]:
        return {answer: self.cleaned_data.get(answer) or 0 for answer in Answer.values}


class CalendarFilterForm(forms.Form):
    """The public calendar's filters (GET); anything unknown is ignored rather than refused."""

    place = forms.ChoiceField(label=_("Place"), required=False)
    kind = forms.ChoiceField(label=_("Kind of event"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        centres = [(f"centre-{c.slug}", str(c)) for c in Centre.objects.active()]
        places = [(f"place-{p.slug}", str(p)) for p in Place.objects.all()]
        self.fields["place"].choices = [("", _("Every place")), *centres, *places]
        self.fields["kind"].choices = [("", _("Every kind")), *Event.Kind.choices]
        self.fields["language"].choices = [("", _("Every language")), *LANGUAGE_CHOICES]

    def filter(self, events):
        if not self.is_valid():
            return events
        place = self.cleaned_data.get("place") or ""
        if place.startswith("centre-"):
            events = events.filter(centre__slug=place.removeprefix("centre-"), place__isnull=True)
        elif place.startswith("place-"):
            events = events.filter(place__slug=place.removeprefix("place-"))
        if self.cleaned_data.get("kind"):
            events = events.filter(kind=self.cleaned_data["kind"])
        if self.cleaned_data.get("language"):
            # The JSON list's text holds '"ar"' (quotes included): portable across SQLite and PostgreSQL,
            # where a JSON containment lookup is not available on SQLite.
            events = events.filter(languages__icontains=f'"{self.cleaned_data["language"]}"')
        return events


class EventListFilterForm(DateRangeForm):
    """The organisers' list filtered by the day an event begins, its centre (network-wide roles), its kind
    and its topic: the list the "Events held" figure links to, with the same days and rows."""

    kind = forms.ChoiceField(label=_("Kind of event"), required=False)
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.all(), required=False, to_field_name="slug", empty_label=_("All")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Every kind")), *Event.Kind.choices]
        add_centre_filter(self, user)

    def filter(self, events):
        events = self.days(events, "start")
        if not self.is_bound or not self.is_valid():
            return events
        centre = chosen_centre(self)
        if centre is not None:
            events = events.filter(centre=centre)
        if self.cleaned_data["kind"]:
            events = events.filter(kind=self.cleaned_data["kind"])
        if self.cleaned_data["topic"]:
            events = events.filter(topics=self.cleaned_data["topic"])
        return events
