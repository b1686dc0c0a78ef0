"""Forum benchmark: question list and question page throughput with many questions, as a ratio to a
bare Django view measured in the same run, plus the number of queries per page as the data grows.

    .venv/bin/python -m bench.forum.run [--questions 100000] [--seconds 5]

Runs in-process through Django's full request stack (WSGI handler, all middleware, templates) with
DEBUG off, against its own SQLite file var/bench_forum.sqlite3 (or DATABASE_URL if set). No server.
"""

import argparse
import base64
import os
import random
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench_forum.sqlite3'}")
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(60))
os.environ.setdefault("FIELD_ENCRYPTION_KEY", base64.b64encode(os.urandom(32)).decode())
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.forum.settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from integra.forum.models import Answer, Question  # noqa: E402
from integra.topics.models import Topic  # noqa: E402
from tests.base import load_reference_data  # noqa: E402

LANGUAGES = ["bg", "en", "ar", "fa", "ru", "uk", "tr"]


def seed(total: int) -> None:
    have = Question.objects.count()
    if have >= total:
        return
    topics = list(Topic.objects.all())
    now = timezone.now()
    batch = 5000
    for start in range(have, total, batch):
        questions = []
        for n in range(start, min(start + batch, total)):
            moment = now - timezone.timedelta(minutes=total - n)
            questions.append(
                Question(
                    title=f"Question {n} about residence permits and health insurance",
                    body="How long does it take and which documents do I need? " * 5,
                    topic=topics[n % len(topics)],
                    language=LANGUAGES[n % len(LANGUAGES)],
                    status=Question.Status.PUBLISHED,
                    published_at=moment,
                    first_answered_at=moment if n % 5 else None,
                )
            )
        created = Question.objects.bulk_create(questions)
        if connection.vendor != "postgresql":  # SQLite returns the keys too since Django 4.x, keep it simple
            created = list(Question.objects.filter(pk__gte=created[0].pk or 0).order_by("pk")[: len(questions)])
        Answer.objects.bulk_create(
            [
                Answer(question=q, author_role="consultant", body="Go to the Migration Directorate with your passport.")
                for q in created
                if q.first_answered_at
            ]
        )


def throughput(client: Client, urls: list[str], seconds: float, status: int = 200) -> float:
    for url in urls[:3]:
        assert client.get(url).status_code == status, url
    done, deadline = 0, time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        response = client.get(urls[done % len(urls)])
        assert response.status_code == status
        done += 1
    return done / seconds


def queries(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if not Topic.objects.exists():
        load_reference_data()
    client = Client()
    counts = {}
    for size in sorted({1_000, args.questions}):
        seed(size)
        pk = Question.objects.published().order_by("pk").values_list("pk", flat=True)[size // 2]
        counts[size] = (queries(client, "/en/questions/"), queries(client, f"/en/questions/{pk}/"))
    pks = list(Question.objects.published().values_list("pk", flat=True))
    rng = random.Random(5)
    pages = [f"/en/questions/{pk}/" for pk in rng.sample(pks, 200)]
    lists = [f"/en/questions/?page={p}" for p in (1, 2, 3, 50, 500)] + ["/en/questions/?topic=healthcare"]
    bare = throughput(client, ["/bench/bare/"], args.seconds)
    # The site's layout alone (base.html: header, language links, footer): the private-link "not found" page.
    layout = throughput(client, ["/en/questions/private/no-such-link/"], args.seconds, status=404)
    listing = throughput(client, lists, args.seconds)
    page = throughput(client, pages, args.seconds)
    print(f"questions: {Question.objects.count()}, database: {connection.vendor}")
    print("| page | requests/s | ratio to bare view |")
    print("|---|---|---|")
    print(f"| bare Django view | {bare:.0f} | 1.00 |")
    print(f"| layout only (base template, one query) | {layout:.0f} | {layout / bare:.2f} |")
    print(f"| question list | {listing:.0f} | {listing / bare:.2f} |")
    print(f"| question page | {page:.0f} | {page / bare:.2f} |")
    print("| questions in the database | queries: list | queries: question page |")
    print("|---|---|---|")
    for size, (list_queries, page_queries) in counts.items():
        print(f"| {size} | {list_queries} | {page_queries} |")


if __name__ == "__main__":
    main()
