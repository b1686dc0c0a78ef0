"""Back-office pages: every URL with and without permission, and the work as editors do it."""

import pytest

from integra.knowledge.models import Article, ArticleTranslation
from tests.base import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(publish):
    return publish("health-insurance", {"en": ("Health insurance", "Old text."), "bg": ("Здравно", "Стар текст.")})


def urls(article):
    pk = article.pk
    return [
        "/en/staff/knowledge/",
        "/en/staff/knowledge/new/",
        "/en/staff/knowledge/work/",
        "/en/staff/knowledge/review/",
        "/en/staff/knowledge/due/",
        "/en/staff/knowledge/feedback/",
        f"/en/staff/knowledge/{pk}/",
        f"/en/staff/knowledge/{pk}/fa/",
        "/en/staff/materials/new/",
    ]


def test_anonymous_visitors_are_sent_to_sign_in(client, article):
    for url in urls(article):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"]


def test_people_without_a_knowledge_role_are_refused(client, article, staff):
    for user in (staff["member"], staff["consultant.sofia"], staff["moderator"]):
        signed_in(client, user)
        for url in urls(article):
            assert client.get(url).status_code == 403, (user, url)


def test_editors_and_coordinators_open_every_page(client, article, editor, staff):
    for user in (editor, staff["coordinator"]):
        signed_in(client, user)
        for url in urls(article):
            assert client.get(url).status_code == 200, (user, url)


def test_a_translator_may_not_edit_the_source_language_or_create_articles(client, article, translator):
    signed_in(client, translator)
    assert client.get(f"/en/staff/knowledge/{article.pk}/fa/").status_code == 200
    assert client.get(f"/en/staff/knowledge/{article.pk}/en/").status_code == 403
    assert client.post(f"/en/staff/knowledge/{article.pk}/en/", {"title": "x", "body": "y"}).status_code == 403
    assert client.get("/en/staff/knowledge/new/").status_code == 403
    assert client.post(f"/en/staff/knowledge/{article.pk}/en/approve/").status_code in (302, 403)
    assert ArticleTranslation.objects.get(article=article, language="en").approved_by.username == "coordinator"


def test_an_editor_creates_an_article_and_a_coordinator_publishes_it(client, editor, staff, reference_data):
    from integra.topics.models import Topic

    signed_in(client, editor)
    topic = Topic.objects.get(slug="education")
    response = client.post(
        "/en/staff/knowledge/new/",
        {"slug": "schools", "topic": topic.pk, "source_language": "en", "title": "Schools", "body": "Text."},
    )
    article = Article.objects.get(slug="schools")
    assert response.status_code == 302
    client.post(f"/en/staff/knowledge/{article.pk}/en/submit/")
    assert client.post(f"/en/staff/knowledge/{article.pk}/en/approve/").status_code == 403
    assert client.get("/en/info/a/schools/").status_code == 404

    signed_in(client, staff["coordinator"])
    assert "Schools" in client.get("/en/staff/knowledge/review/").text
    client.post(f"/en/staff/knowledge/{article.pk}/en/approve/")
    assert client.get("/en/info/a/schools/").status_code == 200
    page = client.get(f"/en/staff/knowledge/{article.pk}/").text
    assert "coordinator" in page


def test_a_duplicate_address_is_refused_beside_the_field_and_the_text_is_kept(client, article, editor):
    signed_in(client, editor)
    response = client.post(
        "/en/staff/knowledge/new/",
        {"slug": "health-insurance", "topic": article.topic.pk, "source_language": "en", "title": "T", "body": "Kept"},
    )
    assert response.status_code == 200
    assert "Another article already has this address" in response.text
    assert "Kept" in response.text


def test_a_source_change_puts_the_translation_on_the_work_list_with_a_diff(client, article, editor, staff, translator):
    signed_in(client, editor)
    client.post(
        f"/en/staff/knowledge/{article.pk}/en/", {"title": "Health insurance", "body": "New text.", "submit": "1"}
    )
    signed_in(client, staff["coordinator"])
    client.post(f"/en/staff/knowledge/{article.pk}/en/approve/")

    signed_in(client, translator)
    work = client.get("/en/staff/knowledge/work/").text
    assert "health-insurance" in work
    assert "Old text." in work and "New text." in work
    edit = client.get(f"/en/staff/knowledge/{article.pk}/bg/").text
    assert "The source text has changed" in edit
    assert 'name="based_on" value="2"' in edit
    client.post(f"/en/staff/knowledge/{article.pk}/bg/", {"title": "Здравно", "body": "Нов текст.", "based_on": "2"})
    assert not ArticleTranslation.objects.get(article=article, language="bg").is_outdated


def test_the_review_due_list_and_marking_an_article_reviewed(client, article, editor):
    Article.objects.filter(pk=article.pk).update(reviewed_on=None)
    signed_in(client, editor)
    assert "health-insurance" in client.get("/en/staff/knowledge/due/").text
    client.post(f"/en/staff/knowledge/{article.pk}/reviewed/", {"next": "due"})
    article.refresh_from_db()
    assert article.reviewed_on is not None
    assert article.reviewed_by == editor
    assert "health-insurance" not in client.get("/en/staff/knowledge/due/").text


def test_the_article_list_makes_the_same_number_of_queries_for_more_articles(client, publish, editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    publish("one", {"en": ("One", "Text.")})
    signed_in(client, editor)
    client.get("/en/staff/knowledge/")
    with CaptureQueriesContext(connection) as few:
        client.get("/en/staff/knowledge/")
    for i in range(4):
        publish(f"more-{i}", {"en": (f"More {i}", "Text."), "bg": (f"Още {i}", "Текст.")})
    client.get("/en/staff/knowledge/")  # the footer (kept per content version) is made again once after a change
    with CaptureQueriesContext(connection) as many:
        client.get("/en/staff/knowledge/")
    assert len(many) == len(few)


def test_actions_and_materials_pages_refuse_people_without_the_permission(client, article, translator, staff):
    from integra.knowledge import services as knowledge_services

    material = knowledge_services.material_save(title="M", kind="leaflet", language="en", edition="1", print_run=10)
    anonymous_only = [
        f"/en/staff/knowledge/{article.pk}/reviewed/",
        f"/en/staff/knowledge/{article.pk}/en/approve/",
        "/en/staff/materials/",
        "/en/staff/materials/report/",
        "/en/staff/materials/distribute/",
        f"/en/staff/materials/{material.pk}/edit/",
    ]
    for url in anonymous_only:
        assert client.post(url).status_code == 302, url
    signed_in(client, translator)
    assert client.post(f"/en/staff/knowledge/{article.pk}/reviewed/").status_code == 403
    assert client.post(f"/en/staff/knowledge/{article.pk}/en/approve/").status_code == 403
    assert client.get(f"/en/staff/materials/{material.pk}/edit/").status_code == 403
    signed_in(client, staff["trainer.sofia"])
    assert client.get("/en/staff/materials/distribute/").status_code == 403
    assert client.post(f"/en/staff/materials/{material.pk}/", {"quantity": 1}).status_code == 403
    signed_in(client, staff["coordinator"])
    assert client.get(f"/en/staff/knowledge/{article.pk}/xx/").status_code == 404
    assert client.get("/en/staff/knowledge/999999/").status_code == 404


def test_articles_are_named_by_their_title_in_the_users_language_never_by_their_slug(client, staff, publish):
    article = publish("health-insurance", {"en": ("Health insurance", "Pay."), "ar": ("التأمين الصحي", "ادفع.")})
    signed_in(client, staff["coordinator"])
    for url in ("/ar/staff/knowledge/", f"/ar/staff/knowledge/{article.pk}/"):
        page = client.get(url).content.decode()
        assert "التأمين الصحي" in page, url
    english = client.get(f"/en/staff/knowledge/{article.pk}/").content.decode()
    assert "<h1>Health insurance</h1>" in english
    assert "<h1>health-insurance</h1>" not in english
