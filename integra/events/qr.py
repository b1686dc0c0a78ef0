"""QR codes and the links they hold: a registration's check-in link (on the confirmation, scanned at
the door by staff with a phone camera) and an event's feedback card (printed on the paper cards).

The links carry no language (`/events/3/feedback/`, not `/fa/events/3/feedback/`): the site sends each
phone on to its own language (its cookie, else the phone's languages), so one printed code serves all."""

import segno
from django.urls import reverse
from django.utils.translation import gettext as _

from integra.events.models import Event, Registration
from integra.events.services import feedback_given


def without_language(path: str) -> str:
    """/en/events/3/feedback/ → /events/3/feedback/."""
    return "/" + path.lstrip("/").split("/", 1)[1]


def qr_svg(url: str, title: str) -> str:
    """An inline SVG QR code: no extra request, nothing more to load on a slow network."""
    return segno.make(url, error="m").svg_inline(scale=4, border=2, title=title)


def check_in_url(request, registration: Registration) -> str:
    """The staff check-in page of the event, finding this reference. For anyone but the event's staff it
    is only a sign-in page: the reference alone gives nothing away."""
    path = reverse("events_staff:check_in", args=[registration.event_id])
    return request.build_absolute_uri(without_language(path)) + f"?q={registration.reference}"


def check_in_qr(request, registration: Registration) -> str:
    title = _("QR code with your reference %(reference)s") % {"reference": registration.reference}
    return qr_svg(check_in_url(request, registration), title)


def feedback_url(request, event: Event) -> str:
    return request.build_absolute_uri(without_language(reverse("events:feedback", args=[event.pk])))


def feedback_qr(request, event: Event) -> str:
    return qr_svg(feedback_url(request, event), _("QR code of the feedback card"))


def after_the_event(request, registration: Registration) -> dict:
    """The confirmation page's extras: the check-in QR code until the event is over, and from its start
    the link to the feedback card (answered once per registration)."""
    event = registration.event
    started = event.has_started()
    return {
        "check_in_qr": None if event.is_over() else check_in_qr(request, registration),
        "feedback_open": started,
        "feedback_given": started and feedback_given(registration),
    }
