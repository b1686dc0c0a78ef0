"""Public information pages, as visitors use them (no JavaScript needed)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integra.knowledge.models import ArticleFeedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(publish):
    related = publish("bulgarian-courses", {"en": ("Bulgarian courses", "Free courses.")}, topic="language-culture")
    article = publish(
        "health-insurance",
        {
            "en": ("Health insurance", "<p>Pay your <strong>contributions</strong>.<script>alert(1)</script>"),
            "bg": ("Здравно осигуряване", "Плащайте вноските си."),
        },
        summary="Who pays.",
    )
    article.related.add(related)
    return article


def test_the_topics_page_lists_topics_with_articles(client, article):
    response = client.get("/en/info/")
    assert response.status_code == 200
    assert "Healthcare" in response.text
    assert "/en/info/healthcare/" in response.text


def test_a_topic_page_lists_its_articles_in_the_visitors_language(client, article):
    response = client.get("/bg/info/healthcare/")
    assert "Здравно осигуряване" in response.text


def test_an_article_shows_its_text_last_review_related_articles_share_links_and_feedback(client, article):
    response = client.get("/en/info/a/health-insurance/")
    assert response.status_code == 200
    text = response.text
    assert "<strong>contributions</strong>" in text
    assert "<script>alert(1)" not in text
    assert "Last reviewed on" in text
    # Every language's alternate as an absolute URL (issue 11 item 11).
    assert '<link rel="alternate" hreflang="bg" href="http://testserver/bg/info/a/health-insurance/">' in text
    assert "Bulgarian courses" in text
    for share in ("https://wa.me/?text=", "viber://forward?text=", "https://t.me/share/url?url=", "mailto:?subject="):
        assert share in text
    assert 'id="share-link"' in text
    assert "Was this page helpful?" in text
    assert "Help us improve this page" in text
    assert "/en/info/a/health-insurance/print/" in text


def test_an_article_page_stays_within_the_first_load_budget_and_needs_no_script(client, article, settings):
    response = client.get("/en/info/a/health-insurance/")
    css = (settings.BASE_DIR / "static" / "css" / "integra.css").stat().st_size
    assert "<script" not in response.text
    assert len(response.content) + css < 100_000


def test_an_article_missing_in_the_visitors_language_is_shown_in_another_with_a_notice_and_links(client, article):
    response = client.get("/fa/info/a/health-insurance/")
    assert response.status_code == 200
    text = response.text
    assert 'lang="en"' in text
    assert "Health insurance" in text
    assert 'href="/en/info/a/health-insurance/"' in text
    assert 'href="/bg/info/a/health-insurance/"' in text
    assert 'class="panel notice no-print"' in text


def test_an_unknown_article_is_a_helpful_404_in_the_visitors_language_with_a_search_box(client, article):
    response = client.get("/bg/info/a/no-such-article/")
    assert response.status_code == 404
    assert 'role="search"' in response.text
    assert 'action="/bg/info/search/"' in response.text
    assert '<html lang="bg"' in response.text


def test_an_article_with_no_published_text_is_not_found(client, editor):
    from integra.knowledge import services
    from integra.topics.models import Topic

    services.article_create(
        user=editor, slug="draft", topic=Topic.objects.get(slug="healthcare"), source_language="en", title="D", body="x"
    )
    assert client.get("/en/info/a/draft/").status_code == 404


def test_was_this_helpful_keeps_the_answer_and_comment_and_nothing_about_the_visitor(client, article):
    response = client.post(
        "/en/info/a/health-insurance/feedback/", {"helpful": "no", "comment": "Please add the forms."}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?feedback=thanks#feedback")
    feedback = ArticleFeedback.objects.get()
    assert (feedback.helpful, feedback.comment, feedback.language) == (False, "Please add the forms.", "en")
    field_names = {f.name for f in ArticleFeedback._meta.get_fields()}
    assert not field_names & {"user", "ip", "ip_address", "session", "user_agent"}
    assert "Thank you" in client.get(response["Location"]).text


def test_feedback_without_an_answer_shows_an_error_and_keeps_the_comment(client, article):
    response = client.post("/en/info/a/health-insurance/feedback/", {"comment": "Kept text"})
    assert response.status_code == 400
    assert "Choose yes or no." in response.text
    assert "Kept text" in response.text
    assert not ArticleFeedback.objects.exists()


def test_the_print_view_has_the_text_without_navigation(client, article):
    response = client.get("/en/info/a/health-insurance/print/")
    assert response.status_code == 200
    assert "contributions" in response.text
    assert "site-header" not in response.text


def test_search_shows_results_with_highlighted_matches(client, article):
    response = client.get("/en/info/search/", {"q": "insurance"})
    assert response.status_code == 200
    assert "<mark>" in response.text
    assert "/en/info/a/health-insurance/" in response.text


def test_search_falls_back_to_other_languages_and_links_to_that_language(client, article):
    response = client.get("/ru/info/search/", {"q": "осигуряване"})
    assert "/bg/info/a/health-insurance/" in response.text


@pytest.mark.parametrize("query", ["", "!!!", "x" * 1000, "y" * 5000, '"unclosed NEAR(', "<script>"])
def test_any_search_gets_an_answer(client, article, query):
    response = client.get("/en/info/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.text.split("</main>")[0].split("<main")[1]


def test_the_topic_page_makes_the_same_number_of_queries_for_more_articles(client, publish, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the uncached path: what the view itself costs
    client.get("/en/info/healthcare/")  # the footer's hotlines into the shared cache
    publish("one", {"en": ("One", "Text.")})
    # Both measured on the first request after content changed: what is kept per content version is read again.
    with CaptureQueriesContext(connection) as few:
        client.get("/en/info/healthcare/")
    for i in range(5):
        publish(f"more-{i}", {"en": (f"More {i}", "Text."), "bg": (f"Още {i}", "Текст.")})
    with CaptureQueriesContext(connection) as many:
        client.get("/en/info/healthcare/")
    assert len(many) == len(few)
