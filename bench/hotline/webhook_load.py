"""The telephony status webhook under load (issue 12): 50 calls at once, each sending its status events
(ringing, in-progress, completed) and every event twice, as a provider retrying would, against
PostgreSQL with two gunicorn worker processes on 127.0.0.1. Reports requests per second and the
p50/p95 latency, then checks that there is exactly one call log entry per call id, each ended with
its duration, and no server error.

    .venv/bin/python bench/hotline/webhook_load.py [--calls 50] [--seconds 20] [--port 8766]

It creates (or resets) the database integra_bench_hotline on the local PostgreSQL, starts gunicorn
itself, signs every request as Twilio does (bench-only auth token) and stops gunicorn at the end.
"""

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.common import PRODUCTION_ENV, reset_postgres, wait_until_up  # noqa: E402
from integra.hotline.telephony import signature  # noqa: E402 - the same signature the server checks

DB = "integra_bench_hotline"
TOKEN = "bench-only-twilio-auth-token"
LINE = "+35929394755"  # the demo network hotline
ENV = {
    **PRODUCTION_ENV,
    "TELEPHONY_BACKEND": "twilio",
    "TWILIO_AUTH_TOKEN": TOKEN,
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
    "DATABASE_CONN_MAX_AGE": "60",
}
EVENTS = [("ringing", None), ("in-progress", None), ("completed", "187")]


def prepare_database() -> None:
    reset_postgres(DB)
    env = {**os.environ, **ENV}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    script = "from tests.base import load_reference_data\nload_reference_data()\n"
    subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", script], cwd=ROOT, env=env, check=True)


def post_event(url: str, params: dict) -> tuple[int, float]:
    body = urllib.parse.urlencode(params).encode()
    request = urllib.request.Request(url, data=body, headers={"X-Twilio-Signature": signature(url, params, TOKEN)})
    began = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.perf_counter() - began


def one_call(url: str) -> list[tuple[int, float]]:
    sid = "CA" + secrets.token_hex(16)
    results = []
    for status, duration in EVENTS:
        params = {"CallSid": sid, "CallStatus": status, "From": "+359881234567", "To": LINE, "Direction": "inbound"}
        if duration:
            params["CallDuration"] = duration
        for _attempt in range(2):  # every event delivered twice
            results.append(post_event(url, params))
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=50, help="calls in flight at once")
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    prepare_database()
    env = {**os.environ, **ENV}
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{args.port}", "--workers", "2",
         "--worker-class", "gthread", "--threads", "16", "--timeout", "120", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{args.port}"
    url = f"{base}/telephony/twilio/status/"
    try:
        wait_until_up(base + "/healthz")
        results: list[tuple[int, float]] = []
        calls = 0
        lock = threading.Lock()
        deadline = time.monotonic() + args.seconds

        def worker():
            nonlocal calls
            while time.monotonic() < deadline:
                outcome = one_call(url)
                with lock:
                    results.extend(outcome)
                    calls += 1

        began = time.perf_counter()
        with ThreadPoolExecutor(args.calls) as pool:
            for _ in range(args.calls):
                pool.submit(worker)
        elapsed = time.perf_counter() - began
    finally:
        server.terminate()
        server.wait(timeout=30)

    statuses = [status for status, _latency in results]
    latencies = sorted(latency for _status, latency in results)
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(f"{calls} calls, {len(results)} webhook requests in {elapsed:.1f} s with {args.calls} calls in flight")
    print(f"throughput {len(results) / elapsed:.0f} requests/s")
    print(f"latency p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
    print(f"answers: {dict(sorted((s, statuses.count(s)) for s in set(statuses)))}")
    script = (
        "from django.db.models import Count\n"
        "from integra.hotline.models import Call\n"
        "rows = Call.objects.filter(provider_call_id__startswith='CA')\n"
        "print('call log entries', rows.count())\n"
        "print('call ids with more than one entry', rows.values('provider_call_id').annotate(n=Count('id'))"
        ".filter(n__gt=1).count())\n"
        "print('entries not ended with 187 s', rows.exclude(status='ended', duration_seconds=187).count())\n"
    )
    subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", script], cwd=ROOT, env=env, check=True)
    errors = sum(1 for s in statuses if s >= 500)
    print(f"server errors {errors}")
    sys.exit(1 if errors or any(s != 204 for s in statuses) else 0)


if __name__ == "__main__":
    main()
