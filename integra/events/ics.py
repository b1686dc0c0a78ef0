"""iCalendar files: one event (for a registration or from the event's page) and feeds of public events."""

from datetime import UTC

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from integra.core.i18n import pick
from integra.events.models import Event


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Integra//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Sofia")
    return calendar


def _component(event: Event, *, url: str, note: str = "") -> CalendarEvent:
    item = CalendarEvent()
    item.add("uid", f"event-{event.pk}@integra")
    item.add("dtstamp", timezone.now().astimezone(UTC))
    item.add("last-modified", event.modified_at.astimezone(UTC))
    item.add("dtstart", event.start.astimezone(UTC))
    item.add("dtend", event.end.astimezone(UTC))
    item.add("summary", pick(event.title))
    location = ", ".join(part for part in (event.place_name, event.place_address) if part)
    item.add("location", location)
    description = "\n\n".join(part for part in (pick(event.description), note) if part)
    if description:
        item.add("description", description)
    item.add("url", url)
    return item


def ics_response(calendar: Calendar, filename: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def event_calendar(event: Event, *, url: str, note: str = "") -> Calendar:
    calendar = _calendar(pick(event.title))
    calendar.add_component(_component(event, url=url, note=note))
    return calendar


def feed_calendar(events, *, name: str, url_for) -> Calendar:
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(_component(event, url=url_for(event)))
    return calendar


def feed_name(centre=None) -> str:
    if centre is None:
        return _("Integra events")
    return _("Integra events – %(centre)s") % {"centre": pick(centre.name)}
