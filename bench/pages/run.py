"""Public page throughput against a bare Django view (issue 16), cached and uncached, and search latency
at 100,000 documents on SQLite and PostgreSQL, in one run.

    .venv/bin/python bench/pages/run.py [--rounds 3] [--seconds 4] [--connections 16] [--no-search]
                                        [--port 8771] [--redis-db 7]

Starts three gunicorn servers on 127.0.0.1, on --port and the two ports after it (two sync workers
each, DEBUG off, demo data on a bench SQLite file, a Redis cache in --redis-db): the bare baseline
(bench/pages/bare_settings.py: no app, no middleware), Integra with the page cache, and Integra with
PAGE_CACHE_SECONDS=0 (the uncached path). Each round runs wrk on the bare view, then on every page of
both Integra servers; the ratio of a page is its requests per second over the bare view's in the same
round, and the table shows the median ratio over the rounds.
Only one server is under load at a time; everything is stopped at the end. Then bench/knowledge_search.py
runs on var/bench-search.sqlite3 and on the PostgreSQL database integra_bench_search (created and filled on
the first run, then reused): p50/p95 of 400 queries in the visitor's language (common and rare words, words
in no document, punctuation), some falling back to every language.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.common import PRODUCTION_ENV, wait_until_up  # noqa: E402

SEARCH_LINE = re.compile(
    r"^\S+\s+(articles|forum) \(([\d,]+)\)\s+n=\d+ p50=([\d.]+) ms p95=([\d.]+) ms max=([\d.]+) ms"
)


def search_latency() -> list[tuple[str, str, str, str]]:
    """(database, documents, p50, p95) from bench/knowledge_search.py on each database."""
    import psycopg  # noqa: PLC0415 - only for the PostgreSQL database's existence

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = 'integra_bench_search'").fetchone():
            conn.execute("CREATE DATABASE integra_bench_search")
    rows = []
    for label, url in SEARCH_DATABASES:
        out = subprocess.run(
            [sys.executable, "bench/knowledge_search.py"], cwd=ROOT, check=True, capture_output=True, text=True,
            env={**os.environ, "DEBUG": "1", "DATABASE_URL": url, "PYTHONPATH": str(ROOT)},
        ).stdout  # fmt: skip
        for line in out.splitlines():
            found = SEARCH_LINE.match(line)
            if found:
                rows.append((label, f"{found.group(1)} ({found.group(2)})", found.group(3), found.group(4)))
    return rows


PAGES = [
    ("home", "/en/"),
    ("article", "/en/info/a/health-insurance/"),
    ("topic", "/en/info/healthcare/"),
    ("questions", "/en/questions/"),
    ("question", None),  # the first published question, found at start-up
    ("centres", "/en/centres/"),
    ("centre", "/en/centres/sofia/"),
    ("article (Arabic)", "/ar/info/a/health-insurance/"),
    ("events", "/en/events/"),
    ("courses", "/en/courses/"),
]
SEARCH_DATABASES = [
    ("SQLite FTS5", f"sqlite:///{ROOT}/var/bench-search.sqlite3"),
    ("PostgreSQL", "postgres://postgres@127.0.0.1:5432/integra_bench_search"),
]
ENV = {
    **PRODUCTION_ENV,
    "DATABASE_URL": f"sqlite:///{ROOT}/var/bench-pages.sqlite3",
    "PYTHONPATH": str(ROOT),
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",  # the demo sends mail; nothing leaves
}


def server(port: int, env: dict, settings: str = "config.settings") -> subprocess.Popen:
    return subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2",
         "--log-level", "warning"],
        cwd=ROOT, env={**os.environ, **env, "DJANGO_SETTINGS_MODULE": settings},
    )  # fmt: skip


def wrk(url: str, seconds: int, connections: int) -> float:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", url], capture_output=True, text=True, check=True
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error answers\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=4)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--no-search", action="store_true", help="only the pages")
    parser.add_argument("--port", type=int, default=8771, help="the bare server's; Integra's are the next two")
    parser.add_argument("--redis-db", type=int, default=7, help="the Redis database of the shared cache")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("This bench needs wrk (Debian: apt-get install wrk).")
    load_before = os.getloadavg()
    (ROOT / "var").mkdir(exist_ok=True)
    ENV["CACHE_URL"] = f"redis://127.0.0.1:6379/{args.redis_db}"
    env = {**os.environ, **ENV}
    bare_port, cached_port, uncached_port = args.port, args.port + 1, args.port + 2
    Path(ENV["DATABASE_URL"].removeprefix("sqlite:///")).unlink(missing_ok=True)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([sys.executable, "manage.py", "load_demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["redis-cli", "-n", str(args.redis_db), "flushdb"], check=True, stdout=subprocess.DEVNULL)
    question = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c",
         "from integra.forum.models import Question; print(Question.objects.published().order_by('pk').first().pk)"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    pages = [(name, path or f"/en/questions/{question}/") for name, path in PAGES]
    servers = [
        server(bare_port, {}, "bench.pages.bare_settings"),
        server(cached_port, ENV),
        server(uncached_port, {**ENV, "PAGE_CACHE_SECONDS": "0"}),
    ]
    try:
        wait_until_up(f"http://127.0.0.1:{bare_port}/bare")
        for port in (cached_port, uncached_port):
            wait_until_up(f"http://127.0.0.1:{port}/healthz")
            for _name, path in pages:  # warm up: templates, the page cache, the process
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10).read()
        ratios: dict[tuple[str, str], list[float]] = {}
        bares = []
        for _round in range(args.rounds):
            bare = wrk(f"http://127.0.0.1:{bare_port}/bare", args.seconds, args.connections)
            bares.append(bare)
            for mode, port in (("cached", cached_port), ("uncached", uncached_port)):
                for name, path in pages:
                    rps = wrk(f"http://127.0.0.1:{port}{path}", args.seconds, args.connections)
                    ratios.setdefault((name, mode), []).append(rps / bare)
    finally:
        for process in servers:
            process.terminate()
        for process in servers:
            process.wait(timeout=30)
    searches = [] if args.no_search else search_latency()
    load_after = os.getloadavg()
    print(f"load average before {load_before[0]:.1f}, after {load_after[0]:.1f} (1 minute), {os.cpu_count()} CPUs")
    print(f"bare view (no app, no middleware): median {statistics.median(bares):.0f} req/s over {args.rounds} rounds")
    print("| page | cached (× bare) | uncached (× bare) |")
    print("|---|---|---|")
    for name, _path in pages:
        cached = statistics.median(ratios[(name, "cached")])
        uncached = statistics.median(ratios[(name, "uncached")])
        print(f"| {name} | {cached:.2f} | {uncached:.3f} |")
    if searches:
        print("\n| database | documents searched | p50 ms | p95 ms (target ≤ 50) |")
        print("|---|---|---|---|")
        for label, documents, p50, p95 in searches:
            print(f"| {label} | {documents} | {p50} | {p95} |")


if __name__ == "__main__":
    main()
