"""Demo courses: Bulgarian A1 and A2, computer literacy and civic orientation, with two or three groups per
centre (one ended, one running, one upcoming), learners, attendance for the sessions held, levels, a few
certificates, and a full upcoming group with a waiting list.

Deterministic (fixed seed) and idempotent: the demo enrolments carry demo submission keys, and a second
run adds nothing. Dates are relative to the day it is loaded.
"""

import random
from datetime import time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from integra.accounts.models import User
from integra.centres.models import Centre
from integra.courses import services
from integra.courses.models import Attendance, Course, Enrolment, Group, Level

SEED = 14
NAMES = [
    "Amira Haddad", "Olena Kovalenko", "Reza Ahmadi", "Mehmet Yılmaz", "Iryna Petrenko", "Fatima Noori",
    "Ahmad Rahimi", "Nadia Saleh", "Tigist Bekele", "Oksana Melnyk", "Yusuf Demir", "Layla Karimi",
    "Serhii Bondar", "Mariam Hussein", "Dmitri Sokolov", "Zahra Hosseini",
]  # fmt: skip
LANGUAGES = ["ar", "uk", "fa", "tr", "ru", "en"]
COURSES = [
    ("bulgarian-a1", "language", "A1",
     {"en": "Bulgarian for beginners (A1)", "bg": "Български език за начинаещи (A1)",
      "ar": "اللغة البلغارية للمبتدئين (A1)", "fa": "زبان بلغاری برای مبتدیان (A1)",
      "ru": "Болгарский язык для начинающих (A1)", "uk": "Болгарська мова для початківців (A1)",
      "tr": "Yeni başlayanlar için Bulgarca (A1)"},
     {"en": "Reading and writing Cyrillic, introducing yourself, shopping, the doctor, the bus. Two evenings a week.",
      "bg": "Четене и писане на кирилица, представяне, пазаруване, при лекаря, в автобуса. Две вечери седмично.",
      "ar": "قراءة الأبجدية السيريلية وكتابتها، التعريف بالنفس، التسوق، عند الطبيب، في الحافلة. مساءان في الأسبوع.",
      "uk": "Читання і письмо кирилицею, знайомство, покупки, у лікаря, в автобусі. Два вечори на тиждень."},
     {"en": "A notebook and a pen. The book is given free.", "bg": "Тетрадка и химикалка. Учебникът е безплатен.",
      "ar": "دفتر وقلم. الكتاب مجاني.", "uk": "Зошит і ручка. Підручник безкоштовний."}),
    ("bulgarian-a2", "language", "A2",
     {"en": "Bulgarian, elementary (A2)", "bg": "Български език, елементарно ниво (A2)",
      "ar": "اللغة البلغارية، المستوى الأساسي (A2)", "uk": "Болгарська мова, елементарний рівень (A2)",
      "ru": "Болгарский язык, элементарный уровень (A2)"},
     {"en": "Forms, letters from offices, telephone calls and work.", "bg": "Формуляри, писма от институции, телефонни разговори и работа."},
     {}),
    ("computer-literacy", "computer", "",
     {"en": "Computer literacy", "bg": "Компютърна грамотност", "ar": "محو الأمية الحاسوبية",
      "fa": "سواد رایانه‌ای", "uk": "Комп'ютерна грамотність", "ru": "Компьютерная грамотность",
      "tr": "Bilgisayar okuryazarlığı"},
     {"en": "E-mail, online forms of the institutions, safe use of the internet and a CV.",
      "bg": "Електронна поща, онлайн формуляри на институциите, безопасен интернет и автобиография."},
     {"en": "Nothing: the centre has computers.", "bg": "Нищо: центърът има компютри."}),
    ("civic-orientation", "civic", "",
     {"en": "Civic orientation: Bulgaria, its institutions and your rights",
      "bg": "Гражданска ориентация: България, институциите и вашите права",
      "ar": "التوجيه المدني: بلغاريا ومؤسساتها وحقوقك", "uk": "Громадянська орієнтація: Болгарія, її установи та ваші права"},
     {"en": "Traditions, history, culture, the social, economic and administrative structure of Bulgaria.",
      "bg": "Традиции, история, култура, социално-икономическо и административно устройство на България."},
     {}),
]  # fmt: skip
# (centre, course, weeks from today to the first session, weeks long, weekdays, hour, capacity)
GROUPS = [
    ("sofia", "bulgarian-a1", -14, 10, [0, 2], 18, 14),
    ("sofia", "bulgarian-a1", -4, 10, [1, 3], 18, 14),
    ("sofia", "computer-literacy", 3, 6, [5], 10, 6),
    ("burgas", "bulgarian-a1", -5, 10, [0, 2], 17, 12),
    ("burgas", "civic-orientation", 2, 4, [3], 16, 20),
    ("plovdiv", "bulgarian-a2", -16, 10, [1, 3], 18, 12),
    ("plovdiv", "computer-literacy", -3, 6, [4], 15, 8),
    ("kardzhali", "bulgarian-a1", -3, 8, [0, 3], 17, 10),
    ("kardzhali", "civic-orientation", 4, 4, [2], 16, 15),
]


def load() -> None:
    rng = random.Random(SEED)  # noqa: S311 - demo data: deterministic on purpose, not a secret
    courses = {}
    for slug, kind, level, title, description, bring in COURSES:
        courses[slug], _created = Course.objects.update_or_create(
            slug=slug, defaults={"kind": kind, "level": level, "title": title, "description": description,
                                 "what_to_bring": bring, "completion_needs_exit_level": kind == "language"},
        )  # fmt: skip
    if Group.objects.exists():
        return  # groups are made once; a second run changes nothing
    today = timezone.localdate()
    centres = {centre.slug: centre for centre in Centre.objects.all()}
    for number, (slug, course, weeks, length, weekdays, hour, capacity) in enumerate(GROUPS):
        if slug not in centres:
            continue
        start = today + timedelta(weeks=weeks)
        start -= timedelta(days=start.weekday())  # a Monday
        end = start + timedelta(weeks=length) - timedelta(days=1)
        group = Group.objects.create(
            course=courses[course],
            centre=centres[slug],
            trainer=User.objects.filter(username=f"trainer.{slug}").first(),
            room="2",
            capacity=capacity,
            languages=["bg", rng.choice(LANGUAGES)],
            schedule_note=_schedule_note(weekdays, hour),
            start_date=start,
            end_date=end,
            enrolment_opens=start - timedelta(weeks=6),
            enrolment_closes=max(start + timedelta(weeks=1), today + timedelta(weeks=1)) if end >= today else start,
            is_public=True,
        )
        holidays = {start + timedelta(weeks=2, days=weekdays[0])} if length > 6 else set()
        services.sessions_schedule(
            group=group, by=None, weekdays=weekdays, starts_at=time(hour), minutes=120, skip=holidays
        )
        _learners(group, number, rng, full=weeks > 0 and capacity <= 8)


def _schedule_note(weekdays: list[int], hour: int) -> dict:
    names = {
        "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        "bg": ["понеделник", "вторник", "сряда", "четвъртък", "петък", "събота", "неделя"],
    }
    return {
        "en": " and ".join(names["en"][d] for d in weekdays) + f", {hour}:00–{hour + 2}:00",
        "bg": " и ".join(names["bg"][d] for d in weekdays) + f", {hour}:00–{hour + 2}:00 ч.",
    }


def _learners(group: Group, number: int, rng: random.Random, *, full: bool) -> None:
    trainer = group.trainer
    count = group.capacity + 3 if full else rng.randint(group.capacity // 2, group.capacity)
    names = rng.sample(NAMES, k=min(count, len(NAMES)))
    enrolled = []
    for index, name in enumerate(names):
        try:
            enrolment = services.enrolment_create(
                group=group,
                name=name,
                phone=f"+35988914{number:02d}{index:02d}",
                language=rng.choice(LANGUAGES),
                gender=rng.choice(["female", "male", "female", "male", "undisclosed"]),
                age_band=rng.choice(["18-24", "25-34", "25-34", "35-49", "50-64"]),
                nationality=rng.choice(["SY", "UA", "AF", "IQ", "TR", "RU", "ER"]),
                source=Enrolment.Source.STAFF,
                submission_key=f"demo-course-{number}-{index}",
                by=trainer,
                now=timezone.now() - timedelta(days=60),
            )
        except ValidationError:
            continue
        if enrolment.status == Enrolment.Status.ENROLLED:
            enrolled.append(enrolment)
    if trainer is None:
        return
    now = timezone.now()
    held = list(group.sessions.filter(cancelled=False, start__lte=now))
    for enrolment in enrolled:
        if group.course.kind == Course.Kind.LANGUAGE:
            entry = rng.choice([Level.PRE_A1, Level.A1]) if group.course.level == "A1" else Level.A1
            enrolment.entry_level = entry
        diligent = rng.random() < 0.7
        for session in held:
            mark = rng.choices(Attendance.Mark.values, weights=[80, 8, 6, 6] if diligent else [45, 10, 15, 30])[0]
            Attendance.objects.get_or_create(
                session=session,
                enrolment=enrolment,
                defaults={"mark": mark, "marked_by": trainer, "marked_at": session.end},
            )
        if group.end_date < timezone.localdate():
            if group.course.kind == Course.Kind.LANGUAGE:
                enrolment.exit_level = Level.A2 if diligent else enrolment.entry_level
        enrolment.save(update_fields=["entry_level", "exit_level"])
        if group.end_date < timezone.localdate() and diligent:
            try:
                services.certificate_issue(enrolment=enrolment, by=trainer)
            except ValidationError:
                pass  # attendance under the rule: no certificate, as on the page
