"""Knowledge base API: published articles and topics for anyone; writing and review for staff,
validated with the back office's forms and carried out by the same service functions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from integra.api.auth import StaffToken
from integra.api.permissions import public, requires
from integra.api.schemas import Error, Translations, form_errors
from integra.core.audit import as_actor
from integra.knowledge import services
from integra.knowledge.forms import ArticleCreateForm, TranslationForm
from integra.knowledge.models import LANGUAGE_CODES, Article, ArticleTranslation
from integra.topics.models import Topic

router = Router(tags=["knowledge"])
LANGUAGE_PATTERN = "^(" + "|".join(LANGUAGE_CODES) + ")$"


class KnowledgeTopicOut(Schema):
    slug: str
    name: Translations
    articles: list[str]


class ArticleSummaryOut(Schema):
    slug: str
    topic: str
    language: str
    title: str
    summary: str
    languages: list[str]
    reviewed_on: str | None


class ArticleOut(ArticleSummaryOut):
    body_html: str
    is_fallback: bool


class ArticleFilter(Schema):
    language: str = Field(settings.LANGUAGE_CODE, pattern=LANGUAGE_PATTERN)
    topic: str | None = Field(None, max_length=50)


class LanguageFilter(Schema):
    language: str = Field(settings.LANGUAGE_CODE, pattern=LANGUAGE_PATTERN)


class TranslationIn(Schema):
    title: str = Field(..., max_length=200)
    summary: str = Field("", max_length=400)
    body: str = Field(..., max_length=100_000)
    based_on: int | None = Field(None, ge=1, le=1_000_000, description="The source revision translated from.")


class ArticleIn(TranslationIn):
    slug: str = Field(..., max_length=80)
    topic: str = Field(..., max_length=50)
    source_language: str = Field(settings.KNOWLEDGE_SOURCE_LANGUAGE, pattern=LANGUAGE_PATTERN)


class TranslationOut(Schema):
    article: str
    language: str
    status: str
    title: str
    summary: str
    body: str
    is_public: bool
    is_outdated: bool
    based_on: int | None
    approved_by: str | None
    approved_at: str | None


def _summary(article: Article, language: str) -> dict | None:
    translation = article.best_translation(language)
    if translation is None:
        return None
    return {
        "slug": article.slug,
        "topic": article.topic.slug,
        "language": translation.language,
        "title": translation.published_title,
        "summary": translation.published_summary,
        "languages": article.published_languages(),
        "reviewed_on": article.reviewed_on.isoformat() if article.reviewed_on else None,
        "_translation": translation,
    }


def _translation_out(t: ArticleTranslation) -> dict:
    return {
        "article": t.article.slug,
        "language": t.language,
        "status": t.status,
        "title": t.title,
        "summary": t.summary,
        "body": t.body,
        "is_public": t.is_public,
        "is_outdated": t.is_outdated,
        "based_on": t.based_on.number if t.based_on else None,
        "approved_by": t.approved_by.get_username() if t.approved_by else None,
        "approved_at": t.approved_at.isoformat() if t.approved_at else None,
    }


def _public():
    return Article.objects.public().select_related("topic").prefetch_related("translations")


@router.get("/topics", response=list[KnowledgeTopicOut], summary="Topics with their published articles")
@public
def list_topics(request):
    by_topic: dict[int, list[str]] = {}
    for article in _public().only("slug", "topic"):
        by_topic.setdefault(article.topic_id, []).append(article.slug)
    return [{"slug": t.slug, "name": t.name, "articles": by_topic.get(t.pk, [])} for t in Topic.objects.active()]


@router.get(
    "/articles",
    response={200: list[ArticleSummaryOut], 422: Error},
    summary="Published articles, each in the requested language or the best available one",
)
@public
def list_articles(request, filters: Query[ArticleFilter]):
    articles = _public()
    if filters.topic:
        articles = articles.filter(topic__slug=filters.topic)
    return [row for article in articles if (row := _summary(article, filters.language))]


@router.get(
    "/articles/{slug}",
    response={200: ArticleOut, 404: Error, 422: Error},
    summary="One published article in the requested language, or the best available one (is_fallback)",
)
@public
def get_article(request, slug: str, filters: Query[LanguageFilter]):
    article = get_object_or_404(_public(), slug=slug)
    row = _summary(article, filters.language)
    translation = row.pop("_translation")
    return {**row, "body_html": str(translation.body_html), "is_fallback": translation.language != filters.language}


STAFF_RESPONSES = {200: TranslationOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


@router.post(
    "/articles",
    auth=StaffToken(),
    response={201: TranslationOut, 400: Error, 401: Error, 403: Error, 422: Error},
    summary="Create an article with its source text as a draft (editors and coordinators)",
)
@requires("knowledge.add_article")
def create_article(request, payload: ArticleIn):
    user = request.auth
    topic = Topic.objects.filter(slug=payload.topic).first()
    form = ArticleCreateForm({**payload.dict(), "topic": topic.pk if topic else ""})
    if not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
    data = form.cleaned_data
    with as_actor(user):
        article = services.article_create(
            user=user,
            slug=data["slug"],
            topic=data["topic"],
            source_language=data["source_language"],
            title=data["title"],
            summary=data["summary"],
            body=data["body"],
        )
    return Status(201, _translation_out(article.translations.get()))


@router.put(
    "/articles/{slug}/translations/{language}",
    auth=StaffToken(),
    response=STAFF_RESPONSES,
    summary="Save the working copy in one language as a draft (editors; translators except the source language)",
)
@requires("knowledge.change_articletranslation")
def save_translation(request, slug: str, language: str, payload: TranslationIn):
    user = request.auth
    article = get_object_or_404(Article, slug=slug)
    if language not in LANGUAGE_CODES:
        return Status(404, {"detail": "Not found."})
    if not services.can_edit_translation(user, article, language):
        return Status(403, {"detail": "You may not edit this language."})
    form = TranslationForm(payload.dict())
    if not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
    with as_actor(user):
        translation = services.translation_save(article=article, language=language, user=user, **form.cleaned_data)
    return _translation_out(translation)


@router.post(
    "/articles/{slug}/translations/{language}/{action}",
    auth=StaffToken(),
    response=STAFF_RESPONSES,
    summary="Move a translation on: submit (for review), approve or return (coordinators)",
)
@requires("knowledge.change_articletranslation")
def translation_action(request, slug: str, language: str, action: str):
    user = request.auth
    translation = get_object_or_404(
        ArticleTranslation.objects.select_related("article", "based_on", "approved_by"),
        article__slug=slug,
        language=language,
    )
    if action not in {"submit", "approve", "return"}:
        return Status(404, {"detail": "Not found."})
    if action == "submit" and not services.can_edit_translation(user, translation.article, language):
        return Status(403, {"detail": "You may not edit this language."})
    if action in {"approve", "return"} and not services.can_approve(user):
        return Status(403, {"detail": "Only coordinators approve."})
    try:
        with as_actor(user):
            if action == "submit":
                translation = services.translation_submit(translation=translation, user=user)
            elif action == "approve":
                translation = services.translation_approve(translation=translation, user=user)
            else:
                translation = services.translation_return(translation=translation, user=user)
    except ValidationError as error:
        return Status(409, {"detail": " ".join(error.messages)})
    return _translation_out(translation)
