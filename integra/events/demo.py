"""Demo events: past and upcoming information days, multicultural meetings, concerts, workshops and
community meetings in the four centres and the three outreach towns, with registrations (some arrived,
some at the door) and door tallies for the past ones.

Deterministic (fixed seed) and idempotent: the demo registrations carry demo submission keys, and a
second run adds nothing. Times are relative to the day it is loaded.
"""

import random
from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from integra.accounts.models import User
from integra.centres.models import Centre, Place
from integra.core.crypto import submission_hash
from integra.events import services
from integra.events.models import Event, Registration
from integra.topics.models import Topic

SEED = 15
MARKER = "demo-event-0-0"
NAMES = ["A. K.", "Mariam H.", "Olena", "R. S.", "Ahmad", "Iryna P.", "Fatima", "Mehmet Y.", "Nadia", "L. T."]
LANGUAGES = ["ar", "uk", "fa", "ru", "tr", "en", "bg"]
# (centre, outreach place or None, kind, days from today, hour, hours long, languages, registration, capacity, titles)
EVENTS = [
    ("sofia", None, "information_day", -40, 10, 4, ["bg", "ar", "fa"], "optional", 60,
     {"en": "Information day: residence and work", "bg": "Информационен ден: пребиваване и работа",
      "ar": "يوم إعلامي: الإقامة والعمل", "fa": "روز اطلاع‌رسانی: اقامت و کار"}),
    ("sofia", None, "concert", -12, 18, 2, ["bg", "en"], "none", None,
     {"en": "Concert: songs from home", "bg": "Концерт: песни от родината", "uk": "Концерт: пісні з дому"}),
    ("sofia", None, "workshop", 5, 17, 2, ["bg", "uk", "ru"], "required", 20,
     {"en": "Workshop: writing a CV in Bulgarian", "bg": "Работилница: автобиография на български",
      "uk": "Майстер-клас: резюме болгарською", "ru": "Мастер-класс: резюме на болгарском"}),
    ("sofia", None, "information_day", 30, 10, 4, ["bg", "ar", "fa", "uk"], "optional", 80,
     {"en": "Information day: health insurance", "bg": "Информационен ден: здравно осигуряване",
      "ar": "يوم إعلامي: التأمين الصحي", "fa": "روز اطلاع‌رسانی: بیمه درمانی", "uk": "Інформаційний день: медичне страхування"}),
    ("burgas", None, "multicultural_meeting", -20, 17, 3, ["bg", "uk", "ru"], "optional", 50,
     {"en": "Multicultural evening by the sea", "bg": "Мултикултурна вечер край морето",
      "uk": "Мультикультурний вечір біля моря", "ru": "Мультикультурный вечер у моря"}),
    ("burgas", None, "community_meeting", 9, 18, 2, ["bg", "uk"], "optional", 40,
     {"en": "Meeting with the Ukrainian community", "bg": "Среща с украинската общност",
      "uk": "Зустріч з українською громадою"}),
    ("plovdiv", None, "workshop", -5, 16, 2, ["bg", "ar"], "required", 15,
     {"en": "Workshop: enrolling children at school", "bg": "Работилница: записване на деца в училище",
      "ar": "ورشة عمل: تسجيل الأطفال في المدرسة"}),
    ("plovdiv", None, "concert", 21, 19, 2, ["bg", "tr", "ar"], "none", None,
     {"en": "Concert of music from the Middle East", "bg": "Концерт с музика от Близкия изток",
      "ar": "حفل موسيقى من الشرق الأوسط", "tr": "Orta Doğu müziği konseri"}),
    ("kardzhali", None, "information_day", 12, 10, 3, ["bg", "tr"], "optional", 40,
     {"en": "Information day: citizenship", "bg": "Информационен ден: гражданство", "tr": "Bilgilendirme günü: vatandaşlık"}),
    ("sofia", "shumen", "community_meeting", -8, 15, 3, ["bg", "ar", "tr"], "optional", 30,
     {"en": "Community meeting in Shumen", "bg": "Среща с общността в Шумен", "ar": "لقاء مع الجالية في شومن",
      "tr": "Şumnu'da topluluk buluşması"}),
    ("burgas", "varna", "information_day", 16, 11, 4, ["bg", "uk", "ru"], "optional", 50,
     {"en": "Information day in Varna", "bg": "Информационен ден във Варна", "uk": "Інформаційний день у Варні",
      "ru": "Информационный день в Варне"}),
    ("sofia", "blagoevgrad", "multicultural_meeting", 25, 16, 3, ["bg", "ar", "fa"], "optional", 40,
     {"en": "Multicultural meeting in Blagoevgrad", "bg": "Мултикултурна среща в Благоевград",
      "ar": "لقاء متعدد الثقافات في بلاغويفغراد", "fa": "دیدار چندفرهنگی در بلاگووگراد"}),
]  # fmt: skip
ADDRESSES = {
    "shumen": {"bg": "Читалище „Добри Войников“, бул. „Славянски“ 17, Шумен", "en": "Dobri Voynikov community hall, 17 Slavyanski Blvd, Shumen"},
    "varna": {"bg": "Регионална библиотека, ул. „Д-р Л. Заменхоф“ 3, Варна", "en": "Regional library, 3 Dr L. Zamenhof Street, Varna"},
    "blagoevgrad": {"bg": "Младежки дом, пл. „Георги Измирлиев“ 1, Благоевград", "en": "Youth house, 1 Georgi Izmirliev Square, Blagoevgrad"},
}  # fmt: skip


def _start(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def load() -> None:
    centres = {c.slug: c for c in Centre.objects.all()}
    places = {p.slug: p for p in Place.objects.all()}
    if (
        not centres
        or Registration.objects.filter(submission_hash=submission_hash("event-registration", MARKER)).exists()
    ):
        return
    rng = random.Random(SEED)  # noqa: S311 - demo data: deterministic on purpose, not a secret
    topics = list(Topic.objects.active()[:6])
    for number, (slug, place, kind, days, hour, hours, languages, registration, capacity, title) in enumerate(EVENTS):
        if slug not in centres or (place and place not in places):
            continue
        start = _start(days, hour)
        event = Event.objects.create(
            kind=kind,
            title=title,
            description={
                "en": "Free and open to everyone. Consultants and interpreters of the centre are there to answer questions.",
                "bg": "Безплатно и отворено за всички. Консултанти и преводачи на центъра отговарят на въпроси.",
            },
            centre=centres[slug],
            place=places.get(place) if place else None,
            address=ADDRESSES.get(place, {}) if place else {},
            start=start,
            end=start + timedelta(hours=hours),
            languages=languages,
            interpretation=len(languages) > 2,
            capacity=capacity,
            registration=registration,
            is_public=True,
        )
        if topics:
            event.topics.set(rng.sample(topics, k=min(2, len(topics))))
        organiser = User.objects.filter(username=f"manager.{slug}").first()
        _registrations(event, number, rng, past=days < 0, organiser=organiser)
        if days < 0:
            _tally(event, rng, organiser)
            _after_the_event(event, rng, organiser)


def _registrations(event: Event, number: int, rng: random.Random, *, past: bool, organiser) -> None:
    if event.registration == Event.Registration.NONE:
        return
    room = event.capacity or 30
    count = rng.randint(3, max(4, min(12, room // 4)))
    for index in range(count):
        try:
            registration = services.registration_create(
                event=event,
                name=rng.choice(NAMES),
                phone=f"+3598880{number:02d}{index:03d}",
                adults=rng.choice([1, 1, 1, 2]),
                children=rng.choice([0, 0, 1, 2]),
                language=rng.choice(LANGUAGES),
                interpreter_needed=rng.random() < 0.3,
                submission_key=f"demo-event-{number}-{index}",
                now=event.start - timedelta(days=rng.randint(1, 10)),
            )
        except ValidationError:  # full: the demo stops registering, as the site would
            break
        if past and rng.random() < 0.75:
            Registration.objects.filter(pk=registration.pk).update(
                arrived_at=event.start + timedelta(minutes=rng.randint(-10, 30))
            )
    if past and organiser is not None:
        Registration.objects.create(
            event=event,
            name=rng.choice(NAMES),
            adults=1,
            language=rng.choice(LANGUAGES),
            source=Registration.Source.DOOR,
            arrived_at=event.start + timedelta(minutes=15),
            created_at=event.start + timedelta(minutes=15),
        )


def _tally(event: Event, rng: random.Random, organiser) -> None:
    for _ in range(rng.randint(15, 45)):
        services.tally_change(
            event=event,
            by=organiser,
            gender=rng.choice(services.TALLY_GENDERS[:2] * 4 + services.TALLY_GENDERS[2:]),
            age_band=rng.choice(services.TALLY_AGE_BANDS),
            nationality=rng.choice(TALLY_NATIONALITIES),
            delta=1,
        )


TALLY_NATIONALITIES = ["", "", "", "SY", "AF", "UA", "IQ", "TR", "RU"]
COMMENTS = ["Very clear, thank you.", "More time for questions, please.", "Мога ли да дойда пак?", "شكرًا جزيلًا"]


def _after_the_event(event: Event, rng: random.Random, organiser) -> None:
    """Online answers to the feedback card, the paper cards' tally and, for events without registration,
    the paper sign-in sheet."""
    for _ in range(rng.randint(2, 8)):
        services.feedback_record(
            event=event,
            answer=rng.choice(["yes", "yes", "yes", "partly", "no"]),
            comment=rng.choice(COMMENTS) if rng.random() < 0.4 else "",
            language=rng.choice(LANGUAGES),
            now=event.end + timedelta(hours=rng.randint(1, 48)),
        )
    if organiser is None:
        return
    services.paper_feedback_set(
        event=event,
        by=organiser,
        counts={"yes": rng.randint(3, 15), "partly": rng.randint(0, 5), "no": rng.randint(0, 2)},
    )
    if event.registration == Event.Registration.NONE:
        counts = {
            (gender, band): rng.randint(0, 4)
            for gender in services.TALLY_GENDERS[:2]
            for band in ("18-24", "25-34", "35-49")
        }
        services.paper_attendance_set(event=event, by=organiser, counts=counts)
