"""Search latency (issue 4): p50/p95 of integra.knowledge.search with 10,000 article translations and
100,000 forum-sized documents in the index, on the database DATABASE_URL names.

    DEBUG=1 DATABASE_URL=sqlite:///var/bench-knowledge.sqlite3 .venv/bin/python bench/knowledge_search.py
    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/integra_bench_knowledge \
        .venv/bin/python bench/knowledge_search.py

The database is migrated and filled on the first run (a separate bench database: never production).
Documents are made from the demo articles' words in all seven languages, so term frequencies are
realistic-ish; articles have ~300 words, forum documents ~80.
"""

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


def main() -> None:
    call_command("migrate", verbosity=0)
    words = vocabulary()
    started = time.perf_counter()
    fill(words)
    with connection.cursor() as cursor:  # fresh statistics, as autovacuum / a periodic ANALYZE would give
        cursor.execute("ANALYZE knowledge_searchdocument")
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
        queries.append((query, language))
    for kinds, label in ((["bench-article"], "articles (10,000)"), (["bench-forum"], "forum (100,000)")):
        timings = []
        for query, language in queries:
            t0 = time.perf_counter()
            search.search(query, kinds=kinds, language=language, limit=20)
            timings.append((time.perf_counter() - t0) * 1000)
        print(
            f"{connection.vendor:10s} {label:18s} n={len(timings)} p50={statistics.median(timings):.1f} ms "
            f"p95={percentile(timings, 95):.1f} ms max={max(timings):.1f} ms"
        )


if __name__ == "__main__":
    main()
