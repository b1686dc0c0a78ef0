"""The public booking: a one-question-per-page wizard, its confirmation and .ics, and cancel/reschedule."""

from datetime import date, timedelta

from django import forms
from django.conf import settings
from django.core import signing
from django.http import HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from integra.accounts.services import visiting_member
from integra.centres.models import Centre
from integra.consultations import ratelimit, services
from integra.consultations.forms import LANGUAGE_CHOICES, parse_slot, slot_value
from integra.consultations.models import Appointment
from integra.core import dates, grants
from integra.core.crypto import submission_hash
from integra.core.forms import PhoneField, ServerCheckedLengths
from integra.core.wizard import STATE_FIELD, Step, Wizard, unseal
from integra.topics.models import Topic

CONFIRMATION_SALT = "integra.booking.confirmation"
# Secret links are exchanged for a grant in the browser session, then the page is shown without the
# token in its URL (issue 9, finding 7): the token is in one request only.
CONFIRMATION_GRANT, MANAGE_GRANT = "booking.confirmation", "booking.manage"
CONFIRMATION_GRANT_MAX_AGE = 2 * 3600
MANAGE_MAX_AGE = 3600


def confirmation_token(appointment) -> str:
    return signing.dumps(appointment.pk, salt=CONFIRMATION_SALT)


def link_is_valid(appointment) -> bool:
    """A confirmation link works until BOOKING_LINK_DAYS_AFTER days after the appointment's end."""
    return timezone.now() <= appointment.end + timedelta(days=settings.BOOKING_LINK_DAYS_AFTER)


def grant_confirmation(request, appointment) -> None:
    """This browser session may see the booking's confirmation page (without a token in its URL)."""
    grants.grant(request, CONFIRMATION_GRANT, appointment.pk, CONFIRMATION_GRANT_MAX_AGE)


class NamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class CentreStep(forms.Form):
    centre = NamedChoiceField(
        label=_("Centre"),
        queryset=Centre.objects.active(),
        to_field_name="slug",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose the centre you want to visit.")},
    )

    def __init__(self, *args, preselect: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        # "Book a consultation here" on a centre's page: that centre is ticked, the visitor still confirms it.
        if preselect and not self.is_bound and not self.initial.get("centre"):
            self.initial["centre"] = preselect


class TopicStep(forms.Form):
    topic = NamedChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.active(),
        to_field_name="slug",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose what you would like to talk about.")},
    )


class LanguageStep(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", "—"), *LANGUAGE_CHOICES],
        error_messages={"required": _("Choose the language you want to speak.")},
    )
    interpreter_needed = forms.BooleanField(
        label=_("I need an interpreter"),
        required=False,
        help_text=_("We will arrange an interpreter or cultural mediator if the centre's staff do not speak it."),
    )


def _day_label(day: date) -> str:
    return dates.long_date(day, year=False)


class Schedule:
    """A centre's offered and free slot starts, read once per request however many forms ask."""

    def __init__(self):
        self._offered: dict = {}
        self._free: dict = {}

    def slots(self, centre, *, free: bool = True, day: date | None = None) -> list:
        if centre.pk not in self._offered:
            self._offered[centre.pk] = services.centre_slots(centre)
        starts = self._offered[centre.pk]
        if free:
            if centre.pk not in self._free:
                self._free[centre.pk] = services.free_slots(centre, starts=starts)
            starts = self._free[centre.pk]
        if day is not None:
            starts = [s for s in starts if timezone.localtime(s).date() == day]
        return starts


class DayStep(forms.Form):
    day = forms.ChoiceField(
        label=_("Day"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a day."),
            "invalid_choice": _("There is no free time on that day any more. Please choose another day."),
        },
    )

    def __init__(self, *args, centre=None, check_free=True, schedule=None, **kwargs):
        super().__init__(*args, **kwargs)
        slots = [] if centre is None else (schedule or Schedule()).slots(centre, free=check_free)
        days = sorted({timezone.localtime(s).date() for s in slots})
        self.fields["day"].choices = [(d.isoformat(), _day_label(d)) for d in days]
        if centre is not None and not days:
            self.fields["day"].help_text = _(
                "This centre has no free time to book at the moment. "
                "Please go back and choose another centre, or call the hotline."
            )

    def clean_day(self):
        return date.fromisoformat(self.cleaned_data["day"])


class SlotStep(forms.Form):
    slot = forms.ChoiceField(
        label=_("Time"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a time."),
            "invalid_choice": _("This time is not free any more. Please choose another time."),
        },
    )

    def __init__(self, *args, centre=None, day=None, check_free=True, schedule=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre = centre
        slots = []
        if centre is not None and day is not None:
            slots = (schedule or Schedule()).slots(centre, free=check_free, day=day)
        self.fields["slot"].choices = [(slot_value(s), f"{timezone.localtime(s):%H:%M}") for s in slots]

    def clean_slot(self):
        start = parse_slot(self.cleaned_data["slot"])
        if start is None or start <= timezone.now():
            raise forms.ValidationError(_("This time has passed. Please choose another time."))
        return start


class ContactStep(ServerCheckedLengths, forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        help_text=_("The name we should call you by. It can be a first name only."),
        error_messages={"required": _("Enter your name.")},
    )
    phone = PhoneField(
        label=_("Mobile phone"),
        required=False,
        help_text=_("For the reminder by SMS. For example +359 88 123 4567 or 088 123 4567."),
        error_messages={"invalid": _("Enter a phone number, for example +359 88 123 4567.")},
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("Enter an e-mail address like name@example.com.")},
    )

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("phone") and not data.get("email"):
            raise forms.ValidationError(
                _("Give a phone number or an e-mail address, so that you can change your booking and get a reminder.")
            )
        return data


class BookingWizard(Wizard):
    name = "booking"
    steps = [
        Step("centre", CentreStep, _("Which centre would you like to visit?")),
        Step("topic", TopicStep, _("What would you like to talk about?")),
        Step("language", LanguageStep, _("Which language would you like to speak?")),
        Step("day", DayStep, _("Which day suits you?")),
        Step("slot", SlotStep, _("What time suits you?")),
        Step("contact", ContactStep, _("How can we reach you?")),
    ]
    check_template_name = "consultations/public/booking_check.html"

    def __init__(self):
        self.schedule = Schedule()  # a new wizard per request: the centre's rota is read once per request

    def form_kwargs(self, request, step, data):
        # request is None when the wizard re-validates stored answers: then a slot taken since is not an error
        # (the booking itself decides, with the database constraint).
        check_free = request is not None
        if step.name == "centre" and request is not None and request.method == "GET":
            return {"preselect": request.GET.get("centre", "")[:50]}
        if step.name == "day":
            return {"centre": data.get("centre"), "check_free": check_free, "schedule": self.schedule}
        if step.name == "slot":
            return {
                "centre": data.get("centre"),
                "day": data.get("day"),
                "check_free": check_free,
                "schedule": self.schedule,
            }
        return {}

    error = ""

    def extra_context(self, request, data):
        return {"rate_error": self.error}

    def done(self, request, data, submission_key):
        phone, email = str(data.get("phone") or ""), data.get("email", "")
        repeated = Appointment.objects.filter(submission_hash=submission_hash("appointment", submission_key)).exists()
        if not repeated and not ratelimit.allow_booking(request, phone=phone, email=email):
            message = gettext(
                "We have received several bookings from you in a short time. Please try again later, "
                "or call the centre or the hotline to book."
            )
            return self._check_again(request, submission_key, message, status=429)
        try:
            appointment = services.appointment_book(
                centre=data["centre"],
                start=data["slot"],
                topic=data["topic"],
                language=data["language"],
                interpreter_needed=data.get("interpreter_needed", False),
                name=data["name"],
                phone=phone,
                email=email,
                submission_key=submission_key,
                member=visiting_member(request.user),
            )
        except (services.SlotTaken, services.SlotInvalid) as error:
            return self._slot_again(request, data, str(error))
        except services.TooManyBookings as error:
            return self._check_again(request, submission_key, str(error))
        grant_confirmation(request, appointment)
        return HttpResponseRedirect(reverse("consultations:booking_confirmation"))

    def _check_again(self, request, submission_key, message, status=200):
        """The check-your-answers page again with the message on top; every answer is kept."""
        self.error = message
        state = unseal(request.POST[STATE_FIELD], f"wizard:{self.name}", self.max_age)
        response = self.render_check(request, state.get("a", {}), state.get("k", submission_key))
        response.status_code = status
        return response

    def _slot_again(self, request, data, message):
        """Back to the time question with a clear message; every other answer is kept."""
        state = unseal(request.POST[STATE_FIELD], f"wizard:{self.name}", self.max_age)
        answers, key = state.get("a", {}), state.get("k", "")
        query = QueryDict(mutable=True)
        query["slot-slot"] = slot_value(data["slot"])
        form = SlotStep(query, centre=data["centre"], day=data["day"], prefix="slot")
        if form.is_valid():  # still offered (it should not be): say so all the same
            form.add_error("slot", message)
        return self.render_step(request, self.step_by_name("slot"), answers, key, form=form, to_check=True)


class RescheduleDayForm(DayStep):
    """Changing a booking, first question: the days with free times at the booking's centre (sent by GET)."""

    def __init__(self, *args, appointment=None, schedule=None, **kwargs):
        super().__init__(*args, centre=appointment.centre, schedule=schedule, **kwargs)
        self.fields["day"].label = _("New day")


class RescheduleTimeForm(SlotStep):
    """Changing a booking, second question: the free times on the chosen day (sent by POST, with the day)."""

    def __init__(self, *args, appointment=None, day=None, schedule=None, **kwargs):
        super().__init__(*args, centre=appointment.centre, day=day, schedule=schedule, **kwargs)
        self.fields["slot"].label = _("New time")
        self.fields["slot"].error_messages["required"] = _("Choose a new time.")


class FindBookingForm(ServerCheckedLengths, forms.Form):
    reference = forms.CharField(
        label=_("Booking reference"),
        max_length=16,
        help_text=_("From your confirmation, for example B-K7M-4QX."),
        error_messages={"required": _("Enter your booking reference.")},
    )
    contact = forms.CharField(
        label=_("The phone number or e-mail you gave"),
        max_length=254,
        error_messages={"required": _("Enter the phone number or e-mail you gave when booking.")},
    )

    def __init__(self, *args, limited: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.limited = limited

    def clean(self):
        data = super().clean()
        if not self.errors and self.limited:
            raise forms.ValidationError(
                _(
                    "You have tried to find a booking many times. "
                    "Please wait 15 minutes and try again, or call the centre."
                )
            )
        if not self.errors:
            self.appointment = services.appointment_find(data["reference"], data["contact"])
            if self.appointment is None:
                raise forms.ValidationError(
                    _(
                        "We could not find a booking with this reference and this phone number or e-mail. "
                        "Check both and try again."
                    )
                )
        return data
