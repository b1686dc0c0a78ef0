"""The public calendar costs the same number of queries with a few events and with many, on the first
page, a filtered page and a later page (the benchmark measures its latency with 10,000 events)."""

from datetime import timedelta

from django.utils import timezone

from integra.centres.models import Centre, Place
from integra.core import pagecache
from integra.events.models import Event

PAGES = ["/en/events/", "/en/events/?place=centre-sofia&language=ar", "/en/events/?page=2&kind=concert"]


def add_events(count: int, offset: int = 0) -> None:
    now = timezone.now()
    centres, places = list(Centre.objects.active()), list(Place.objects.all())
    Event.objects.bulk_create(
        Event(
            kind=[Event.Kind.CONCERT, Event.Kind.INFORMATION_DAY][i % 2],
            title={"en": f"Event {i}"},
            centre=centres[i % len(centres)],
            place=places[i % len(places)] if i % 3 == 0 else None,
            start=now + timedelta(hours=2 + i),
            end=now + timedelta(hours=4 + i),
            languages=["bg", "ar"],
        )
        for i in range(offset, offset + count)
    )


def queries(client, django_assert_max_num_queries, path: str) -> int:
    pagecache.bump_content_version()  # the page's main part (a fragment) made anew: what it reads is counted
    with django_assert_max_num_queries(50) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def test_the_calendar_costs_the_same_queries_with_45_and_with_1000_events(
    client, reference_data, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # the public page cache would answer the second time without the database
    add_events(45)
    client.get(PAGES[0])  # once before counting: what a process reads once (not per page) is not counted
    small = [queries(client, django_assert_max_num_queries, path) for path in PAGES]
    add_events(955, offset=45)
    large = [queries(client, django_assert_max_num_queries, path) for path in PAGES]
    assert small == large
