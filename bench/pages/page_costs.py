"""What each public page costs in this process, uncached (issue 16): function calls, queries and time per
request through the Django test client with the production middleware and settings, the page cache off.
Function calls per request are a measure that the machine's load does not blur; the milliseconds are for
context only.

    DEBUG=0 PAGE_CACHE_SECONDS=0 DATABASE_URL=sqlite:///var/profile.sqlite3 CACHE_URL=redis://… \\
        .venv/bin/python bench/pages/page_costs.py [--requests 30] [--top PAGE] [--lines 40]

The database needs the demo data (manage.py migrate; manage.py load_demo). /bench/bare is Integra's
middleware around a view returning "ok" (bench/knowledge_urls.py). --top PAGE prints the functions of
that page sorted by their own time (by cumulative time with --cumulative, by calls with --by-calls).
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from bench.pages.run import PAGES  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--top", help="a page's name: print its most costly functions")
    parser.add_argument("--cumulative", action="store_true")
    parser.add_argument("--by-calls", action="store_true")
    parser.add_argument("--lines", type=int, default=40)
    args = parser.parse_args()
    from integra.forum.models import Question  # noqa: PLC0415 - after django.setup()

    question = Question.objects.published().order_by("pk").first().pk
    pages = [("middleware + ok", "/bench/bare")]
    pages += [(name, path or f"/en/questions/{question}/") for name, path in PAGES]
    with override_settings(ROOT_URLCONF="bench.knowledge_urls", PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=["testserver"]):
        client = Client()
        print(f"page cache seconds {settings.PAGE_CACHE_SECONDS}, DEBUG {settings.DEBUG}")
        print(f"{'page':<20} {'calls/req':>10} {'queries':>8} {'ms/req':>8} {'KB':>6}")
        for name, path in pages:
            for _ in range(3):
                response = client.get(path)
                assert response.status_code == 200, (path, response.status_code)
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            count = len(queries)  # now: the next request empties the log
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(5):
                client.get(path)
            profile.disable()
            stats = pstats.Stats(profile)
            calls = stats.total_calls // 5
            start = time.perf_counter()
            for _ in range(args.requests):
                client.get(path)
            ms = (time.perf_counter() - start) * 1000 / args.requests
            size = len(response.content) / 1024
            print(f"{name:<20} {calls:>10,} {count:>8} {ms:>8.2f} {size:>6.1f}")
            if args.top == name:
                order = "cumulative" if args.cumulative else ("ncalls" if args.by_calls else "tottime")
                stats.sort_stats(order).print_stats(args.lines)


if __name__ == "__main__":
    main()
