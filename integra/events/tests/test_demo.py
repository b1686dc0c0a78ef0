"""The demo events load once, deterministically, in the centres and the outreach towns."""

from django.utils import timezone

from integra.accounts import demo as accounts_demo
from integra.events import demo
from integra.events.models import Event, Feedback, PaperFeedback, Registration, TallyCount


def test_the_demo_has_past_and_upcoming_events_with_people_and_loads_once(reference_data):
    accounts_demo.load()
    demo.load()
    counts = (
        Event.objects.count(),
        Registration.objects.count(),
        sum(TallyCount.objects.values_list("count", flat=True)),
    )
    demo.load()
    assert (Event.objects.count(), Registration.objects.count()) == counts[:2]
    now = timezone.now()
    assert Event.objects.filter(end__lt=now).exists() and Event.objects.filter(start__gt=now).exists()
    assert set(Event.objects.values_list("centre__slug", flat=True)) == {"sofia", "plovdiv", "burgas", "kardzhali"}
    assert set(Event.objects.exclude(place=None).values_list("place__slug", flat=True)) == {
        "shumen",
        "varna",
        "blagoevgrad",
    }
    assert Registration.objects.filter(arrived_at__isnull=False).exists()
    assert Registration.objects.filter(source=Registration.Source.DOOR).exists()
    assert counts[2] > 0
    assert Feedback.objects.exists() and PaperFeedback.objects.exists()
    assert TallyCount.objects.exclude(nationality="").exists()
    for event in Event.objects.exclude(capacity=None):
        assert event.registered_count() <= event.capacity
