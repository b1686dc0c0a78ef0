"""The translation workflow: draft → in review → published, source revisions, outdated translations."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from integra.knowledge import services
from integra.knowledge.models import ArticleTranslation, SourceRevision
from integra.topics.models import Topic

Status = ArticleTranslation.Status
pytestmark = pytest.mark.django_db


def new_article(user, slug="health-insurance"):
    return services.article_create(
        user=user,
        slug=slug,
        topic=Topic.objects.get(slug="healthcare"),
        source_language="en",
        title="Health insurance",
        body="First paragraph.\n\nSecond paragraph.",
    )


def test_a_new_article_starts_as_a_draft_that_visitors_cannot_see(editor):
    article = new_article(editor)
    translation = article.translations.get()
    assert translation.status == Status.DRAFT
    assert translation.body == "<p>First paragraph.</p>\n<p>Second paragraph.</p>"
    assert not translation.is_public
    assert article.best_translation("en") is None


def test_a_coordinator_approves_a_text_in_review_and_who_and_when_are_kept(editor, staff):
    article = new_article(editor)
    translation = services.translation_submit(translation=article.translations.get(), user=editor)
    assert translation.status == Status.IN_REVIEW
    services.translation_approve(translation=translation, user=staff["coordinator"])
    translation.refresh_from_db()
    assert translation.status == Status.PUBLISHED
    assert translation.approved_by == staff["coordinator"]
    assert translation.approved_at is not None
    assert translation.published_title == "Health insurance"
    article.refresh_from_db()
    assert article.reviewed_on is not None


def test_an_editor_cannot_approve(editor):
    article = new_article(editor)
    translation = services.translation_submit(translation=article.translations.get(), user=editor)
    with pytest.raises(PermissionDenied):
        services.translation_approve(translation=translation, user=editor)


def test_only_a_text_in_review_can_be_approved(editor, staff):
    article = new_article(editor)
    with pytest.raises(ValidationError):
        services.translation_approve(translation=article.translations.get(), user=staff["coordinator"])


def test_editing_a_published_text_keeps_the_published_version_online_until_approved(publish, editor):
    article = publish("a", {"en": ("Old title", "Old text")})
    translation = services.translation_save(
        article=article, language="en", user=editor, title="New title", body="New text"
    )
    assert translation.status == Status.DRAFT
    assert translation.published_title == "Old title"
    assert article.best_translation("en").published_title == "Old title"


def test_a_reviewer_can_send_a_text_back_with_a_note(editor, staff):
    article = new_article(editor)
    translation = services.translation_submit(translation=article.translations.get(), user=editor)
    services.translation_return(translation=translation, user=staff["coordinator"], note="Check the dates.")
    translation.refresh_from_db()
    assert translation.status == Status.DRAFT
    assert translation.review_note == "Check the dates."


def test_changing_the_source_marks_translations_outdated_with_a_diff_of_the_change(publish, staff, translator):
    coordinator = staff["coordinator"]
    article = publish("b", {"en": ("Title", "Keep this.\n\nOld sentence."), "bg": ("Заглавие", "Текст.")})
    bulgarian = article.translations.get(language="bg")
    assert not bulgarian.is_outdated
    assert bulgarian.based_on.number == 1

    english = services.translation_save(
        article=article, language="en", user=coordinator, title="Title", body="Keep this.\n\nNew sentence."
    )
    services.translation_submit(translation=english, user=coordinator)
    services.translation_approve(translation=english, user=coordinator)

    bulgarian.refresh_from_db()
    assert bulgarian.is_outdated
    assert SourceRevision.objects.filter(article=article).count() == 2
    diff = bulgarian.source_diff(article.latest_revision())
    assert ("removed", "Old sentence.") in diff
    assert ("added", "New sentence.") in diff
    assert ("same", "Keep this.") in diff

    # The translator updates the translation, shown revision 2: it is current again.
    services.translation_save(
        article=article, language="bg", user=translator, title="Заглавие", body="Нов текст.", based_on=2
    )
    bulgarian.refresh_from_db()
    assert not bulgarian.is_outdated
    assert bulgarian.based_on.number == 2


def test_approving_the_same_source_text_again_records_no_new_revision(publish, staff):
    coordinator = staff["coordinator"]
    article = publish("c", {"en": ("Title", "Text."), "ru": ("Заголовок", "Текст.")})
    english = services.translation_save(article=article, language="en", user=coordinator, title="Title", body="Text.")
    services.translation_submit(translation=english, user=coordinator)
    services.translation_approve(translation=english, user=coordinator)
    assert article.revisions.count() == 1
    assert not article.translations.get(language="ru").is_outdated


def test_translators_edit_every_language_but_the_source(editor, translator, staff):
    article = new_article(editor)
    assert services.can_edit_translation(translator, article, "fa")
    assert not services.can_edit_translation(translator, article, "en")
    assert services.can_edit_translation(editor, article, "en")
    assert not services.can_edit_translation(staff["consultant.sofia"], article, "fa")


def test_unclosed_or_dangerous_html_is_cleaned_when_saved(editor):
    article = new_article(editor)
    translation = services.translation_save(
        article=article,
        language="en",
        user=editor,
        title="T",
        body='<p>Bold <strong>text <script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:x">x</a>',
    )
    assert "<script" not in translation.body
    assert "onerror" not in translation.body
    assert "javascript:" not in translation.body
    assert translation.body.endswith("</strong></p>")


def test_the_review_due_list_shows_articles_not_reviewed_within_the_period(publish, settings):
    import datetime

    from integra.knowledge.models import Article

    settings.KNOWLEDGE_REVIEW_MONTHS = 12
    fresh = publish("fresh", {"en": ("Fresh", "Text.")})
    stale = publish("stale", {"en": ("Stale", "Text.")})
    Article.objects.filter(pk=stale.pk).update(reviewed_on=datetime.date(2020, 1, 1))
    never = publish("never", {"en": ("Never", "Text.")})
    Article.objects.filter(pk=never.pk).update(reviewed_on=None)
    due = list(Article.objects.review_due())
    assert due == [never, stale]
    assert fresh not in due
    settings.KNOWLEDGE_REVIEW_MONTHS = 1000
    assert list(Article.objects.review_due()) == [never]
