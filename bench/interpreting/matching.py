"""Matching one interpreting request against 1,000 mediators and 50,000 past sessions (issue 13): p50/p95
of services.candidates_rank and the number of queries it makes (which must not grow with the data).
PostgreSQL, in process, production settings.

    .venv/bin/python bench/interpreting/matching.py [--mediators 1000] [--sessions 50000] [--runs 200]

It creates (or resets) the database integra_bench_interpreting on the local PostgreSQL. Every mediator
speaks Arabic (the worst case: all 1,000 are candidates) plus one other language, with a weekly pattern,
some days away, cities and modes spread; 50,000 done jobs with their sessions over the past year (the
fairness count reads the last 30 days) and 2,000 confirmed jobs around the request's time (conflicts).
The same ranking is then timed for a request in person in Sofia and a request by phone.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import time as clock
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.common import PRODUCTION_ENV, reset_postgres  # noqa: E402 - after the path

DB = "integra_bench_interpreting"
ENV = {**PRODUCTION_ENV, "ALLOWED_HOSTS": "testserver", "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}"}
OTHER_LANGUAGES = ["fa", "ku", "ru", "uk", "tr", "en", "ti", "so"]


def fill(mediators: int, sessions: int):
    from django.db import connection, transaction
    from django.utils import timezone

    from integra.centres.models import Centre
    from integra.interpreting.models import (
        Availability,
        AvailabilityException,
        Mediator,
        MediatorLanguage,
        Request,
        Session,
    )
    from tests.base import load_reference_data

    rng = random.Random(13)
    load_reference_data()
    centres = list(Centre.objects.order_by("pk"))
    now = timezone.now()
    with transaction.atomic():
        people = Mediator.objects.bulk_create(
            Mediator(
                name=f"Mediator {i:04d}", gender=rng.choice(["female", "male"]),
                credential=rng.choice(list(Mediator.Credential.values)), directions=["bg", "en"][: 1 + i % 2],
                modes=rng.sample(["in_person", "phone", "video"], k=1 + i % 3), phone=f"+35988{i:07d}",
            )
            for i in range(mediators)
        )  # fmt: skip
        through = Mediator.centres.through
        through.objects.bulk_create(through(mediator_id=m.pk, centre_id=rng.choice(centres).pk) for m in people)
        MediatorLanguage.objects.bulk_create(
            row
            for m in people
            for row in (
                MediatorLanguage(mediator=m, language="ar", dialect=rng.choice(["levantine", "iraqi", ""])),
                MediatorLanguage(mediator=m, language=rng.choice(OTHER_LANGUAGES)),
            )
        )
        Availability.objects.bulk_create(
            Availability(mediator=m, weekday=d, starts=clock(8 + m.pk % 3), ends=clock(17 + m.pk % 4))
            for m in people
            for d in range(7)
            if rng.random() < 0.8
        )
        AvailabilityException.objects.bulk_create(
            AvailabilityException(mediator=m, date=(now + timedelta(days=rng.randint(0, 30))).date())
            for m in people
            if rng.random() < 0.2
        )
        sofia = centres[0]

        def job(n: int, starts, status, mediator):
            return Request(
                job_number=f"INT-B-{n:06d}", centre=sofia, language="ar", mode="in_person", suggested_mode="in_person",
                starts_at=starts, duration_minutes=60, subject="medical", status=status, mediator=mediator,
                confirmed_at=starts - timedelta(days=1), created_at=starts - timedelta(days=2),
            )  # fmt: skip

        past = Request.objects.bulk_create(
            (job(n, now - timedelta(hours=rng.randint(24, 24 * 365)), "done", rng.choice(people))
             for n in range(sessions)), batch_size=5000,
        )  # fmt: skip
        Session.objects.bulk_create(
            (Session(request=r, mediator_id=r.mediator_id, started_at=r.starts_at,
                     ended_at=r.starts_at + timedelta(minutes=55), mode="in_person", outcome="completed")
             for r in past), batch_size=5000,
        )  # fmt: skip
        target = (timezone.localtime(now) + timedelta(days=2)).replace(hour=10, minute=0, second=0, microsecond=0)
        Request.objects.bulk_create(
            job(sessions + n, target + timedelta(minutes=rng.randint(-600, 600)), "confirmed", rng.choice(people))
            for n in range(2000)
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return target


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mediators", type=int, default=1000)
    parser.add_argument("--sessions", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    reset_postgres(DB)
    env = {**os.environ, **ENV}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    os.environ.update(ENV)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from integra.centres.models import Centre
    from integra.interpreting import services
    from integra.interpreting.models import Request

    started = time.perf_counter()
    target = fill(args.mediators, args.sessions)
    print(f"filled {args.mediators:,} mediators, {args.sessions:,} past sessions, 2,000 confirmed jobs "
          f"in {time.perf_counter() - started:.0f} s; PostgreSQL {connection.pg_version}")  # fmt: skip
    print("| request | candidates | p50 ms | p95 ms | max ms | queries |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, mode in (("in person, Sofia, Arabic (Levantine), medical", "in_person"), ("by phone", "phone")):
        request = Request(
            pk=None, job_number="INT-BENCH", centre=Centre.objects.order_by("pk").first(), language="ar",
            dialect="levantine", mode=mode, suggested_mode=mode, starts_at=target, duration_minutes=45,
            subject="medical", interpreter_gender="female",
        )  # fmt: skip
        services.candidates_rank(request)  # warm up
        times, queries = [], set()
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as captured:
                begin = time.perf_counter()
                ranked = services.candidates_rank(request)
                times.append((time.perf_counter() - begin) * 1000)
            queries.add(len(captured))
        times.sort()
        p95 = times[int(0.95 * len(times)) - 1]
        print(f"| {label if mode == 'in_person' else 'the same, ' + label} | {len(ranked)} | "
              f"{statistics.median(times):.1f} | {p95:.1f} | {times[-1]:.1f} | "
              f"{'/'.join(map(str, sorted(queries)))} |")  # fmt: skip


if __name__ == "__main__":
    main()
