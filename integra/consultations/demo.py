"""Demo consultations: a few hundred over the four centres, topics, channels and the last twelve months,
some with client files, referrals and follow-ups; a rota per centre and a few upcoming bookings.

Deterministic (fixed seed) and idempotent: a second run adds nothing.
"""

import random
from datetime import timedelta

from django.utils import timezone

from integra.accounts.models import User
from integra.centres.models import Centre, Institution
from integra.clients.models import AgeBand, Client
from integra.consultations import services
from integra.consultations.models import Appointment, Consultation, FollowUp, Referral, Rota
from integra.topics.models import Topic

SEED = 3
TOTAL = 400
CENTRE_WEIGHTS = {"sofia": 0.4, "plovdiv": 0.25, "burgas": 0.2, "kardzhali": 0.15}
CHANNELS = ["in_person"] * 6 + ["phone"] * 3 + ["online"] * 2 + ["outreach"]
NATIONALITIES = ["SY", "UA", "AF", "IQ", "TR", "RU", "IR", "MA", "NG", "VN", "AM", "CN"]
LANGUAGES = ["bg", "ar", "uk", "fa", "ru", "tr", "en"]
NOTES = [
    "Explained the steps to renew the residence permit.",
    "Helped to register with a GP; gave the list of practices nearby.",
    "Information on health insurance contributions.",
    "Enrolment of the children in school; documents needed.",
    "Job seeker registration at the labour office.",
    "",
]


def load() -> None:
    centres = {c.slug: c for c in Centre.objects.filter(slug__in=CENTRE_WEIGHTS)}
    for centre in centres.values():
        Rota.objects.get_or_create(centre=centre, defaults={"slot_minutes": 30})
    consultants = {
        slug: [
            u for u in User.objects.filter(centres__slug=slug, username__in=[f"consultant.{slug}", f"manager.{slug}"])
        ]
        for slug in centres
    }
    if not centres or not all(consultants.values()):
        return
    demo_users = [u for users in consultants.values() for u in users]
    if Consultation.objects.filter(consultant__in=demo_users).count() >= TOTAL:
        return
    rng = random.Random(SEED)  # noqa: S311 - demo data: deterministic on purpose, not a secret
    topics = list(Topic.objects.active())
    institutions = list(Institution.objects.all())
    clients_by_centre = {
        slug: list(Client.objects.filter(centre__slug=slug, erased_at__isnull=True)) for slug in centres
    }
    today = timezone.localdate()
    slugs, weights = zip(*CENTRE_WEIGHTS.items(), strict=True)
    rows, topic_choices = [], []
    for _ in range(TOTAL):
        slug = rng.choices(slugs, weights)[0]
        day = today - timedelta(days=rng.randint(0, 364))
        while day.weekday() > 4:
            day -= timedelta(days=1)
        client = rng.choice(clients_by_centre[slug]) if clients_by_centre[slug] and rng.random() < 0.35 else None
        interpreting = rng.choice(["none", "none", "none", "interpreter", "mediator"])
        rows.append(
            Consultation(
                centre=centres[slug],
                consultant=rng.choice(consultants[slug]),
                client=client,
                held_on=day,
                channel=rng.choice(CHANNELS),
                language=rng.choice(LANGUAGES),
                interpreting=interpreting,
                interpreter_name="Demo mediator" if interpreting != "none" else "",
                duration_minutes=rng.choice([15, 20, 30, 30, 45, 60]),
                outcome=rng.choice(["informed", "informed", "assisted", "referred", "follow_up", "resolved"]),
                notes=rng.choice(NOTES),
                nationality=client.nationality.code if client else rng.choice(NATIONALITIES),
                gender=client.gender if client else rng.choice(["female", "male", "undisclosed"]),
                age_band=client.age_band if client else rng.choice([b for b in AgeBand.values if b]),
            )
        )
        topic_choices.append(rng.sample(topics, k=rng.choice([1, 1, 2, 3])))
    created = Consultation.objects.bulk_create(rows)
    through = Consultation.topics.through
    through.objects.bulk_create(
        [
            through(consultation_id=c.pk, topic_id=t.pk)
            for c, chosen in zip(created, topic_choices, strict=True)
            for t in chosen
        ]
    )
    referrals, follow_ups = [], []
    for consultation in created:
        if consultation.outcome == "referred" and institutions:
            referrals.append(
                Referral(
                    consultation=consultation,
                    institution=rng.choice(institutions),
                    reason="Needs the institution's decision (demo).",
                    sent_on=consultation.held_on,
                    status=rng.choice(["sent", "accepted", "resolved", "no_answer"]),
                )
            )
        if consultation.outcome == "follow_up":
            follow_ups.append(
                FollowUp(
                    consultation=consultation,
                    assigned_to=consultation.consultant,
                    task="Call the client back (demo)",
                    due_on=today + timedelta(days=rng.randint(-3, 10)),
                    done_at=timezone.now() if consultation.held_on < today - timedelta(days=30) else None,
                )
            )
    Referral.objects.bulk_create(referrals)
    FollowUp.objects.bulk_create(follow_ups)
    _upcoming_bookings(rng, centres, topics)


def _upcoming_bookings(rng, centres, topics) -> None:
    for centre in centres.values():
        for start in services.free_slots(centre)[:40:5]:
            if Appointment.objects.filter(centre=centre, start=start).exists():
                continue
            services.appointment_book(
                centre=centre,
                start=start,
                topic=rng.choice(topics),
                language=rng.choice(LANGUAGES),
                interpreter_needed=rng.random() < 0.3,
                name="Demo visitor",
                phone=f"+35988{rng.randint(1000000, 9999999)}",
            )
