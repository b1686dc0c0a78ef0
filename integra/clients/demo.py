"""Demo client files: a few per centre, with consents. Deterministic (fixed seed) and idempotent."""

import random
from datetime import date

from integra.accounts.models import User
from integra.centres.models import Centre
from integra.clients.models import REFERENCE_ALPHABET, Client, Consent

SEED = 20261124
PER_CENTRE = 12
NAMES = ["Amira", "Oleh", "Reza", "Fatima", "Ahmad", "Olena", "Mehmet", "Sara", "Yusuf", "Mariam", "Dmytro", "Leyla"]
NATIONALITIES = ["SY", "UA", "AF", "IQ", "TR", "RU", "IR", "MA", "NG", "VN"]
LANGUAGES = {"SY": "ar", "IQ": "ar", "MA": "ar", "UA": "uk", "RU": "ru", "AF": "fa", "IR": "fa", "TR": "tr"}
STATUSES = ["protection", "temporary_protection", "long_term", "temporary", "asylum_seeker", "eu_citizen"]


def load() -> None:
    rng = random.Random(SEED)  # noqa: S311 - demo data: deterministic on purpose, not a secret
    for centre in Centre.objects.order_by("slug"):
        consultant = User.objects.filter(username=f"consultant.{centre.slug}").first()
        for number in range(PER_CENTRE):
            code = "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(6))
            reference = f"C-{code[:3]}-{code[3:]}"
            nationality = rng.choice(NATIONALITIES)
            client, created = Client.objects.get_or_create(
                reference=reference,
                defaults={
                    "centre": centre,
                    "name": f"{NAMES[number]} (demo)" if rng.random() < 0.7 else "",
                    "nationality": nationality,
                    "gender": rng.choice(["female", "male", "female", "male", "undisclosed"]),
                    "year_of_birth": rng.randint(1955, 2007),
                    "languages": [LANGUAGES.get(nationality, "en"), "bg"] if rng.random() < 0.3 else [],
                    "residence_status": rng.choice(STATUSES),
                    "created_by": consultant,
                },
            )
            # Drawn every time, so that the sequence (and so the references) is the same on every run.
            given_on = date(2026, rng.randint(1, 10), rng.randint(1, 28))
            method = rng.choice(list(Consent.Method.values))
            if created:
                Consent.objects.create(
                    client=client,
                    purpose=Consent.Purpose.RECORDS,
                    version="2026-01",
                    given_on=given_on,
                    method=method,
                    recorded_by=consultant,
                )
