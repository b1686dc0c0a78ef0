"""20 mediators accepting the same interpreting offer at once, through HTTP, against PostgreSQL with two
gunicorn worker processes on 127.0.0.1 (issue 13). Expect exactly one to get the job (one 302 to the
"the job is yours" page), every other one told it is taken (409), and no server error.

    .venv/bin/python bench/interpreting/accept_race.py [--mediators 20] [--rounds 5] [--port 8767]

It creates (or resets) the database integra_bench_interpreting_race on the local PostgreSQL and, for each
round, a request offered to every mediator through services.offers_send (the tokens are read from the
service's return value, as the SMS would carry them). It starts gunicorn itself, releases all "I take this
job" POSTs of a round at once (a barrier), checks the database, and stops gunicorn. Results go to standard
output.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.common import PRODUCTION_ENV, NoRedirect, reset_postgres, wait_until_up  # noqa: E402 - after the path

DB = "integra_bench_interpreting_race"
ENV = {
    **PRODUCTION_ENV,
    "SMS_BACKEND": "locmem",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
    "DATABASE_CONN_MAX_AGE": "60",
}
SETUP = """
import json
from datetime import timedelta
from django.utils import timezone
from tests.base import load_reference_data, make_user
from integra.accounts import roles
from integra.centres.models import Centre
from integra.interpreting import services
from integra.interpreting.models import Mediator, MediatorLanguage
load_reference_data()
desk = make_user("bench.coordinator", roles.COORDINATOR)
sofia = Centre.objects.get(slug="sofia")
mediators = []
for index in range(%(mediators)d):
    mediator = Mediator.objects.create(
        name=f"Mediator {index:02d}", gender="female", credential="community", directions=["bg"],
        modes=["in_person", "phone", "video"], phone=f"+3598870{index:05d}",
    )
    mediator.centres.add(sofia)
    MediatorLanguage.objects.create(mediator=mediator, language="ar", dialect="levantine")
    mediators.append(mediator)
rounds = []
for number in range(%(rounds)d):
    starts = (timezone.localtime() + timedelta(days=3 + number)).replace(hour=10, minute=0, second=0, microsecond=0)
    job = services.request_create(
        by=desk, centre=sofia, language="ar", dialect="levantine", starts_at=starts, duration_minutes=45,
        subject="medical", client_label="A. K.",
    )
    sent = services.offers_send(by=desk, request=job, mediators=mediators)
    rounds.append({"request": job.pk, "tokens": [token for _offer, token in sent]})
print(json.dumps(rounds))
"""
CHECK = """
import json
from integra.interpreting.models import Offer, Request
rows = []
for pk in %(requests)s:
    job = Request.objects.get(pk=pk)
    accepted = list(Offer.objects.filter(request=job, state="accepted").values_list("mediator_id", flat=True))
    rows.append({"status": job.status, "mediator": job.mediator_id, "accepted": accepted})
print(json.dumps(rows))
"""


def post(opener, url: str) -> int:
    data = urllib.parse.urlencode({"answer": "accept"}).encode()
    try:
        with opener.open(urllib.request.Request(url, data=data), timeout=120) as response:
            return response.status
    except urllib.error.HTTPError as error:  # the 302 too: redirects are not followed
        return error.code


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mediators", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--port", type=int, default=8767)
    args = parser.parse_args()
    reset_postgres(DB)
    env = {**os.environ, **ENV}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    setup = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c",
         SETUP % {"mediators": args.mediators, "rounds": args.rounds}],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    rounds = json.loads(setup.stdout.strip().splitlines()[-1])
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{args.port}", "--workers", "2",
         "--worker-class", "gthread", "--threads", "8", "--timeout", "120", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{args.port}"
    statuses: list[list[int]] = []
    latencies: list[float] = []
    try:
        wait_until_up(base + "/healthz")
        opener = urllib.request.build_opener(NoRedirect())
        # warm both workers up (imports, connections) so that the race measures the race
        for _ in range(8):
            urllib.request.urlopen(base + "/en/interpreting/", timeout=30).read()
        for race in rounds:
            barrier = threading.Barrier(len(race["tokens"]))
            answers = [0] * len(race["tokens"])

            def accept(index: int, token: str, answers=answers, barrier=barrier) -> None:
                barrier.wait()
                begin = time.perf_counter()
                answers[index] = post(opener, f"{base}/en/interpreting/offer/{token}/")
                latencies.append(time.perf_counter() - begin)

            threads = [threading.Thread(target=accept, args=(i, t)) for i, t in enumerate(race["tokens"])]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            statuses.append(answers)
    finally:
        server.terminate()
        server.wait(timeout=30)

    check = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c",
         CHECK % {"requests": [race["request"] for race in rounds]}],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    results = json.loads(check.stdout.strip().splitlines()[-1])
    ok = True
    print(f"mediators per offer: {args.mediators}, rounds: {args.rounds}, gunicorn: 2 processes x 8 threads")
    for number, (answers, result) in enumerate(zip(statuses, results, strict=True), start=1):
        won, taken, errors = answers.count(302), answers.count(409), sum(1 for s in answers if s >= 500)
        one_winner = (
            won == 1 and taken == len(answers) - 1 and errors == 0 and result["status"] == "confirmed"
            and result["accepted"] == [result["mediator"]]
        )  # fmt: skip
        ok &= one_winner
        print(f"round {number}: 302 (won) {won}, 409 (taken) {taken}, 5xx {errors}, "
              f"request {result['status']}, accepted offers {len(result['accepted'])}: "
              f"{'one winner' if one_winner else 'WRONG'}")  # fmt: skip
    latencies.sort()
    p95 = latencies[int(0.95 * len(latencies)) - 1]
    print(f"latency over {len(latencies)} answers: p50 {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms")  # fmt: skip
    print("RESULT:", "OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
