"""Whole public pages cached for visitors without a session (issue 16, integra/core/pagecache.py):
each correctness rule through HTTP."""

import pytest
from django.core.cache import cache

from integra.centres.models import Centre
from integra.core import pagecache
from integra.knowledge import services
from tests.base import signed_in

ARTICLE = "/en/info/a/health-insurance/"


@pytest.fixture
def article(publish):
    return publish("health-insurance", {"en": ("Health insurance", "Pay your contributions.")})


def test_the_second_visitor_gets_the_page_from_memory_without_a_query(client, article, django_assert_num_queries):
    first = client.get(ARTICLE)
    assert first["X-Integra-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(ARTICLE)
    assert second["X-Integra-Cache"] == "hit"
    assert second.content == first.content
    assert not second.cookies and "csrfmiddlewaretoken" not in second.content.decode()
    assert second["Content-Security-Policy"] and second["X-Frame-Options"] == "DENY"


def test_a_published_change_appears_at_once(client, article, staff):
    client.get(ARTICLE)
    translation = article.translations.get(language="en")
    translation = services.translation_save(
        article=article, language="en", user=staff["coordinator"], title="Health insurance",
        summary="", body="Contributions are due monthly.",
    )  # fmt: skip
    services.translation_submit(translation=translation, user=staff["coordinator"])
    services.translation_approve(translation=translation, user=staff["coordinator"])
    response = client.get(ARTICLE)
    assert response["X-Integra-Cache"] == "miss"
    assert "Contributions are due monthly." in response.content.decode()


def test_a_centre_edited_anywhere_shows_on_the_next_request(client, reference_data):
    client.get("/en/centres/sofia/")
    centre = Centre.objects.get(slug="sofia")
    centre.phone = "+35929390000"
    centre.save()
    assert "29390000" in client.get("/en/centres/sofia/").content.decode().replace(" ", "")


def test_another_process_sees_a_change_within_the_version_interval(client, article, settings):
    settings.PAGE_CACHE_VERSION_SECONDS = 0  # this test process stands for another one: it re-reads at once
    client.get(ARTICLE)
    assert client.get(ARTICLE)["X-Integra-Cache"] == "hit"
    cache.incr(pagecache.VERSION_KEY)  # what a save in another process does to the shared cache
    assert client.get(ARTICLE)["X-Integra-Cache"] == "miss"


def test_a_page_rendered_by_one_process_is_a_hit_in_another_through_the_shared_cache(client, article):
    client.get(ARTICLE)
    pagecache.memory.entries.clear()  # a second process: nothing in its memory yet
    assert client.get(ARTICLE)["X-Integra-Cache"] == "hit"


def test_a_signed_in_person_never_gets_a_cached_page_and_their_page_is_never_stored(client, article, staff):
    client.get(ARTICLE)  # cached for visitors
    signed_in(client, staff["member"])
    mine = client.get(ARTICLE)
    assert "X-Integra-Cache" not in mine
    assert "Sign out" in mine.content.decode()
    client.logout()
    client.cookies.clear()
    anonymous = client.get(ARTICLE)
    assert "Sign out" not in anonymous.content.decode()


def test_a_page_with_a_form_token_is_never_stored(client, reference_data):
    first = client.get("/en/book/change/")
    assert "csrfmiddlewaretoken" in first.content.decode()
    client.cookies.clear()
    second = client.get("/en/book/change/")
    assert second.get("X-Integra-Cache") != "hit"


def test_a_visitor_with_messages_or_a_session_skips_the_cache(client, article):
    client.get(ARTICLE)
    client.cookies["messages"] = "something"
    assert "X-Integra-Cache" not in client.get(ARTICLE)
    del client.cookies["messages"]
    client.cookies["sessionid"] = "abc"
    assert "X-Integra-Cache" not in client.get(ARTICLE)


@pytest.mark.parametrize("path", ["/en/staff/", "/api/v1/centres", "/healthz", "/hsds/services"])
def test_the_back_office_the_api_and_health_are_never_cached(client, reference_data, path):
    client.get(path)
    assert "X-Integra-Cache" not in client.get(path)


def test_the_feedback_form_works_on_a_cached_page_without_a_token(client, article):
    client.get(ARTICLE)
    page = client.get(ARTICLE)
    assert page["X-Integra-Cache"] == "hit"
    response = client.post(f"{ARTICLE}feedback/", {"helpful": "yes"})
    assert response.status_code == 302 and response["Location"].endswith("?feedback=thanks#feedback")
    assert article.feedback.count() == 1


def test_feedback_is_rate_limited_per_address_keeping_the_text(client, article, settings):
    settings.KNOWLEDGE_RATE_LIMITS = {"feedback": (1, 3600)}
    client.post(f"{ARTICLE}feedback/", {"helpful": "yes"})
    refused = client.post(f"{ARTICLE}feedback/", {"helpful": "no", "comment": "The phone number is wrong"})
    assert refused.status_code == 429
    assert "Too many answers" in refused.content.decode() and "The phone number is wrong" in refused.content.decode()
    assert article.feedback.count() == 1


def test_the_cache_can_be_turned_off(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(ARTICLE)
    assert "X-Integra-Cache" not in client.get(ARTICLE)


def test_a_change_bumps_the_version_again_when_its_transaction_commits(
    article, staff, django_capture_on_commit_callbacks
):
    """A process rendering between the save and the commit reads the old rows under the new version; the bump at
    commit makes what it kept stale, so the change is never hidden until the entry expires."""
    before = pagecache.content_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.translation_save(
            article=article, language="en", user=staff["coordinator"], title="Health insurance",
            summary="", body="Contributions are due monthly.",
        )  # fmt: skip
    during = pagecache.content_version()
    assert during > before  # this process sees its own change at once
    assert callbacks, "nothing bumps the version when the transaction commits"
    for callback in callbacks:
        callback()
    assert pagecache.content_version() > during


def test_new_opening_hours_alone_show_on_the_centre_page_at_once(client, reference_data, staff):
    from datetime import time

    from integra.centres.services import centre_update

    centre = Centre.objects.get(slug="sofia")
    centre.opening_hours.all().delete()
    client.get("/en/centres/sofia/")
    assert client.get("/en/centres/sofia/")["X-Integra-Cache"] == "hit"
    centre_update(centre=centre, opening_hours=[(6, time(7, 15), time(8, 45))])  # bulk_create: no post_save
    response = client.get("/en/centres/sofia/")
    assert response["X-Integra-Cache"] == "miss"
    assert "07:15" in response.content.decode() or "7:15" in response.content.decode()
