"""Queries per public page on the uncached path (issue 16): a fixed, small number, whatever the amount of
content. The whole-page cache is off here (PAGE_CACHE_SECONDS = 0): this is what a page costs when it is
rendered, e.g. for a signed-in member or the first visitor after a change. The layout's header and footer
are kept per content version, so the first request after a change reads them once; the second is measured."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from integra.core import pagecache
from integra.forum.tests.helpers import make_question
from integra.knowledge import services
from integra.topics.models import Topic

# The page, and its queries: each number is what the page needs, listed in docs/performance.md. Each page's
# main part is a fragment kept per language and content version (and filter, page number, minute where they
# matter), and what it is made from is read only when it is made: a page rendered again reads nothing.
PAGES = {
    "/en/": 0,  # the main part (centres, services, hotlines "open now") made again each minute
    "/en/info/a/health-insurance/": 0,  # the article and its related ones: once per content version
    "/en/info/healthcare/": 0,  # the topic and its articles: once per content version
    "/en/questions/": 0,  # the topics once per version; the page of questions when the fragment is made
    "QUESTION": 0,  # the question once per version; its answers when the fragment is made
    "/en/centres/": 0,
    "/en/centres/sofia/": 0,  # the centre once per version; its status each minute, with the main part
    "/en/events/": 0,  # the filters and the page of events each minute ("upcoming"), with the main part
    "/en/courses/": 0,
}


@pytest.fixture
def content(staff):
    coordinator = staff["coordinator"]
    for slug in ("health-insurance", "family-doctor"):
        article = services.article_create(
            user=coordinator, slug=slug, topic=Topic.objects.get(slug="healthcare"), source_language="en",
            title=slug.replace("-", " ").title(), summary="", body="Pay your contributions every month.",
        )  # fmt: skip
        translation = article.translations.get(language="en")
        services.translation_submit(translation=translation, user=coordinator)
        services.translation_approve(translation=translation, user=coordinator)
    return make_question(answered_by=coordinator)


def queries_of(client, path, *, after_a_change=False) -> int:
    assert client.get(path).status_code == 200  # the header and footer fragments for this version
    if after_a_change:
        pagecache.bump_content_version()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def path_of(path, question) -> str:
    return f"/en/questions/{question.pk}/" if path == "QUESTION" else path


def test_each_public_page_costs_a_fixed_small_number_of_queries(client, content, settings):
    settings.PAGE_CACHE_SECONDS = 0
    with time_machine.travel(timezone.now(), tick=False):  # the fragments made each minute stay made
        found = {path: queries_of(client, path_of(path, content)) for path in PAGES}
    assert found == PAGES


# The first request after a published change makes the page's fragments again (and the layout's header and
# footer): what each page reads then, also fixed whatever the amount of content.
AFTER_A_CHANGE = {
    "/en/": 5,  # centres, services, the hotlines with their hours and days (3)
    "/en/info/a/health-insurance/": 4,  # the article, its translations, related articles and theirs
    "/en/info/healthcare/": 3,  # the topic, its articles, their translations
    "/en/questions/": 3,  # topics, count, the page of questions
    "QUESTION": 3,  # the question, its answers, their linked articles
    "/en/centres/": 4,  # centres, their hours and services, the outreach places
    "/en/centres/sofia/": 7,  # the centre, its hours and services, its closed days, the hotlines (3)
    "/en/events/": 3,  # the filters' centres and places, the count (no event)
    "/en/courses/": 2,  # the filters' centres, the count (no group)
}


def test_the_first_request_after_a_change_costs_a_fixed_small_number_of_queries(client, content, settings):
    settings.PAGE_CACHE_SECONDS = 0
    found = {path: queries_of(client, path_of(path, content), after_a_change=True) for path in AFTER_A_CHANGE}
    assert found == AFTER_A_CHANGE
