"""The main part of each public page is a fragment kept in process memory per language, content version and
what else it depends on (issue 16, {% fragment %} in the apps' templates): what the uncached path serves
stays correct. The whole-page cache is off in these tests (PAGE_CACHE_SECONDS = 0), so every answer below is
rendered, and its main part comes from the fragment when one is kept."""

from datetime import datetime, time

import pytest
import time_machine
from django.template import engines
from django.test import RequestFactory
from django.utils import timezone

from integra.centres.models import Centre, OpeningHours
from integra.core import pagecache
from integra.events.models import Event
from integra.events.tests.conftest import make_event
from integra.forum.tests.helpers import make_question
from integra.knowledge import services
from integra.topics.models import Topic
from tests.base import make_user, signed_in

ARTICLE = "/en/info/a/health-insurance/"


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.PAGE_CACHE_SECONDS = 0


def publish(user, title, body, *, arabic=None, slug="health-insurance"):
    """A published article in English (and in Arabic: arabic=(title, body))."""
    article = services.article_create(
        user=user, slug=slug, topic=Topic.objects.get(slug="healthcare"), source_language="en",
        title=title, summary="", body=body,
    )  # fmt: skip
    for code, (text_title, text_body) in {"en": (title, body), **({"ar": arabic} if arabic else {})}.items():
        translation = services.translation_save(
            article=article, language=code, user=user, title=text_title, summary="", body=text_body
        )  # fmt: skip
        services.translation_submit(translation=translation, user=user)
        services.translation_approve(translation=translation, user=user)
    return article


def kept_fragments(name: str) -> list:
    return [key for key in pagecache.memory.fragments if key[1:3] == ("fragment", name)]


def test_a_published_change_appears_at_once_on_the_uncached_path(client, staff):
    coordinator = staff["coordinator"]
    article = publish(coordinator, "Health insurance", "Pay your contributions every month.")
    assert "every month" in client.get(ARTICLE).content.decode()
    assert kept_fragments("article")
    translation = services.translation_save(
        article=article, language="en", user=coordinator, title="Health insurance",
        summary="", body="Contributions are due on the 25th.",
    )  # fmt: skip
    services.translation_submit(translation=translation, user=coordinator)
    services.translation_approve(translation=translation, user=coordinator)
    page = client.get(ARTICLE).content.decode()
    assert "due on the 25th" in page and "every month" not in page
    topic = client.get("/en/info/healthcare/").content.decode()
    assert "Health insurance" in topic


def test_a_centre_edited_shows_on_the_next_uncached_request(client, reference_data):
    assert client.get("/en/centres/sofia/").status_code == 200
    centre = Centre.objects.get(slug="sofia")
    centre.phone = "+35929390000"
    centre.save()
    for path in ("/en/centres/sofia/", "/en/centres/", "/en/"):
        assert "29390000" in client.get(path).content.decode().replace(" ", ""), path


def test_open_now_follows_the_clock_within_one_content_version(client, reference_data):
    centre = Centre.objects.get(slug="sofia")
    centre.opening_hours.all().delete()
    wednesday = datetime(2026, 12, 2, tzinfo=timezone.get_current_timezone())
    OpeningHours.objects.create(centre=centre, weekday=wednesday.weekday(), opens=time(9), closes=time(17))
    with time_machine.travel(wednesday.replace(hour=16, minute=59, second=30), tick=False):
        assert "Open now, until 17:00" in centre_today(client)
    with time_machine.travel(wednesday.replace(hour=17, second=10), tick=False):  # the next minute, no save
        today = centre_today(client)
    assert "Open now" not in today and "Closed now" in today


def centre_today(client) -> str:
    """The centre page's "Today" panel (the hotlines' own status is further down)."""
    page = client.get("/en/centres/sofia/").content.decode()
    return page.split('class="panel centre-now"', 1)[1].split("</section>", 1)[0]


def test_the_asker_sees_their_accept_forms_and_no_one_else_gets_them(client, staff):
    question = make_question(member=staff["member"], answered_by=staff["consultant.sofia"])
    path = f"/en/questions/{question.pk}/"
    assert "Accept this answer" not in client.get(path).content.decode()  # a visitor: the public fragment
    signed_in(client, staff["member"])
    mine = client.get(path).content.decode()
    assert "Accept this answer" in mine and "csrfmiddlewaretoken" in mine
    client.logout()
    signed_in(client, make_user("another-member"))  # signed in, not the asker: the public part only
    other = main_part(client.get(path))  # (their header has their own sign-out form and token)
    assert "Accept this answer" not in other and "csrfmiddlewaretoken" not in other
    client.logout()
    client.cookies.clear()
    assert "Accept this answer" not in client.get(path).content.decode()


def main_part(response) -> str:
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def test_a_fragment_holding_a_form_token_is_never_kept(db):
    template = engines["django"].from_string(
        '{% load integra %}{% fragment "test-form" %}<form method="post">{% csrf_token %}</form>{% endfragment %}'
    )
    request = RequestFactory().get("/en/")
    first = template.render({}, request)
    assert "csrfmiddlewaretoken" in first
    assert not kept_fragments("test-form")
    assert template.render({}, RequestFactory().get("/en/")) != first  # each visitor's own token


def test_a_fragment_is_kept_per_key_and_language(db):
    template = engines["django"].from_string('{% load integra %}{% fragment "test-keys" n %}n={{ n }}{% endfragment %}')
    assert template.render({"n": 1}) == "n=1"
    assert template.render({"n": 2}) == "n=2"  # another key, another fragment
    assert len(kept_fragments("test-keys")) == 2


def test_each_filter_and_page_of_a_list_is_a_fragment_of_its_own(client, reference_data):
    make_event(kind=Event.Kind.CONCERT, title={"en": "Concert of the choir"})
    make_event(title={"en": "Residence day"})
    everything = client.get("/en/events/").content.decode()
    assert "Concert of the choir" in everything and "Residence day" in everything
    concerts = client.get("/en/events/?kind=concert").content.decode()
    assert "Concert of the choir" in concerts and "Residence day" not in concerts
    assert "Residence day" in client.get("/en/events/").content.decode()
    refused = client.get("/en/events/?kind=nonsense")  # an unknown filter: the form's error, as before
    assert "Error:" in refused.content.decode().split("</title>")[0]
    assert "Error:" not in client.get("/en/events/").content.decode().split("</title>")[0]


def test_an_event_that_is_over_leaves_the_list_at_the_next_minute(client, reference_data):
    event = make_event(days=1, hours=1, title={"en": "Information morning"})
    with time_machine.travel(event.end - timezone.timedelta(seconds=30), tick=False):
        assert "Information morning" in client.get("/en/events/").content.decode()
    with time_machine.travel(event.end + timezone.timedelta(seconds=40), tick=False):
        assert "Information morning" not in client.get("/en/events/").content.decode()


def test_arabic_pages_stay_right_to_left_and_languages_never_mix(client, staff):
    publish(
        staff["coordinator"], "Health insurance", "Pay your contributions every month.",
        arabic=("التأمين الصحي", "ادفع اشتراكاتك كل شهر."),
    )  # fmt: skip
    english = client.get(ARTICLE).content.decode()
    arabic = client.get("/ar/info/a/health-insurance/").content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic and "ادفع اشتراكاتك" in arabic and "every month" not in arabic
    assert '<html lang="en" dir="ltr">' in english and "every month" in english and "ادفع" not in english
    assert client.get(ARTICLE).content.decode() == english  # the English fragment, not the Arabic one
    for path in ("/ar/", "/ar/centres/", "/ar/centres/sofia/", "/ar/questions/", "/ar/events/", "/ar/courses/"):
        response = client.get(path)
        assert '<html lang="ar" dir="rtl">' in response.content.decode(), path
        assert len(response.content) <= 50 * 1024, path


def test_the_article_feedback_form_works_and_its_errors_are_never_kept(client, staff):
    publish(staff["coordinator"], "Health insurance", "Pay your contributions every month.")
    assert client.get(ARTICLE).status_code == 200  # the page's main part kept, with an empty form
    refused = client.post(f"{ARTICLE}feedback/", {"comment": "Too short"})  # no token needed, no answer chosen
    assert refused.status_code == 400 and "Choose yes or no." in refused.content.decode()
    page = client.get(ARTICLE).content.decode()
    assert "Choose yes or no." not in page and "Too short" not in page
    sent = client.post(f"{ARTICLE}feedback/", {"helpful": "yes"})
    assert sent.status_code == 302 and sent["Location"].endswith("?feedback=thanks#feedback")
    thanks = client.get(sent["Location"]).content.decode()
    assert "Thank you. Your answer helps us improve these pages." in thanks
    assert "Thank you" not in client.get(ARTICLE).content.decode()


def test_a_signed_in_member_gets_their_own_header_around_the_public_part(client, staff):
    publish(staff["coordinator"], "Health insurance", "Pay your contributions every month.")
    client.get(ARTICLE)
    signed_in(client, staff["member"])
    mine = client.get(ARTICLE).content.decode()
    assert "Sign out" in mine and "every month" in mine
    client.logout()
    client.cookies.clear()
    assert "Sign out" not in client.get(ARTICLE).content.decode()
