"""200 visitors racing for 20 slots through the public booking wizard, against PostgreSQL,
with two gunicorn worker processes on 127.0.0.1. Expect exactly 20 bookings and no server error.

    .venv/bin/python bench/consultations/booking_race.py [--visitors 200] [--port 8765]

It creates (or resets) the database integra_bench_booking on the local PostgreSQL, starts gunicorn
itself, prepares every visitor up to the check-your-answers page, then sends all "Book" requests at
once (ten visitors per slot) and stops gunicorn. Results go to standard output.
"""

import argparse
import base64
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.common import Visitor  # noqa: E402 - after the path is set

DB = "integra_bench_booking"
SLOTS = 20
ENV = {
    "DEBUG": "0",
    # Every simulated visitor comes from 127.0.0.1: lift the per-address booking limit (issue 9) for the race.
    "BOOKING_ADDRESS_LIMIT": "100000",
    "SECRET_KEY": "bench-only-secret-key-0123456789-0123456789-0123456789",
    "FIELD_ENCRYPTION_KEY": base64.b64encode(b"bench-only-field-key-32-bytes-00").decode(),
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "STATIC_MANIFEST": "0",
    "LOG_LEVEL": "WARNING",
    "SMS_BACKEND": "locmem",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
    "DATABASE_CONN_MAX_AGE": "60",
}


def bench_day() -> date:
    day = datetime.now(ZoneInfo("Europe/Sofia")).date() + timedelta(days=1)
    while day.weekday() > 4:
        day += timedelta(days=1)
    return day


def prepare_database() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB}")
    env = {**os.environ, **ENV}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    script = f"""
from datetime import time
from tests.base import load_reference_data
from integra.centres.models import Centre, OpeningHours
from integra.consultations.models import Rota
load_reference_data()
centre = Centre.objects.create(slug="bench", name={{"en": "Bench centre"}})
# 09:00-19:00 in 30-minute slots: exactly {SLOTS} slots a weekday.
OpeningHours.objects.bulk_create(
    OpeningHours(centre=centre, weekday=d, opens=time(9), closes=time(19)) for d in range(5)
)
Rota.objects.create(centre=centre, slot_minutes=30)
"""
    subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", script], cwd=ROOT, env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visitors", type=int, default=200)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    day = bench_day()
    slots = [f"{day.isoformat()}T{9 + i // 2:02d}:{30 * (i % 2):02d}" for i in range(SLOTS)]

    prepare_database()
    env = {**os.environ, **ENV}
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{args.port}", "--workers", "2",
         "--worker-class", "gthread", "--threads", "8", "--timeout", "120", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.5)

        def prepare(index: int) -> Visitor:
            visitor = Visitor(base, "/en/book/start/")
            _status, visitor.page = visitor.request("/en/book/start/")
            answers = [
                ("centre", {"centre-centre": "bench"}),
                ("topic", {"topic-topic": "residence"}),
                ("language", {"language-language": "ar"}),
                ("day", {"day-day": day.isoformat()}),
                ("slot", {"slot-slot": slots[index % SLOTS]}),
                ("contact", {"contact-name": f"Visitor {index}", "contact-email": f"v{index}@example.org"}),
            ]
            for step, fields in answers:
                assert visitor.answer(step, fields) == 200, (step, visitor.page[:500])
            assert "Check your answers" in visitor.page
            return visitor

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=16) as pool:
            visitors = list(pool.map(prepare, range(args.visitors)))
        prepared = time.perf_counter() - started

        barrier = threading.Barrier(args.visitors)
        latencies: list[float] = [0.0] * args.visitors
        statuses: list[int] = [0] * args.visitors
        clear_messages = 0
        lock = threading.Lock()

        def book(index: int) -> None:
            nonlocal clear_messages
            barrier.wait()
            begin = time.perf_counter()
            statuses[index] = visitors[index].answer("check", {})
            latencies[index] = time.perf_counter() - begin
            if statuses[index] == 200 and "This time is not free any more" in visitors[index].page:
                with lock:
                    clear_messages += 1

        threads = [threading.Thread(target=book, args=(i,)) for i in range(args.visitors)]
        race_start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        race = time.perf_counter() - race_start
    finally:
        server.terminate()
        server.wait(timeout=30)

    check = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c",
         "from integra.consultations.models import Appointment as A; "
         "print(A.objects.filter(centre__slug='bench').count(), "
         "A.objects.filter(centre__slug='bench').values('start').distinct().count())"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    bookings, distinct = map(int, check.stdout.split())
    server_errors = sum(1 for s in statuses if s >= 500)
    latencies.sort()
    print(f"visitors: {args.visitors}, slots: {SLOTS}, gunicorn: 2 processes x 8 threads, PostgreSQL")
    print(f"prepared {args.visitors} check pages in {prepared:.1f} s")
    print(f"bookings in the database: {bookings} (distinct slots {distinct})")
    print(f"answers: 302 booked {statuses.count(302)}, 200 slot taken {clear_messages}, 5xx {server_errors}")
    print(f"race: {args.visitors} requests in {race:.2f} s = {args.visitors / race:.0f} requests/s, "
          f"{bookings / race:.1f} bookings/s")  # fmt: skip
    p50, p95 = statistics.median(latencies), latencies[int(0.95 * len(latencies)) - 1]
    print(f"latency p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms")
    refused = args.visitors - SLOTS
    ok = bookings == SLOTS and distinct == SLOTS and server_errors == 0 and clear_messages == refused
    print("RESULT:", "OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
