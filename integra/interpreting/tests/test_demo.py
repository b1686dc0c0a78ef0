"""The demo interpreting data loads once, with requests in every state."""

from integra.accounts import demo as accounts_demo
from integra.interpreting import demo
from integra.interpreting.models import Feedback, Mediator, Request


def test_the_demo_has_mediators_partners_and_requests_in_every_state_and_loads_once(reference_data):
    accounts_demo.load()
    demo.load()
    counts = (Mediator.objects.count(), Request.objects.count())
    demo.load()
    assert (Mediator.objects.count(), Request.objects.count()) == counts
    assert counts[0] == 12
    assert set(Request.objects.values_list("status", flat=True)) == set(Request.Status.values)
    assert Request.objects.filter(flagged_no_speaker=True, language="so").exists()
    assert {"institution", "client"} <= set(Feedback.objects.values_list("side", flat=True))
    languages = set(Mediator.objects.values_list("languages__language", flat=True))
    assert {"ar", "fa", "ku", "ti", "ru", "uk", "tr", "en"} <= languages
    assert set(Mediator.objects.values_list("centres__slug", flat=True)) == {"sofia", "burgas", "plovdiv", "kardzhali"}
