from datetime import time, timedelta

import pytest
from django.utils import timezone, translation

from integra.centres.models import Centre, Institution
from integra.interpreting import services
from integra.interpreting.models import Availability, Mediator, MediatorLanguage, PartnerAccount, Request


def make_mediator(name="Layla", *, languages=(("ar", "levantine"),), centres=("sofia",), user=None, **fields):
    defaults = {
        "gender": "female",
        "credential": Mediator.Credential.COMMUNITY,
        "directions": ["bg"],
        "modes": ["in_person", "phone", "video"],
        "phone": "+359881000001",
    }
    defaults.update(fields)
    mediator = Mediator.objects.create(name=name, user=user, **defaults)
    mediator.centres.set(Centre.objects.filter(slug__in=centres))
    for language, dialect in languages:
        MediatorLanguage.objects.create(mediator=mediator, language=language, dialect=dialect)
    for weekday in range(7):
        Availability.objects.create(mediator=mediator, weekday=weekday, starts=time(7), ends=time(21))
    return mediator


def tie(user, institution="pirogov"):
    institution = Institution.objects.get(slug=institution)
    PartnerAccount.objects.update_or_create(user=user, defaults={"institution": institution})
    return user


def in_days(days=2, hour=10):
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def make_request(by, *, centre="sofia", **fields) -> Request:
    defaults = {
        "centre": Centre.objects.get(slug=centre),
        "language": "ar",
        "dialect": "levantine",
        "starts_at": in_days(),
        "duration_minutes": 45,
        "subject": Request.Subject.MEDICAL,
        "client_label": "A. K.",
    }
    defaults.update(fields)
    return services.request_create(by=by, **defaults)


@pytest.fixture(autouse=True)
def in_english():
    """Messages raised by the services are checked in English, whatever a page before left active."""
    with translation.override("en"):
        yield


@pytest.fixture
def partner(staff):
    return tie(staff["partner.sofia"])


def make_confirmed(by, mediator, *, hours_ago=3, **fields) -> Request:
    """A request asked for days ago whose appointment started `hours_ago` hours ago, confirmed for the mediator."""
    now = timezone.now()
    starts = now - timedelta(hours=hours_ago)
    job = make_request(by, starts_at=starts, now=starts - timedelta(days=3), **fields)
    return services.request_confirm(by=_desk(), request=job, mediator=mediator, now=starts - timedelta(days=2))


def make_done(by, mediator, *, hours_ago=3, minutes=45, mode="in_person", **fields) -> Request:
    """A confirmed request whose session is logged: ready for feedback."""
    job = make_confirmed(by, mediator, hours_ago=hours_ago, **fields)
    services.session_log(
        by=_desk(), request=job, started_at=job.starts_at, ended_at=job.starts_at + timedelta(minutes=minutes),
        mode=mode, outcome="completed",
    )  # fmt: skip
    return Request.objects.get(pk=job.pk)


def _desk():
    from integra.accounts.models import User  # noqa: PLC0415

    return User.objects.get(username="coordinator")
