"""Demo hotline: a few hundred calls over the last four months in several languages (non-data calls
included, some repeat callers), the line's weekly hours and an exception, and some call-backs open.

Deterministic (fixed seed) and idempotent: the demo calls carry a DEMO call id, and a second run adds nothing.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from integra.accounts.models import User
from integra.centres.models import Centre, Hotline
from integra.core.crypto import submission_hash
from integra.hotline import services
from integra.hotline.models import Call, CallBack, LineDay, LineHours
from integra.topics.models import Topic

SEED = 12
TOTAL = 320
OPEN_CALL_BACKS = 6
CENTRES = ["sofia", "plovdiv", "burgas", "kardzhali"]
LANGUAGES = ["bg", "ar", "ar", "uk", "uk", "fa", "ru", "tr", "en"]
NATIONALITIES = ["SY", "UA", "AF", "IQ", "TR", "RU", "IR", "MA", "NG", "AM"]
OUTCOMES = ["informed"] * 5 + ["referred_centre", "consultation_booked", "referred_institution", "interpreter_arranged"]
NON_DATA = ["silent", "hang_up", "hang_up", "wrong_number", "test", "abusive"]
# A few regular callers (illustrative numbers from the national test ranges).
REGULARS = ["+359888000101", "+359888000102", "+359888000103", "+359888000104"]


def load() -> None:
    lines = list(Hotline.objects.order_by("position", "pk"))
    if not lines:
        return
    for line in lines:
        if not line.line_hours.exists():
            LineHours.objects.bulk_create(
                [LineHours(hotline=line, weekday=day, opens=time(9), closes=time(17, 30)) for day in range(5)]
            )
    operators = {
        slug: list(User.objects.filter(username__in=[f"consultant.{slug}", f"mediator.{slug}", f"manager.{slug}"]))
        for slug in CENTRES
    }
    centres = {c.slug: c for c in Centre.objects.filter(slug__in=CENTRES)}
    if not all(operators.get(slug) for slug in centres) or not centres:
        return
    if Call.objects.filter(provider_call_id__startswith="DEMO").exists():
        return
    rng = random.Random(SEED)  # noqa: S311 - demo data: deterministic on purpose, not a secret
    topics = list(Topic.objects.active())
    now = timezone.now()
    tz = timezone.get_current_timezone()
    LineDay.objects.get_or_create(
        hotline=lines[0],
        date=(timezone.localdate() + timedelta(days=10)),
        defaults={"reason": "Team training"},
    )
    for index in range(TOTAL):
        slug = rng.choice(list(centres))
        day = timezone.localdate() - timedelta(days=rng.randint(0, 120))
        while day.weekday() > 4:
            day -= timedelta(days=1)
        started = timezone.make_aware(datetime.combine(day, time(rng.randint(9, 16), rng.randint(0, 59))), tz)
        if started > now:
            started -= timedelta(days=7)
        common = {
            "hotline": rng.choice(lines),
            "centre": centres[slug],
            "operator": rng.choice(operators[slug]),
            "started_at": started,
            "provider_call_id": f"DEMO{index:05d}",
        }
        if rng.random() < 0.18:
            Call.objects.create(kind=rng.choice(NON_DATA), **common)
            continue
        number = rng.choice(REGULARS) if rng.random() < 0.15 else f"+35988{rng.randint(1000000, 9999999)}"
        call = Call.objects.create(
            direction=rng.choice(["incoming"] * 8 + ["outgoing", "call_back"]),
            duration_seconds=rng.randint(60, 1200),
            language=rng.choice(LANGUAGES),
            interpreter_joined=rng.random() < 0.2,
            nationality=rng.choice(NATIONALITIES),
            gender=rng.choice(["female", "male", "undisclosed"]),
            age_band=rng.choice(["18-24", "25-34", "25-34", "35-49", "50-64", ""]),
            outcome=rng.choice(OUTCOMES),
            caller_hash=services.caller_hash(number),
            **common,
        )
        call.topics.set(rng.sample(topics, k=min(len(topics), rng.choice([1, 1, 2]))))
    for index in range(OPEN_CALL_BACKS):
        services.call_back_request(
            phone=f"+35989{rng.randint(1000000, 9999999)}",
            language=rng.choice(LANGUAGES),
            topic=rng.choice(topics) if topics else None,
            centre=centres.get(rng.choice(CENTRES)) if index % 2 else None,
            first_name=rng.choice(["Amal", "Olena", "Reza", ""]),
            submission_key=f"demo-call-back-{index}",
            now=now - timedelta(hours=rng.randint(1, 40)),
        )
    CallBack.objects.filter(submission_hash=submission_hash("call-back", "demo-call-back-0")).update(
        status=CallBack.Status.UNREACHABLE, attempt_count=3, phone="", first_name="", closed_at=now
    )
