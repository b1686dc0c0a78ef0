"""Search latency (issue 4): p50/p95 of integra.knowledge.search with 10,000 article translations and
100,000 forum-sized documents in the index, on the database DATABASE_URL names (any name: create an empty
PostgreSQL database first, e.g. `createdb -h 127.0.0.1 -U postgres integra_pgsearch_bench`).

    DEBUG=1 DATABASE_URL=sqlite:///var/bench-pgsearch.sqlite3 .venv/bin/python bench/knowledge_search.py
    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/integra_pgsearch_bench \
        .venv/bin/python bench/knowledge_search.py [--explain WORD]

--explain WORD prints PostgreSQL's EXPLAIN (ANALYZE, BUFFERS) of the matching statement for WORD in the
English forum documents (heap pages read: "Heap Blocks"), then runs the bench as usual.

The database is migrated and filled on the first run (a separate bench database: never production).
Documents are made from the demo articles' words in all seven languages, so term frequencies are
realistic-ish; articles have ~300 words, forum documents ~80.
"""

import argparse
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from integra.knowledge import search  # noqa: E402
from integra.knowledge.demo_content import ARTICLES  # noqa: E402
from integra.knowledge.models import SearchDocument  # noqa: E402

ARTICLE_DOCS = 10_000
FORUM_DOCS = 100_000
QUERIES = 400
LANGUAGES = ["bg", "en", "ar", "fa", "ru", "uk", "tr"]


def vocabulary() -> dict[str, list[str]]:
    words: dict[str, list[str]] = {code: [] for code in LANGUAGES}
    for _slug, _topic, texts in ARTICLES:
        for language, (title, summary, body) in texts.items():
            words[language] += re.findall(r"[^\W_]{3,}", re.sub(r"<[^>]+>", " ", f"{title} {summary} {body}"))
    for language in LANGUAGES:  # languages with few demo texts borrow English words (only frequencies matter)
        if len(words[language]) < 200:
            words[language] += words["en"]
    return words


def fill(words: dict[str, list[str]]) -> None:
    rng = random.Random(4)
    backend = search.get_backend()
    configs = {code: backend.config_for(code) for code in LANGUAGES}

    def batch(kind, start, count, length):
        rows = []
        for i in range(start, start + count):
            language = LANGUAGES[i % len(LANGUAGES)]
            vocab = words[language]
            rows.append(
                SearchDocument(
                    kind=kind,
                    key=str(i),
                    language=language,
                    config=configs[language],
                    title=" ".join(rng.choices(vocab, k=6)),
                    body=" ".join(rng.choices(vocab, k=length)),
                )
            )
        return rows

    for kind, total, length in (("bench-article", ARTICLE_DOCS, 300), ("bench-forum", FORUM_DOCS, 80)):
        done = SearchDocument.objects.filter(kind=kind).count()
        while done < total:
            count = min(5_000, total - done)
            with transaction.atomic():
                SearchDocument.objects.bulk_create(batch(kind, done, count, length))
            done += count
            print(f"  {kind}: {done}/{total}", flush=True)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def explain(word: str) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of the statements a search for `word` in the English forum makes."""
    real_cursor = connection.cursor

    class Explaining:
        def __init__(self):
            self.cursor = real_cursor()

        def __enter__(self):
            self.cursor.__enter__()
            return self

        def __exit__(self, *exc):
            return self.cursor.__exit__(*exc)

        def execute(self, sql, params=None):
            self.cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            print("\n".join(row[0] for row in self.cursor.fetchall()))
            return self.cursor.execute(sql, params)

        def fetchall(self):
            return self.cursor.fetchall()

    connection.cursor = Explaining
    try:
        search.get_backend().search([word], ["bench-forum"], "en", 20, 0, True)
    finally:
        connection.cursor = real_cursor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--explain", metavar="WORD", help="print EXPLAIN (ANALYZE, BUFFERS) for WORD (PostgreSQL)")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    words = vocabulary()
    started = time.perf_counter()
    fill(words)
    # As autovacuum leaves the tables after a bulk fill: statistics and the visibility map.
    existing = connection.introspection.table_names()
    tables = [t for t in ("knowledge_searchdocument", "knowledge_searchmatch") if t in existing]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(("VACUUM " if connection.vendor == "postgresql" else "") + f"ANALYZE {table}")
    if args.explain and connection.vendor == "postgresql":
        explain(args.explain)
    print(f"index ready in {time.perf_counter() - started:.1f}s: {SearchDocument.objects.count()} documents")
    rng = random.Random(11)
    queries = []
    for i in range(QUERIES):
        language = LANGUAGES[i % len(LANGUAGES)]
        n = rng.choice([1, 1, 2, 2, 3])
        query = " ".join(rng.choices(words[language], k=n))
        if i % 10 == 0:
            query = "zzzqx " + query  # no document has every word: the any-word pass runs too
        if i % 25 == 0:
            query = "?!" * 500  # punctuation only, 1,000 characters
        elif i % 5 == 2:  # typed in another language than the interface's: found by the fallback to every language
            query = " ".join(rng.choices(words[LANGUAGES[(i + 3) % len(LANGUAGES)]], k=n))
        queries.append((query, language))
    for kinds, label in ((["bench-article"], "articles (10,000)"), (["bench-forum"], "forum (100,000)")):
        timings, own, fell_back = [], [], []
        for query, language in queries:
            t0 = time.perf_counter()
            results = search.search(query, kinds=kinds, language=language, limit=20)
            timings.append((time.perf_counter() - t0) * 1000)
            (fell_back if results.fell_back else own).append(timings[-1])
        print(
            f"{connection.vendor:10s} {label:18s} n={len(timings)} p50={statistics.median(timings):.1f} ms "
            f"p95={percentile(timings, 95):.1f} ms max={max(timings):.1f} ms; answered in the interface's "
            f"language n={len(own)} p95={percentile(own, 95):.1f} ms, fell back to every language "
            f"n={len(fell_back)} p95={percentile(fell_back or [0], 95):.1f} ms"
        )


if __name__ == "__main__":
    main()
