"""Latency and queries of the figures dashboard (a year, every indicator, the coordinator) with growing
numbers of records (PostgreSQL, in-process Django test client, production settings).

    .venv/bin/python bench/figures/dashboard_latency.py [--sizes 1000000] [--requests 10] [--live] [--before]
    .venv/bin/python bench/figures/dashboard_latency.py --sizes 1000000 --fill-only   # fill and stop (~200 s)
    .venv/bin/python bench/figures/dashboard_latency.py --sizes 1000000 --reuse ...   # measure, no refill

For a size n it fills, with SQL (generate_series): n consultations (70 % with a client file, n/5 client
files with a phone number), 0.3 n hotline conversations (60 % from a known number), 0.1 n course
enrolments in 40 groups; then
(with --reuse it measures the database an earlier run filled, its stored figures deleted first;
--fill-only fills and stops);
- (with --before) times the same counts with the people read one row per record into Python, as before
  issue 18's grouping in SQL (bench/figures/per_record_people.py swapped in): the live dashboard (with
  --live) and amif.guidance with its breakdowns;
- (with --live) times one dashboard computed live, without the stored figures (the first count);
- times amif.guidance with each of its breakdowns counted as a refresh does;
- times filling in the stored figures of 2026 (`manage.py refresh_figures --year 2026`: every indicator
  with every breakdown, the data-quality counts: a newly opened period), then the refresh task after an
  edit of 2026 (every value of the year stale);
- times the dashboard for 2026 and the public figures page (p50, p95, queries) and the full XLSX export
  of 2026 (integra.figures.export.workbook, the coordinator's), all read from the stored figures.
"""

import argparse
import importlib
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.common import PRODUCTION_ENV, reset_postgres  # noqa: E402

DB = "integra_figscale_bench"
PEOPLE_APPS = ("consultations", "hotline", "courses", "events", "interpreting")


def load() -> str:
    """The machine's load average (1, 5, 15 minutes), printed with every number."""
    return "load " + " ".join(f"{x:.2f}" for x in os.getloadavg())


ENV = {**PRODUCTION_ENV, "ALLOWED_HOSTS": "testserver", "LOG_LEVEL": "ERROR",
       "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}", "PAGE_CACHE_SECONDS": "0"}  # fmt: skip

FILL = """
TRUNCATE consultations_consultation_topics, consultations_consultation, clients_client, hotline_call_topics,
         hotline_call, courses_enrolment, figures_storedfigure RESTART IDENTITY CASCADE;
INSERT INTO clients_client (reference, centre_id, name, phone, email, nationality, gender, languages,
                            residence_status, created_at)
SELECT 'C-' || g, (SELECT min(id) FROM centres_centre) + g % 4, '', '+35988' || lpad(g::text, 7, '0'), '',
       (ARRAY['SY','UA','AF','TR','IQ'])[1 + g % 5], 'female', '[]', 'unknown',
       TIMESTAMP '2026-01-01' + (g % 300) * INTERVAL '1 day'
FROM generate_series(1, %(clients)s) AS g;
INSERT INTO consultations_consultation
    (centre_id, consultant_id, client_id, held_on, channel, language, interpreting, interpreter_name,
     duration_minutes, outcome, notes, nationality, gender, age_band, created_at)
SELECT c.centre_id, c.user_id, CASE WHEN g % 10 < 7 THEN 1 + g % %(clients)s END, DATE '2026-11-20' - (g % 330),
       (ARRAY['in_person','phone','online','outreach'])[1 + g % 4], (ARRAY['ar','fa','uk','ru','tr'])[1 + g % 5],
       'none', '', 30, 'informed', '', (ARRAY['SY','UA','AF','TR','IQ'])[1 + g % 5], 'female', '25-34', now()
FROM generate_series(1, %(n)s) AS g
JOIN (SELECT row_number() OVER (ORDER BY ce.id) - 1 AS k, ce.id AS centre_id, u.id AS user_id
      FROM centres_centre ce JOIN accounts_user u ON u.username = 'consultant.' || ce.slug) AS c ON c.k = g % 4;
INSERT INTO consultations_consultation_topics (consultation_id, topic_id)
SELECT co.id, (SELECT min(id) FROM topics_topic) + co.id % 5 FROM consultations_consultation co;
INSERT INTO hotline_call (hotline_id, centre_id, direction, kind, status, started_at, duration_seconds, language,
                          interpreter_joined, nationality, gender, age_band, outcome, note, caller_hash, created_at)
SELECT (SELECT min(id) FROM centres_hotline), (SELECT min(id) FROM centres_centre) + g % 4, 'incoming',
       'conversation', 'ended', TIMESTAMPTZ '2026-01-02 10:00+02' + (g % 320) * INTERVAL '1 day', 120,
       (ARRAY['ar','fa','uk','ru','tr'])[1 + g % 5], false, '', 'undisclosed', '', 'informed', '',
       CASE WHEN g % 10 < 6 THEN md5((g % (%(calls)s / 3 + 1))::text) ELSE '' END, now()
FROM generate_series(1, %(calls)s) AS g;
INSERT INTO courses_enrolment (group_id, reference, name, phone, email, language, gender, age_band, nationality,
                               status, source, entry_level, exit_level, created_at)
SELECT (SELECT min(id) FROM courses_group) + g % 40, 'CR-' || g, 'L',
       '+35988' || lpad((g * 7 % %(clients)s)::text, 7, '0'),
       '', 'ar', 'female', '25-34', 'SY', 'enrolled', 'website', 'A1', CASE WHEN g % 3 = 0 THEN 'A2' ELSE '' END, now()
FROM generate_series(1, %(enrolments)s) AS g;
ANALYZE;
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--live", action="store_true", help="also time one dashboard computed live")
    parser.add_argument("--reuse", action="store_true", help="measure the database filled by an earlier run")
    parser.add_argument("--fill-only", action="store_true", help="fill the database and stop")
    parser.add_argument("--before", action="store_true", help="also time the people read one row per record")
    args = parser.parse_args()
    if args.reuse and len(args.sizes) != 1:
        parser.error("--reuse measures the one size already filled")
    if not args.reuse:
        reset_postgres(DB)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env={**os.environ, **ENV}, check=True)
    os.environ.update(ENV)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    from datetime import date

    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.utils import translation

    from bench.figures import per_record_people
    from integra.accounts.models import User
    from integra.centres.models import Centre
    from integra.consultations.models import Consultation
    from integra.courses.models import Course, Group
    from integra.figures import counting, export, periods, registry, services
    from integra.figures.counting import Scope
    from integra.figures.models import StoredFigure
    from tests.base import load_reference_data, make_staff, signed_in

    if not args.reuse:
        load_reference_data()
        make_staff()
        course = Course.objects.create(slug="bg-a1", kind=Course.Kind.LANGUAGE, title={"en": "Bulgarian A1"})
        centres = list(Centre.objects.order_by("pk"))
        for i in range(40):
            start = date(2026, 1 + i % 10, 1)
            Group.objects.create(course=course, centre=centres[i % 4], capacity=20, start_date=start,
                                 end_date=date(2026, 12, 15), enrolment_opens=start,
                                 enrolment_closes=start)  # fmt: skip
    coordinator = signed_in(Client(), User.objects.get(username="coordinator"))
    visitor = Client()
    print(f"PostgreSQL {connection.pg_version}, {args.requests} requests per row, times in ms")
    print("| consultations | calls | enrolments | page | p50 | p95 | database time p50 | queries |")
    print("|---:|---:|---:|---|---:|---:|---:|---:|")
    for n in args.sizes:
        sizes = {"n": n, "clients": max(n // 5, 1), "calls": int(0.3 * n), "enrolments": n // 10}
        if args.reuse:
            print(f"(reusing {DB}: {Consultation.objects.count():,} consultations)", flush=True)
        else:
            started = time.perf_counter()
            sql = FILL
            for key, value in sizes.items():
                sql = sql.replace(f"%({key})s", str(value))
            with connection.cursor() as cursor:
                cursor.execute(sql)
            fill = time.perf_counter() - started
            print(f"(filled in {fill:.0f} s)", flush=True)
        if args.fill_only:
            return
        if args.reuse:
            StoredFigure.objects.all().delete()  # every count below from scratch, as after the fill
        year = periods.year(2026)
        guidance = registry.get("amif.guidance")

        def live_dashboard(label):
            with override_settings(FIGURES_STORED=False), CaptureQueriesContext(connection) as captured:
                begin = time.perf_counter()
                response = coordinator.get("/en/staff/figures/", {"period": "year", "year": "2026"})
                live = time.perf_counter() - begin
            assert response.status_code == 200, response.status_code
            print(f"dashboard 2026 computed live ({label}): {live * 1000:,.0f} ms, {len(captured)} queries [{load()}]",
                  flush=True)  # fmt: skip

        def one_indicator(label, year=year, guidance=guidance):
            """amif.guidance with each of its breakdowns, counted as a refresh does (10 values)."""
            begin = time.perf_counter()
            with translation.override("en"), services.shared_results(use_stored=False):
                for breakdown in (None, *guidance.breakdowns):
                    services.indicator_value(guidance, Scope(year.start, year.end, None, breakdown))
            print(f"amif.guidance 2026 with its {len(guidance.breakdowns)} breakdowns counted ({label}): "
                  f"{time.perf_counter() - begin:.1f} s [{load()}]", flush=True)  # fmt: skip

        if args.before:
            # The same counts with the people read one row per record into Python (before issue 18's grouping).
            modules = [counting, *(importlib.import_module(f"integra.{app}.indicators") for app in PEOPLE_APPS)]
            grouped = counting.people_records
            for module in modules:
                module.people_records = per_record_people.people_records
            try:
                if args.live:
                    live_dashboard("before: one row per record")
                one_indicator("before: one row per record")
            finally:
                for module in modules:
                    module.people_records = grouped
        if args.live:
            live_dashboard("people grouped in SQL")
        one_indicator("people grouped in SQL")
        begin = time.perf_counter()
        with translation.override("en"):
            stored_count = services.store_period(year)
        print(f"stored figures of 2026 filled in (a newly opened period): {time.perf_counter() - begin:.1f} s "
              f"({stored_count} values) [{load()}]", flush=True)  # fmt: skip
        # A burst of edits: a consultation saved marks every value of 2026 stale; the task refreshes them.
        consultation = Consultation.objects.filter(held_on__year=2026).order_by("pk").first()
        with transaction.atomic():
            consultation.save()
        begin = time.perf_counter()
        refreshed = services.refresh_stored()
        print(f"refresh after an edit (figures.tasks.refresh_stored_figures, stale values recomputed): "
              f"{time.perf_counter() - begin:.1f} s ({refreshed} values) [{load()}]", flush=True)  # fmt: skip
        for label, client, url, params in (
            ("dashboard 2026 (coordinator)", coordinator, "/en/staff/figures/", {"period": "year", "year": "2026"}),
            ("public figures 2026", visitor, "/en/figures/2026/", {}),
        ):
            client.get(url, params)  # warm up
            times, db_times, queries = [], [], set()
            for _ in range(args.requests):
                with CaptureQueriesContext(connection) as captured:
                    begin = time.perf_counter()
                    response = client.get(url, params)
                    times.append((time.perf_counter() - begin) * 1000)
                assert response.status_code == 200, response.status_code
                queries.add(len(captured))
                db_times.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
            times.sort()
            p95 = times[max(int(-(-0.95 * len(times) // 1)) - 1, 0)]
            print(
                f"| {n:,} | {sizes['calls']:,} | {sizes['enrolments']:,} | {label} | {statistics.median(times):.0f} | "
                f"{p95:.0f} | {statistics.median(db_times):.0f} | {'/'.join(map(str, sorted(queries)))} | {load()}"
            )
        exports = []
        for _ in range(3):
            with translation.override("en"), CaptureQueriesContext(connection) as captured:
                begin = time.perf_counter()
                content = export.workbook(period=periods.year(2026), centres=None, exact=True)
                exports.append(time.perf_counter() - begin)
        print(f"full XLSX export 2026 (coordinator): {', '.join(f'{t:.2f}' for t in exports)} s, "
              f"{len(captured)} queries, {len(content):,} bytes [{load()}]", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
