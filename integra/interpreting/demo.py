"""Demo interpreting: a dozen mediators across languages, dialects and the four cities (one tied to each
centre's demo mediator account), partner accounts for a few institutions, and a few weeks of requests in
every state. Deterministic and safe to run twice (the first mediator's name marks a loaded demo)."""

import random
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from integra.accounts import roles
from integra.accounts.demo import DEMO_DEVICE_NAME, DEMO_PASSWORD, DEMO_TOTP_KEY
from integra.accounts.models import User
from integra.centres.models import Centre, Institution
from integra.interpreting import services
from integra.interpreting.models import Availability, PartnerAccount, Request

SEED = 13
# (name, languages, gender, credential, centres, modes, outreach towns, demo account)
MEDIATORS = [
    ("Layla Haddad", [("ar", "levantine")], "female", "trained_medical", ["sofia"], "ipv", "", "mediator.sofia"),
    ("Omar Al-Jaburi", [("ar", "iraqi")], "male", "community", ["sofia", "plovdiv"], "ipv", "Pazardzhik", ""),
    ("Nour Khalil", [("ar", "levantine"), ("en", "")], "female", "cultural_mediator", ["plovdiv"], "ip", "", "mediator.plovdiv"),
    ("Zahra Ahmadi", [("fa", "farsi")], "female", "trained_medical", ["sofia"], "ipv", "", ""),
    ("Ahmad Rahimi", [("fa", "dari"), ("ps", "")], "male", "community", ["sofia", "burgas"], "pv", "", ""),
    ("Rojda Aydin", [("ku", "kurmanji"), ("tr", "")], "female", "cultural_mediator", ["kardzhali"], "ip", "Haskovo", "mediator.kardzhali"),
    ("Karwan Aziz", [("ku", "sorani"), ("ar", "iraqi")], "male", "volunteer", ["sofia"], "p", "", ""),
    ("Selam Tesfaye", [("ti", ""), ("am", "")], "female", "community", ["sofia"], "ipv", "", ""),
    ("Irina Volkova", [("ru", "")], "female", "trained_medical", ["burgas"], "ipv", "Varna", "mediator.burgas"),
    ("Oksana Melnyk", [("uk", ""), ("ru", "")], "female", "community", ["burgas", "sofia"], "ipv", "Nesebar", ""),
    ("Mehmet Yildiz", [("tr", "")], "male", "cultural_mediator", ["kardzhali", "plovdiv"], "ip", "Momchilgrad", ""),
    ("Grace Okafor", [("en", ""), ("fr", "")], "female", "volunteer", ["sofia"], "pv", "", ""),
]  # fmt: skip
MODES = {"i": "in_person", "p": "phone", "v": "video"}
PARTNERS = [("partner.sofia", "pirogov", "sofia"), ("partner.burgas", "hospital-burgas", "burgas"),
            ("partner.kardzhali", "hospital-kardzhali", "kardzhali"), ("partner.plovdiv", "rue-plovdiv", "plovdiv")]  # fmt: skip
# (partner, language, dialect, days from today, hour, minutes, subject, what happens)
REQUESTS = [
    ("partner.sofia", "ar", "levantine", -20, 10, 45, "medical", "done"),
    ("partner.sofia", "fa", "dari", -14, 9, 90, "mental_health", "done"),
    ("partner.burgas", "uk", "", -10, 11, 30, "medical", "done"),
    ("partner.burgas", "ru", "", -7, 14, 60, "medical", "no_show"),
    ("partner.plovdiv", "ar", "levantine", -5, 13, 40, "school", "cancelled"),
    ("partner.sofia", "ku", "sorani", -3, 10, 20, "social_services", "done"),
    ("partner.sofia", "ar", "iraqi", 1, 10, 30, "medical", "confirmed"),
    ("partner.burgas", "ru", "", 2, 9, 60, "legal", "offered"),
    ("partner.kardzhali", "ku", "kurmanji", 3, 11, 45, "medical", "requested"),
    ("partner.sofia", "ti", "", 4, 15, 60, "mental_health", "confirmed"),
    ("partner.plovdiv", "so", "", 6, 10, 30, "school", "requested"),  # nobody speaks Somali: flagged
    ("partner.sofia", "fa", "farsi", 9, 12, 20, "medical", "cancelled"),
]


def _account(username: str, centre: str) -> User:
    user, created = User.objects.get_or_create(username=username, defaults={"email": f"{username}@integra.example"})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.set(Group.objects.filter(name=roles.PARTNER))
    user.centres.set(Centre.objects.filter(slug=centre))
    TOTPDevice.objects.get_or_create(
        user=user, name=DEMO_DEVICE_NAME, defaults={"key": DEMO_TOTP_KEY, "confirmed": True}
    )
    return User.objects.get(pk=user.pk)


def load() -> None:
    centres = {c.slug: c for c in Centre.objects.all()}
    desk = User.objects.filter(username="coordinator").first()
    if not centres or desk is None or services.Mediator.objects.filter(name=MEDIATORS[0][0]).exists():
        return
    rng = random.Random(SEED)  # noqa: S311 - demo data: deterministic on purpose
    mediators = []
    for number, (name, languages, gender, credential, cities, modes, towns, username) in enumerate(MEDIATORS):
        mediator = services.mediator_save(
            by=desk, languages=languages, centres=[centres[c] for c in cities if c in centres],
            user=User.objects.filter(username=username).first() if username else None, name=name,
            phone=f"+35988820{number:04d}", email=f"mediator{number}@integra.example", gender=gender,
            credential=credential, credential_checked_on=timezone.localdate() - timedelta(days=30 * number),
            directions=["bg", "en"] if number % 3 == 0 else ["bg"], modes=[MODES[m] for m in modes],
            outreach_towns=towns,
        )  # fmt: skip
        Availability.objects.bulk_create(
            Availability(mediator=mediator, weekday=day, starts=time(8 + number % 3), ends=time(17 + number % 3))
            for day in range(5)
        )
        mediators.append(mediator)
    partners = {}
    for username, institution, centre in PARTNERS:
        if not Institution.objects.filter(slug=institution).exists():
            continue
        partners[username] = _account(username, centre)
        PartnerAccount.objects.update_or_create(
            user=partners[username], defaults={"institution": Institution.objects.get(slug=institution)}
        )
    for number, (username, language, dialect, days, hour, minutes, subject, fate) in enumerate(REQUESTS):
        if username not in partners:
            continue
        _request(number, partners[username], desk, language, dialect, days, hour, minutes, subject, fate, rng)


def _request(number, partner, desk, language, dialect, days, hour, minutes, subject, fate, rng) -> None:
    zone = timezone.get_current_timezone()
    starts = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), time(hour)), zone)
    asked = starts - timedelta(days=rng.randint(2, 6))
    job = services.request_create(
        by=partner, now=asked, submission_key=f"demo-interpreting-{number}", centre=partner.centres.first(),
        language=language, dialect=dialect, starts_at=starts, duration_minutes=minutes, subject=subject,
        client_label=rng.choice(["A. K.", "M. R.", "S. T.", "Ward 3, bed 12", "Ref. 2026/118"]),
        place=rng.choice(["", "Room 214", "Reception, ground floor"]),
    )  # fmt: skip
    candidates = services.candidates_rank(job, now=asked)
    if fate == "requested" or not candidates:
        return
    if fate == "offered":
        services.offers_send(by=desk, request=job, mediators=[c.mediator for c in candidates[:3]], now=asked)
        return
    services.request_confirm(by=desk, request=job, mediator=candidates[0].mediator, now=asked + timedelta(hours=2))
    job.refresh_from_db()
    if fate == "cancelled":
        services.request_cancel(
            by=partner, request=job, reason="The appointment was moved", now=starts - timedelta(hours=5)
        )
    elif fate == "no_show":
        services.request_no_show(by=desk, request=job, side=Request.Side.REQUESTER, reason="The patient did not come",
                                 now=starts + timedelta(hours=1))  # fmt: skip
    elif fate == "done":
        services.session_log(by=desk, request=job, started_at=starts + timedelta(minutes=5), mode=job.mode,
                             ended_at=starts + timedelta(minutes=minutes), outcome="completed",
                             now=starts + timedelta(hours=2))  # fmt: skip
        job.refresh_from_db()
        services.feedback_give(by=partner, request=job, understood="yes")
        if number % 2 == 0:  # the client answered through their link, in their language where the site has it
            site = {code for code, _name in settings.LANGUAGES}
            url = services.client_feedback_link_create(
                by=partner, request=job, language=language if language in site else "en"
            )
            services.client_feedback_give(
                token=url.rstrip("/").rsplit("/", 1)[-1], understood=rng.choice(["yes", "yes", "partly"]),
                language=language if language in site else "en",
            )  # fmt: skip
