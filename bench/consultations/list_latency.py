"""Latency and queries of the back-office consultation list with 1,000 and with 1,000,000 consultations
(PostgreSQL, in-process Django test client, production settings).

    .venv/bin/python bench/consultations/list_latency.py [--sizes 1000 1000000] [--requests 200]

It creates (or resets) the database integra_bench_list on the local PostgreSQL and fills it with SQL
(generate_series), then times the first page, a filtered page and a deep page for a coordinator (all
centres) and a Sofia consultant (one centre).
"""

import argparse
import base64
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB = "integra_bench_list"
ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-secret-key-0123456789-0123456789-0123456789",
    "FIELD_ENCRYPTION_KEY": base64.b64encode(b"bench-only-field-key-32-bytes-00").decode(),
    "ALLOWED_HOSTS": "testserver",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "STATIC_MANIFEST": "0",
    "LOG_LEVEL": "ERROR",
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
}
PAGES = {
    "first page": {},
    "filtered (in person, healthcare, autumn)": {
        "channel": "in_person",
        "topic": "healthcare",
        "date_from": "2025-09-01",
        "date_to": "2025-11-30",
    },
    "page 40": {"page": "40"},
}

FILL = """
TRUNCATE consultations_consultation_topics, consultations_referral, consultations_followup,
         consultations_consultation RESTART IDENTITY CASCADE;
INSERT INTO consultations_consultation
    (centre_id, consultant_id, held_on, channel, language, interpreting, interpreter_name, duration_minutes,
     outcome, notes, nationality, gender, age_band, created_at)
SELECT c.centre_id, c.user_id, DATE '2026-11-20' - (g % 730),
       (ARRAY['in_person','phone','online','outreach'])[1 + g % 4],
       'bg', 'none', '', 30, 'informed', '', 'SY', 'female', '25-34', now()
FROM generate_series(1, %(n)s) AS g
JOIN (SELECT row_number() OVER (ORDER BY ce.id) - 1 AS k, ce.id AS centre_id, u.id AS user_id
      FROM centres_centre ce JOIN accounts_user u ON u.username = 'consultant.' || ce.slug) AS c ON c.k = g % 4;
INSERT INTO consultations_consultation_topics (consultation_id, topic_id)
SELECT co.id, t.id FROM consultations_consultation co
JOIN (SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM topics_topic) AS t
  ON t.k = co.id % (SELECT count(*) FROM topics_topic);
ANALYZE;
"""


def reset_database() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB}")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env={**os.environ, **ENV}, check=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 1_000_000])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    reset_database()
    os.environ.update(ENV)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tests.base import load_reference_data, make_staff, signed_in

    load_reference_data()
    staff = make_staff()
    print(f"PostgreSQL {connection.pg_version}, {args.requests} requests per row, times in ms")
    print("| consultations | who | page | p50 | p95 | database time p50 | queries |")
    print("|---:|---|---|---:|---:|---:|---:|")
    for size in args.sizes:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(FILL.replace("%(n)s", str(int(size))))
        fill = time.perf_counter() - started
        for who in ("coordinator", "consultant.sofia"):
            client = signed_in(Client(), staff[who])
            for label, params in PAGES.items():
                client.get("/en/staff/consultations/", params)  # warm up
                times, db_times, queries = [], [], set()
                for _ in range(args.requests):
                    with CaptureQueriesContext(connection) as captured:
                        begin = time.perf_counter()
                        response = client.get("/en/staff/consultations/", params)
                        times.append((time.perf_counter() - begin) * 1000)
                    assert response.status_code == 200
                    queries.add(len(captured))
                    db_times.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
                times.sort()
                p95 = times[int(0.95 * len(times)) - 1]
                print(
                    f"| {size:,} | {who} | {label} | {statistics.median(times):.1f} | {p95:.1f} | "
                    f"{statistics.median(db_times):.1f} | "
                    f"{'/'.join(map(str, sorted(queries)))} |"
                )
        print(f"(filled {size:,} rows in {fill:.0f} s)")


if __name__ == "__main__":
    main()
