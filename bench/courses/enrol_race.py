"""200 people racing for the last 10 places of a course group through the public enrolment wizard,
against PostgreSQL, with two gunicorn worker processes on 127.0.0.1 (issue 14). Expect exactly 10 more
enrolled, the other 190 on the waiting list in the order they were served, and no server error.

    .venv/bin/python bench/courses/enrol_race.py [--visitors 200] [--port 8766]

It creates (or resets) the database integra_bench_courses on the local PostgreSQL, makes a group of 30
places with 20 taken, starts gunicorn itself, prepares every visitor up to the check-your-answers page,
then sends all "Enrol" requests at once and stops gunicorn. Results go to standard output.
"""

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.common import PRODUCTION_ENV, Visitor, reset_postgres, wait_until_up  # noqa: E402 - after the path

DB = "integra_bench_courses"
CAPACITY, TAKEN = 30, 20
ENV = {
    **PRODUCTION_ENV,
    "COURSE_ENROL_LIMIT": "100000",  # every simulated person comes from 127.0.0.1: lift the per-address limit
    "SMS_BACKEND": "locmem",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
    "DATABASE_CONN_MAX_AGE": "60",
}
SETUP = f"""
from datetime import timedelta
from django.utils import timezone
from tests.base import load_reference_data
from integra.centres.models import Centre
from integra.courses import services
from integra.courses.models import Course, Group
load_reference_data()
course = Course.objects.create(slug="bench", kind="language", level="A1", title={{"en": "Bench Bulgarian"}})
today = timezone.localdate()
group = Group.objects.create(
    course=course, centre=Centre.objects.get(slug="sofia"), capacity={CAPACITY},
    start_date=today + timedelta(days=7), end_date=today + timedelta(days=60),
    enrolment_opens=today - timedelta(days=1), enrolment_closes=today + timedelta(days=6),
)
for index in range({TAKEN}):
    services.enrolment_create(group=group, name=f"Early {{index}}", phone=f"+35988700{{index:04d}}")
print(group.pk)
"""
CHECK = """
from integra.courses.models import Enrolment
rows = list(Enrolment.objects.filter(name__startswith="Person").values_list("status", "created_at"))
enrolled = sorted(c for s, c in rows if s == "enrolled")
waiting = sorted(c for s, c in rows if s == "waiting")
print(len(enrolled), len(waiting), len(set(waiting)), int(bool(enrolled and waiting and enrolled[-1] < waiting[0])))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visitors", type=int, default=200)
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    reset_postgres(DB)
    env = {**os.environ, **ENV}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    setup = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", SETUP],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    group = int(setup.stdout.split()[-1])
    path = f"/en/courses/{group}/enrol/"
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{args.port}", "--workers", "2",
         "--worker-class", "gthread", "--threads", "8", "--timeout", "120", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{args.port}"
    try:
        wait_until_up(base + "/healthz")

        def prepare(index: int) -> Visitor:
            visitor = Visitor(base, path)
            _status, visitor.page = visitor.request(path)
            answers = [
                ("name", {"name-name": f"Person {index}"}),
                ("contact", {"contact-email": f"p{index}@example.org"}),
                ("language", {"language-language": "ar"}),
                ("about", {}),
            ]
            for step, fields in answers:
                assert visitor.answer(step, fields) == 200, (step, visitor.page[:300])
            assert "Check your answers" in visitor.page
            return visitor

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=16) as pool:
            visitors = list(pool.map(prepare, range(args.visitors)))
        prepared = time.perf_counter() - started

        barrier = threading.Barrier(args.visitors)
        latencies: list[float] = [0.0] * args.visitors
        statuses: list[int] = [0] * args.visitors

        def send(index: int) -> None:
            barrier.wait()
            begin = time.perf_counter()
            statuses[index] = visitors[index].answer("check", {})
            latencies[index] = time.perf_counter() - begin

        threads = [threading.Thread(target=send, args=(i,)) for i in range(args.visitors)]
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
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", CHECK],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    enrolled, waiting, distinct, in_order = map(int, check.stdout.split()[-4:])
    server_errors = sum(1 for s in statuses if s >= 500)
    latencies.sort()
    places = CAPACITY - TAKEN
    print(f"people: {args.visitors}, places left: {places} of {CAPACITY}, gunicorn: 2 processes x 8 threads")
    print(f"prepared {args.visitors} check pages in {prepared:.1f} s")
    print(f"enrolled: {enrolled}, waiting list: {waiting} (distinct arrival times {distinct}), "
          f"every enrolled served before every waiting: {bool(in_order)}")  # fmt: skip
    print(f"answers: 302 {statuses.count(302)}, 5xx {server_errors}, other {len(statuses) - statuses.count(302)}")
    print(f"race: {args.visitors} requests in {race:.2f} s = {args.visitors / race:.0f} requests/s")
    p50, p95 = statistics.median(latencies), latencies[int(0.95 * len(latencies)) - 1]
    print(f"latency p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms")
    ok = (
        enrolled == places
        and waiting == args.visitors - places
        and distinct == waiting
        and in_order
        and server_errors == 0
        and statuses.count(302) == args.visitors
    )
    print("RESULT:", "OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
