"""The one way to change the knowledge base: pages, the API, commands and the demo loader call these."""

from collections import defaultdict
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from integra.accounts.models import User
from integra.centres.models import Centre, Place
from integra.knowledge import search
from integra.knowledge.models import (
    Article,
    ArticleFeedback,
    ArticleTranslation,
    Delivery,
    Distribution,
    Material,
    SourceRevision,
)
from integra.knowledge.sanitize import html_to_text, prepare_body
from integra.topics.models import Topic

ARTICLE = "article"  # the search document kind
Status = ArticleTranslation.Status


# --- Who may do what -------------------------------------------------------------------


def can_edit_translation(user: User, article: Article, language: str) -> bool:
    """Editors and coordinators edit every language; translators every language but the source."""
    if not user.has_perm("knowledge.change_articletranslation"):
        return False
    if language == article.source_language:
        return user.has_perm("knowledge.change_article")
    return True


def can_approve(user: User) -> bool:
    return user.has_perm("knowledge.approve_articletranslation")


# --- Articles and translations --------------------------------------------------------------


@transaction.atomic
def article_create(
    *,
    user: User | None,
    slug: str,
    topic: Topic,
    source_language: str,
    title: str,
    summary: str = "",
    body: str,
    related: list[Article] | tuple = (),
) -> Article:
    """A new article with its source-language text as a draft."""
    article = Article.objects.create(slug=slug, topic=topic, source_language=source_language)
    if related:
        article.related.set(related)
    translation_save(article=article, language=source_language, user=user, title=title, summary=summary, body=body)
    return article


@transaction.atomic
def article_update(
    *, article: Article, topic: Topic, position: int = 0, related: list[Article] | None = None
) -> Article:
    article.topic = topic
    article.position = position
    article.save(update_fields=["topic", "position", "updated_at"])
    if related is not None:
        article.related.set([r for r in related if r.pk != article.pk])
    _index_article(article)
    return article


@transaction.atomic
def translation_save(
    *,
    article: Article,
    language: str,
    user: User | None,
    title: str,
    summary: str = "",
    body: str,
    based_on: int | None = None,
) -> ArticleTranslation:
    """Save the working copy in one language (created when missing); it becomes a draft again.

    `based_on` is the number of the source revision the translator was shown; the translation
    follows that revision from now on (outdated if the source has changed since).
    """
    translation = ArticleTranslation.objects.select_for_update().filter(article=article, language=language).first()
    if translation is None:
        translation = ArticleTranslation(article=article, language=language)
    translation.title = title.strip()
    translation.summary = summary.strip()
    translation.body = prepare_body(body)
    translation.status = Status.DRAFT
    translation.edited_by = user
    translation.edited_at = timezone.now()
    translation.review_note = ""
    if language != article.source_language:
        latest = article.latest_revision()
        revision = None
        if based_on is not None:
            revision = article.revisions.filter(number=based_on).first()
        elif translation.pk is None:
            revision = latest
        if revision is not None or translation.pk is None:
            translation.based_on = revision
        translation.is_outdated = latest is not None and (
            translation.based_on is None or translation.based_on.number < latest.number
        )
    translation.save()
    return translation


@transaction.atomic
def translation_submit(*, translation: ArticleTranslation, user: User | None) -> ArticleTranslation:
    """Draft → in review."""
    if translation.status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be sent for review."))
    translation.status = Status.IN_REVIEW
    translation.submitted_by = user
    translation.submitted_at = timezone.now()
    translation.save(update_fields=["status", "submitted_by", "submitted_at"])
    return translation


@transaction.atomic
def translation_return(*, translation: ArticleTranslation, user: User | None, note: str = "") -> ArticleTranslation:
    """In review → draft, with a note from the reviewer."""
    if translation.status != Status.IN_REVIEW:
        raise ValidationError(_("Only a translation in review can be sent back."))
    translation.status = Status.DRAFT
    translation.review_note = note.strip()[:1000]
    translation.save(update_fields=["status", "review_note"])
    return translation


@transaction.atomic
def translation_approve(*, translation: ArticleTranslation, user: User) -> ArticleTranslation:
    """In review → published: visitors see this text from now on. Approving the source text
    records a new source revision and marks the other languages outdated."""
    if not can_approve(user):
        raise PermissionDenied
    translation = ArticleTranslation.objects.select_for_update().select_related("article").get(pk=translation.pk)
    if translation.status != Status.IN_REVIEW:
        raise ValidationError(_("Only a translation in review can be approved."))
    now = timezone.now()
    translation.status = Status.PUBLISHED
    translation.published_title = translation.title
    translation.published_summary = translation.summary
    translation.published_body = translation.body
    translation.published_at = now
    translation.approved_by = user
    translation.approved_at = now
    translation.save()
    article = translation.article
    if translation.is_source:
        _source_revision_record(article=article, translation=translation, user=user)
        article.reviewed_on = timezone.localdate()
        article.reviewed_by = user
        article.save(update_fields=["reviewed_on", "reviewed_by", "updated_at"])
    _index_article(article)
    return translation


def _source_revision_record(*, article: Article, translation: ArticleTranslation, user: User) -> None:
    latest = article.latest_revision()
    if latest and (latest.title, latest.summary, latest.body) == (
        translation.title,
        translation.summary,
        translation.body,
    ):
        return
    revision = SourceRevision.objects.create(
        article=article,
        number=(latest.number + 1) if latest else 1,
        language=translation.language,
        title=translation.title,
        summary=translation.summary,
        body=translation.body,
        created_by=user,
    )
    others = article.translations.exclude(language=article.source_language)
    if latest is None:
        # Translations written before the first published source follow this first revision
        # unless they are empty of content; they are marked so that a translator checks them.
        others.filter(based_on__isnull=True).update(is_outdated=True)
    else:
        others.exclude(based_on=revision).update(is_outdated=True)


@transaction.atomic
def translation_unpublish(*, translation: ArticleTranslation, user: User) -> ArticleTranslation:
    if not can_approve(user):
        raise PermissionDenied
    translation.published_at = None
    translation.published_title = translation.published_summary = translation.published_body = ""
    if translation.status == Status.PUBLISHED:
        translation.status = Status.DRAFT
    translation.save()
    _index_article(translation.article)
    return translation


@transaction.atomic
def article_mark_reviewed(*, article: Article, user: User, on: date | None = None) -> Article:
    """Someone checked the article and it is still correct."""
    if not user.has_perm("knowledge.review_article"):
        raise PermissionDenied
    article.reviewed_on = on or timezone.localdate()
    article.reviewed_by = user
    article.save(update_fields=["reviewed_on", "reviewed_by", "updated_at"])
    return article


def _index_article(article: Article) -> None:
    published = [t for t in article.translations.all() if t.is_public]
    search.remove_documents(kind=ARTICLE, keys=[str(article.pk)])
    search.index_documents(
        search.Document(
            kind=ARTICLE,
            key=str(article.pk),
            language=t.language,
            title=t.published_title,
            body=" ".join(filter(None, [t.published_summary, html_to_text(t.published_body)])),
        )
        for t in published
    )


@transaction.atomic
def feedback_record(*, article: Article, language: str, helpful: bool, comment: str = "") -> ArticleFeedback:
    """Store the answer only: nothing identifies the visitor."""
    return ArticleFeedback.objects.create(
        article=article, language=language, helpful=helpful, comment=comment.strip()[:1000]
    )


# --- Printed materials --------------------------------------------------------------------------


@transaction.atomic
def material_save(*, material: Material | None = None, **fields) -> Material:
    material = material or Material()
    for name, value in fields.items():
        setattr(material, name, value)
    material.full_clean()
    if material.pk and material.print_run < material.delivered_total():
        raise ValidationError(
            {"print_run": _("%(n)s copies were already sent to centres: the print run cannot be smaller.")
             % {"n": material.delivered_total()}}
        )
    material.save()
    return material


def stock(material: Material, centre: Centre) -> int:
    delivered = material.deliveries.filter(centre=centre).aggregate(n=Sum("quantity"))["n"] or 0
    handed_out = material.distributions.filter(centre=centre).aggregate(n=Sum("quantity"))["n"] or 0
    return delivered - handed_out


def stock_table(materials, centres) -> dict[tuple[int, int], int]:
    """{(material id, centre id): copies in stock} in two queries."""
    table: dict[tuple[int, int], int] = defaultdict(int)
    ids = [m.pk for m in materials]
    for row in Delivery.objects.filter(material__in=ids, centre__in=centres).values("material", "centre").annotate(
        n=Sum("quantity")
    ):
        table[(row["material"], row["centre"])] += row["n"]
    for row in Distribution.objects.filter(material__in=ids, centre__in=centres).values(
        "material", "centre"
    ).annotate(n=Sum("quantity")):
        table[(row["material"], row["centre"])] -= row["n"]
    return table


@transaction.atomic
def delivery_record(
    *, material: Material, centre: Centre, quantity: int, delivered_on: date, user: User | None
) -> Delivery:
    """Copies of the print run sent to a centre (never more than the print run)."""
    material = Material.objects.select_for_update().get(pk=material.pk)
    if quantity < 1:
        raise ValidationError({"quantity": _("Enter a number of copies of at least 1.")})
    if material.delivered_total() + quantity > material.print_run:
        left = material.print_run - material.delivered_total()
        raise ValidationError(
            {"quantity": _("Only %(left)s copies of this print run are not yet at a centre.") % {"left": left}}
        )
    return Delivery.objects.create(
        material=material, centre=centre, quantity=quantity, delivered_on=delivered_on, recorded_by=user
    )


@transaction.atomic
def distribution_record(
    *,
    material: Material,
    centre: Centre,
    quantity: int,
    distributed_on: date,
    place: Place | None = None,
    organisation: str = "",
    user: User | None,
) -> Distribution:
    """Copies handed out from a centre's stock (never more than it has)."""
    Material.objects.select_for_update().get(pk=material.pk)
    if quantity < 1:
        raise ValidationError({"quantity": _("Enter a number of copies of at least 1.")})
    available = stock(material, centre)
    if quantity > available:
        raise ValidationError(
            {"quantity": _("The centre has only %(available)s copies of this material.") % {"available": available}}
        )
    return Distribution.objects.create(
        material=material,
        centre=centre,
        quantity=quantity,
        distributed_on=distributed_on,
        place=place,
        organisation=organisation.strip(),
        recorded_by=user,
    )


def distribution_report(distributions) -> list[dict]:
    """Copies handed out per language, month and place (the outreach place, else the centre), one query."""
    totals: dict[tuple, int] = defaultdict(int)
    names: dict[str, dict] = {}
    rows = distributions.values(
        "material__language", "distributed_on", "place__slug", "place__name", "centre__slug", "centre__name"
    ).annotate(n=Sum("quantity"))
    for row in rows:
        if row["place__slug"]:
            place_key, name = "place:" + row["place__slug"], row["place__name"]
        else:
            place_key, name = "centre:" + row["centre__slug"], row["centre__name"]
        names[place_key] = name or {}
        totals[(row["material__language"], row["distributed_on"].strftime("%Y-%m"), place_key)] += row["n"]
    return [
        {"language": language, "month": month, "place_key": key, "place": names[key], "quantity": n}
        for (language, month, key), n in sorted(totals.items(), key=lambda item: (item[0][1], item[0][0], item[0][2]))
    ]
