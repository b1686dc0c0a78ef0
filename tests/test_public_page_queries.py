"""Queries per public page on the uncached path (issue 16): a fixed, small number, whatever the amount of
content. The whole-page cache is off here (PAGE_CACHE_SECONDS = 0): this is what a page costs when it is
rendered, e.g. for a signed-in member or the first visitor after a change. The layout's header and footer
are kept per content version, so the first request after a change reads them once; the second is measured."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integra.forum.tests.helpers import make_question
from integra.knowledge import services
from integra.topics.models import Topic

# The page, and its queries: each number is what the page needs, listed in docs/performance.md.
PAGES = {
    "/en/": 2,  # centres, services (the hotlines and their hours: once per content version)
    "/en/info/a/health-insurance/": 0,  # the article and its related ones: once per content version
    "/en/info/healthcare/": 1,  # the topic (its articles: once per content version)
    "/en/questions/": 3,
    "QUESTION": 3,
    "/en/centres/": 4,
    "/en/centres/sofia/": 4,
    "/en/events/": 3,
    "/en/courses/": 2,
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


def queries_of(client, path) -> int:
    assert client.get(path).status_code == 200  # the header and footer fragments for this version
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_each_public_page_costs_a_fixed_small_number_of_queries(client, content, settings):
    settings.PAGE_CACHE_SECONDS = 0
    found = {path: queries_of(client, f"/en/questions/{content.pk}/" if path == "QUESTION" else path) for path in PAGES}
    assert found == PAGES
