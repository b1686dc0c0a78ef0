"""After the event, in the back office: attendance from the paper sign-in sheet (numbers by sex, age
band and nationality; registrations marked arrived from the sheet, flagged as paper), the "was this
useful for you?" answers (online and the paper cards' tally) and the printable cards with their QR code."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_countries import countries

from integra.core.forms import add_errors
from integra.core.i18n import direction
from integra.core.permissions import requires
from integra.events import services
from integra.events.forms import NationalityForm, PaperAttendanceForm, PaperFeedbackForm, SheetArrivalsForm
from integra.events.models import Answer, Feedback, Registration
from integra.events.qr import feedback_qr, feedback_url
from integra.events.services import TALLY_GENDERS

COMMENTS_SHOWN = 100


def _with_nationality(url: str, nationality: str) -> str:
    return f"{url}?nationality={nationality}" if nationality else url


def _paper_page(request, event, *, form=None, arrivals=None, nationality="", status=200):
    not_arrived = list(Registration.objects.filter(event=event, arrived_at__isnull=True).order_by("name", "pk"))
    form = form or PaperAttendanceForm(
        initial={"nationality": nationality}, table=services.paper_attendance_table(event, nationality)
    )
    arrivals = arrivals or SheetArrivalsForm(registrations=not_arrived)
    totals = services.paper_attendance_table(event)
    by_nationality = services.paper_nationalities(event)
    context = {
        "event": event,
        "form": form,
        "arrivals": arrivals if not_arrived else None,
        "genders": TALLY_GENDERS,
        "nationality": nationality,
        "nationality_name": countries.name(nationality) if nationality else "",
        "chooser": NationalityForm(initial={"nationality": nationality}),
        "total": sum(totals.values()),
        "by_nationality": [(code, countries.name(code) if code else "", n) for code, n in by_nationality.items()],
        "from_paper": Registration.objects.filter(event=event, arrived_on_paper=True).count(),
        "not_yet": not event.has_started(),
    }
    return render(request, "events/staff/paper_sheet.html", context, status=status)


@requires("events.change_paperattendance")
def paper_sheet(request, pk):
    """How many signed the paper sheet, one grid per nationality (\"Not given\" first)."""
    event = services.get_event_for_user(request.user, pk)
    if request.method != "POST":
        chooser = NationalityForm(request.GET or None)
        return _paper_page(request, event, nationality=chooser.chosen() if chooser.is_bound else "")
    form = PaperAttendanceForm(request.POST)
    if form.is_valid():
        nationality = form.cleaned_data.get("nationality") or ""
        try:
            total = services.paper_attendance_set(
                event=event, by=request.user, counts=form.counts(), nationality=nationality
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved from the paper sheet. People on the sheet: %(total)d.") % {
                "total": total
            })  # fmt: skip
            return redirect(_with_nationality(reverse("events_staff:paper", args=[event.pk]), nationality))
    nationality = request.POST.get("nationality", "") if request.POST.get("nationality", "") in countries else ""
    return _paper_page(request, event, form=form, nationality=nationality, status=400)


@require_POST
@requires("events.change_paperattendance", "events.change_registration")
def paper_arrivals(request, pk):
    """Registrations whose names are on the sheet: marked arrived, flagged as taken from paper."""
    event = services.get_event_for_user(request.user, pk)
    not_arrived = Registration.objects.filter(event=event, arrived_at__isnull=True).order_by("name", "pk")
    form = SheetArrivalsForm(request.POST, registrations=not_arrived)
    if form.is_valid():
        try:
            marked = services.registrations_arrive_from_sheet(
                event=event, by=request.user, references=form.cleaned_data["references"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Marked arrived from the paper sheet: %(count)d.") % {"count": marked})
            return redirect("events_staff:paper", event.pk)
    return _paper_page(request, event, arrivals=form, status=400)


def _feedback_page(request, event, *, form=None, status=200):
    summary = services.feedback_summary(event)
    url = feedback_url(request, event)
    rows = [(answer, label, summary["online"][answer], summary["paper"][answer]) for answer, label in Answer.choices]
    context = {
        "event": event,
        "summary": summary,
        "rows": rows,
        "form": form or PaperFeedbackForm(counts=summary["paper"]),
        "comments": Feedback.objects.filter(event=event).exclude(comment="")[:COMMENTS_SHOWN],
        "card_url": url,
        "card_qr": feedback_qr(request, event),
        "not_yet": not event.has_started(),
    }
    return render(request, "events/staff/feedback.html", context, status=status)


@requires("events.view_feedback")
def feedback(request, pk):
    event = services.get_event_for_user(request.user, pk)
    return _feedback_page(request, event)


@require_POST
@requires("events.view_feedback", "events.change_paperfeedback")
def paper_feedback(request, pk):
    event = services.get_event_for_user(request.user, pk)
    form = PaperFeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.paper_feedback_set(event=event, by=request.user, counts=form.counts())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The paper cards' tally was saved."))
            return redirect("events_staff:feedback", event.pk)
    return _feedback_page(request, event, form=form, status=400)


@requires("events.view_feedback")
def feedback_cards(request, pk):
    """Paper cards to print: the question and the three answers in the event's languages, with the QR
    code of the online card."""
    event = services.get_event_for_user(request.user, pk)
    url = feedback_url(request, event)
    interface = dict(settings.LANGUAGES)
    languages = list(dict.fromkeys([*(code for code in event.languages if code in interface), "bg", "en"]))
    cards = []
    for code in languages[:4]:
        with translation.override(code):
            cards.append(
                {
                    "language": code,
                    "direction": direction(code),
                    "question": _("Was this event useful for you?"),
                    "answers": [str(label) for _value, label in Answer.choices],
                    "comment": _("Anything you want to tell us?"),
                    "online": _("Or answer on your phone:"),
                    "no_name": _("Please do not write your name."),
                }
            )
    context = {
        "event": event,
        "cards": cards,
        "card_url": url,
        "card_qr": feedback_qr(request, event),
    }
    return render(request, "events/staff/feedback_cards.html", context)
