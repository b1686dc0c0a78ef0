"""Events at the door and the public calendar (issue 15), against PostgreSQL with two gunicorn worker
processes on 127.0.0.1.

    .venv/bin/python bench/events/door_and_calendar.py [--seconds 30] [--events 10000] [--port 8767]

1. The door: two check-in phones and two tally phones hammer one event for --seconds through the staff
   API (each phone its own token and keep-alive connection). The check-in phones scan the same list of
   registrations, so most codes are scanned twice (once per phone); the tally phones add walk-ins by
   sex, age band and nationality and take one back now and then (refused below zero). Afterwards the
   database must hold exactly what the accepted answers say: arrivals = first scans, each tally cell =
   accepted +1 minus accepted −1; and no server error.
2. The calendar: with --events upcoming events (nine in ten public), the first page, a filtered page and
   a deep page of /en/events/ are each requested --rounds times rendered (missing the public page
   cache) and --rounds times from the page cache; p50 and p95 reported. The number of queries is pinned
   by integra/events/tests/test_calendar_queries.py.

It creates (or resets) the database integra_bench_events on the local PostgreSQL, starts gunicorn itself
and stops it. Results go to standard output.
"""

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.common import PRODUCTION_ENV, reset_postgres, wait_until_up  # noqa: E402 - after the path

DB = "integra_bench_events"
REGISTRATIONS = 20_000  # more than two phones can scan in the time: every scan is a real one
ENV = {
    **PRODUCTION_ENV,
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
    "DATABASE_CONN_MAX_AGE": "60",
}
SETUP = """
import json, sys
from datetime import timedelta
from django.utils import timezone
from tests.base import load_reference_data, make_user
from integra.accounts import roles
from integra.accounts.services import api_token_create
from integra.centres.models import Centre, Place
from integra.events.models import Event, Registration
load_reference_data()
now = timezone.now().replace(minute=0, second=0, microsecond=0)
sofia = Centre.objects.get(slug="sofia")
door = Event.objects.create(kind="information_day", title={"en": "Bench day"}, centre=sofia,
    start=now - timedelta(hours=1), end=now + timedelta(hours=5), languages=["bg", "ar"])
Registration.objects.bulk_create(
    [Registration(event=door, reference=f"EV-{i // 1000:03d}-{i %% 1000:03d}",
                  reference_compact=f"EV{i // 1000:03d}{i %% 1000:03d}", name=f"Person {i}",
                  phone="+359881234567") for i in range(%(registrations)d)], batch_size=2000)
tokens = []
for index in range(4):
    user = make_user(f"phone{index}", roles.CONSULTANT if index < 2 else roles.TRAINER, ["sofia"])
    tokens.append(api_token_create(user=user, name="bench")[1])
centres = list(Centre.objects.filter(is_active=True))
places = list(Place.objects.all())
kinds = [k for k, _l in Event.Kind.choices]
langs = [["bg"], ["bg", "ar"], ["fa", "en"], ["uk", "ru"], ["tr"]]
Event.objects.bulk_create([
    Event(kind=kinds[i %% len(kinds)], title={"en": f"Event {i}", "bg": f"Събитие {i}"},
          centre=centres[i %% len(centres)], place=places[i %% len(places)] if i %% 3 == 0 and places else None,
          address={"en": "1 Main Street"} if i %% 3 == 0 and places else {},
          start=now + timedelta(hours=2 + i), end=now + timedelta(hours=4 + i), languages=langs[i %% len(langs)],
          is_public=i %% 10 != 0)
    for i in range(%(events)d)], batch_size=2000)
print(json.dumps({"event": door.pk, "tokens": tokens}))
"""
CHECK = """
import json
from integra.events.models import Registration, TallyCount
event = %(event)d
arrived = Registration.objects.filter(event_id=event, arrived_at__isnull=False).count()
cells = {f"{c.gender}|{c.age_band}|{c.nationality}": c.count for c in TallyCount.objects.filter(event_id=event)}
print(json.dumps({"arrived": arrived, "cells": cells}))
"""
CELLS = [
    ("female", "25-34", ""),
    ("male", "18-24", "SY"),
    ("female", "0-17", "AF"),
    ("male", "", ""),
    ("other", "35-49", "UA"),
]


class Phone:
    """One phone: a keep-alive connection, its token, and what the server answered."""

    def __init__(self, port: int, token: str):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        self.statuses: Counter = Counter()
        self.latencies: list[float] = []

    def post(self, path: str, body: dict | None = None) -> tuple[int, dict]:
        begin = time.perf_counter()
        self.connection.request("POST", path, body=json.dumps(body or {}), headers=self.headers)
        response = self.connection.getresponse()
        data = response.read()
        self.latencies.append(time.perf_counter() - begin)
        self.statuses[response.status] += 1
        return response.status, (json.loads(data) if data.startswith(b"{") else {})


def door(port: int, event: int, tokens: list[str], seconds: float) -> bool:
    stop = time.monotonic() + seconds
    first_scans = Counter()
    accepted: Counter = Counter()
    phones = [Phone(port, token) for token in tokens]

    def check_in(index: int) -> None:
        phone = phones[index]
        for number in range(REGISTRATIONS):
            if time.monotonic() > stop:
                return
            reference = f"EV-{number // 1000:03d}-{number % 1000:03d}"
            status, body = phone.post(f"/api/v1/events/{event}/registrations/{reference}/arrived")
            if status == 200 and body.get("first_scan"):
                first_scans[index] += 1

    def tally(index: int) -> None:
        phone = phones[index]
        tap = 0
        while time.monotonic() < stop:
            gender, band, nationality = CELLS[(tap + index) % len(CELLS)]
            delta = -1 if tap % 4 == 3 else 1
            body = {"gender": gender, "age_band": band, "nationality": nationality, "delta": delta}
            status, _body = phone.post(f"/api/v1/events/{event}/tally", body)
            if status == 200:
                accepted[(gender, band, nationality)] += delta
            tap += 1

    threads = [threading.Thread(target=check_in, args=(i,)) for i in (0, 1)]
    threads += [threading.Thread(target=tally, args=(i,)) for i in (2, 3)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started

    check = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", CHECK % {"event": event}],
        cwd=ROOT, env={**os.environ, **ENV}, check=True, capture_output=True, text=True,
    )  # fmt: skip
    stored = json.loads(check.stdout.strip().splitlines()[-1])
    statuses = sum((phone.statuses for phone in phones), Counter())
    requests = sum(statuses.values())
    errors = sum(n for status, n in statuses.items() if status >= 500)
    scans = sum(phones[i].statuses[200] for i in (0, 1))
    expected_cells = {f"{g}|{b}|{n}": count for (g, b, n), count in accepted.items()}
    stored_cells = {key: count for key, count in stored["cells"].items() if key in expected_cells or count}
    latencies = sorted(latency for phone in phones for latency in phone.latencies)
    print(f"door: {len(phones)} phones for {elapsed:.1f} s, {requests} requests = {requests / elapsed:.0f} requests/s")
    print(f"  answers: {dict(sorted(statuses.items()))}, server errors: {errors}")
    first = sum(first_scans.values())
    print(f"  check-in: {scans} scans accepted, {first} first scans ({scans - first} repeats counted once); "
          f"arrived in the database: {stored['arrived']}")  # fmt: skip
    print(f"  tally: accepted net per cell {expected_cells}; in the database {stored_cells}")
    print(f"  latency p50 {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {latencies[int(0.95 * len(latencies)) - 1] * 1000:.0f} ms")  # fmt: skip
    return errors == 0 and stored["arrived"] == sum(first_scans.values()) and stored_cells == expected_cells


def calendar(port: int, rounds: int) -> None:
    """Each page twice over: rendered every time (a query string the calendar ignores makes each request
    a miss of the public page cache: the database's real work), then served from the page cache."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    pages = {
        "first page": "/en/events/?",
        "filtered (Sofia, Arabic)": "/en/events/?place=centre-sofia&language=ar&",
        "deep page (page 300)": "/en/events/?page=300&",
    }
    for name, path in pages.items():
        for cached in (False, True):
            latencies = []
            for index in range(rounds):
                begin = time.perf_counter()
                connection.request("GET", path + ("bench=0" if cached else f"bench={index + 1}"))
                response = connection.getresponse()
                body = response.read()
                latencies.append(time.perf_counter() - begin)
                assert response.status == 200, (path, response.status)
            latencies.sort()
            how = "from the page cache" if cached else "rendered"
            print(f"calendar {name}, {how}: {len(body) // 1024} KB, p50 {statistics.median(latencies) * 1000:.0f} ms, "
                  f"p95 {latencies[int(0.95 * len(latencies)) - 1] * 1000:.0f} ms")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--port", type=int, default=8767)
    args = parser.parse_args()
    reset_postgres(DB)
    env = {**os.environ, **ENV}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    setup = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c",
         SETUP % {"registrations": REGISTRATIONS, "events": args.events}],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    prepared = json.loads(setup.stdout.strip().splitlines()[-1])
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{args.port}", "--workers", "2",
         "--worker-class", "gthread", "--threads", "4", "--timeout", "120", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        wait_until_up(f"http://127.0.0.1:{args.port}/healthz")
        print(f"PostgreSQL, gunicorn: 2 processes x 4 threads; {args.events} events in the calendar")
        ok = door(args.port, prepared["event"], prepared["tokens"], args.seconds)
        calendar(args.port, args.rounds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print("RESULT:", "OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
