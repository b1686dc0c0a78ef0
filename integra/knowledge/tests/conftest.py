import pytest

from integra.accounts import roles
from integra.knowledge import services
from integra.topics.models import Topic
from tests.base import make_user


@pytest.fixture
def editor(staff):
    return make_user("editor", roles.EDITOR)


@pytest.fixture
def translator(staff):
    return make_user("translator", roles.TRANSLATOR)


@pytest.fixture
def publish(staff):
    """publish(slug, {"en": (title, body), "bg": (...)}, topic="healthcare") → a published article."""
    coordinator = staff["coordinator"]

    def make(slug, texts, topic="healthcare", source="en", summary=""):
        first = texts[source]
        article = services.article_create(
            user=coordinator,
            slug=slug,
            topic=Topic.objects.get(slug=topic),
            source_language=source,
            title=first[0],
            summary=summary,
            body=first[1],
        )
        for language, (title, body) in texts.items():
            translation = services.translation_save(
                article=article, language=language, user=coordinator, title=title, summary=summary, body=body
            )
            services.translation_submit(translation=translation, user=coordinator)
            services.translation_approve(translation=translation, user=coordinator)
        article.refresh_from_db()
        return article

    return make
