"""Records for the figures' tests, made through the models (the apps' services are tested in their apps)."""

from datetime import date, datetime, time

from django.utils import timezone

from integra.centres.models import Centre
from integra.clients.models import Client
from integra.consultations.models import Consultation
from integra.courses.models import Course, Enrolment, Group
from integra.events.models import Event, Registration, TallyCount


def centre(slug: str) -> Centre:
    return Centre.objects.get(slug=slug)


def moment(day: date, hour: int = 10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def client(slug="sofia", phone="", **fields) -> Client:
    return Client.objects.create(centre=centre(slug), phone=phone, **fields)


def consultation(consultant, day: date, *, slug="sofia", client=None, **fields) -> Consultation:
    fields.setdefault("language", "ar")
    return Consultation.objects.create(centre=centre(slug), consultant=consultant, client=client, held_on=day, **fields)


def course_group(kind=Course.Kind.LANGUAGE, *, slug="sofia", start=date(2026, 2, 1), end=date(2026, 5, 31)) -> Group:
    course, _created = Course.objects.get_or_create(slug=f"test-{kind}", defaults={"kind": kind, "title": {"en": kind}})
    return Group.objects.create(
        course=course,
        centre=centre(slug),
        capacity=20,
        start_date=start,
        end_date=end,
        enrolment_opens=start,
        enrolment_closes=start,
    )


def enrolment(group, *, phone="", status=Enrolment.Status.ENROLLED, **fields) -> Enrolment:
    return Enrolment.objects.create(group=group, name="Learner", phone=phone, status=status, **fields)


def event(day: date, *, slug="sofia", kind=Event.Kind.INFORMATION_DAY) -> Event:
    return Event.objects.create(
        kind=kind, title={"en": "Day"}, centre=centre(slug), start=moment(day), end=moment(day, 12)
    )


def arrival(event, *, phone="", adults=1, children=0) -> Registration:
    return Registration.objects.create(
        event=event, name="A", phone=phone, adults=adults, children=children, arrived_at=event.start
    )


def tally(event, count: int, gender="female", age_band="25-34") -> TallyCount:
    return TallyCount.objects.create(event=event, gender=gender, age_band=age_band, count=count)


def followed_links(client, code: str, params: dict, rows, *, whole=("total",)) -> list[tuple[str, int, int]]:
    """Open the indicator's staff page for `params`, follow the whole figure's link and every row's link,
    and return (url, the figure's number, the rows the list shows) for each: `rows(response)` counts the
    list's rows; `whole` names the cells the list stands for, added up: ("total",), ("of",) for the whole of a
    share, ("total", "anonymous") for every request behind a count of people."""
    page = client.get(f"/en/staff/figures/{code}/", params)
    assert page.status_code == 200
    figure = page.context["figure"].value
    found = []
    if page.context["records_url"]:
        found.append((page.context["records_url"], sum(getattr(figure, name) or 0 for name in whole)))
    for shown in page.context["sections"]:
        for label, cells in shown.rows if shown else []:
            if getattr(label, "url", ""):
                found.append((label.url, sum(cells[name].value or 0 for name in whole)))
    followed = []
    for url, expected in found:
        response = client.get(url)
        assert response.status_code == 200, url
        followed.append((url, expected, rows(response)))
    return followed
