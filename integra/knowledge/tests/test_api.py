import pytest

from integra.accounts.services import api_token_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(publish):
    return publish("health-insurance", {"en": ("Health insurance", "Text."), "bg": ("Здравно", "Текст.")})


def auth(user):
    _token, key = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_anyone_reads_topics_and_articles_with_language_fallback(client, article):
    topics = client.get("/api/v1/knowledge/topics").json()
    assert "health-insurance" in next(t for t in topics if t["slug"] == "healthcare")["articles"]
    listed = client.get("/api/v1/knowledge/articles?language=bg").json()
    assert listed[0]["title"] == "Здравно"
    one = client.get("/api/v1/knowledge/articles/health-insurance?language=fa").json()
    assert one["is_fallback"] is True
    assert one["language"] == "en"
    assert one["languages"] == ["bg", "en"]
    assert client.get("/api/v1/knowledge/articles/nope").status_code == 404


def test_a_translator_saves_and_submits_a_translation_and_a_coordinator_approves_it(client, article, translator, staff):
    headers = auth(translator)
    response = client.put(
        "/api/v1/knowledge/articles/health-insurance/translations/fa",
        {"title": "بیمه", "body": "<p>متن<script>x</script>"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200
    assert response.json()["status"] == "draft"
    assert "<script" not in response.json()["body"]
    url = "/api/v1/knowledge/articles/health-insurance/translations/fa"
    assert client.post(f"{url}/submit", **headers).status_code == 200
    assert client.post(f"{url}/approve", **headers).status_code == 403
    response = client.post(
        "/api/v1/knowledge/articles/health-insurance/translations/fa/approve", **auth(staff["coordinator"])
    )
    assert response.json()["status"] == "published"
    assert response.json()["approved_by"] == "coordinator"


def test_a_translator_cannot_change_the_source_text_by_api(client, article, translator):
    response = client.put(
        "/api/v1/knowledge/articles/health-insurance/translations/en",
        {"title": "x", "body": "y"},
        content_type="application/json",
        **auth(translator),
    )
    assert response.status_code == 403


def test_editing_needs_a_token(client, article):
    response = client.put(
        "/api/v1/knowledge/articles/health-insurance/translations/fa", {"title": "x", "body": "y"},
        content_type="application/json",
    )
    assert response.status_code == 401


def test_an_editor_creates_an_article_and_bad_input_is_refused(client, reference_data, editor):
    headers = auth(editor)
    good = {"slug": "new-one", "topic": "education", "title": "New", "body": "Text."}
    created = client.post("/api/v1/knowledge/articles", good, content_type="application/json", **headers)
    assert created.status_code == 201
    again = client.post("/api/v1/knowledge/articles", good, content_type="application/json", **headers)
    assert again.status_code == 422
    bad_topic = {**good, "slug": "other", "topic": "nope"}
    assert client.post("/api/v1/knowledge/articles", bad_topic, content_type="application/json",
                       **headers).status_code == 422
