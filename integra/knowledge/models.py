"""Articles and their translations, source revisions, feedback, search documents and printed materials."""

import difflib
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from integra.core.i18n import FALLBACK_ORDER
from integra.knowledge.sanitize import clean_html, html_to_text

LANGUAGE_CHOICES = settings.LANGUAGES
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def months_ago(today: date, months: int) -> date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    month += 1
    day = min(today.day, [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30,
                          31, 31, 30, 31, 30, 31][month - 1])
    return date(year, month, day)


class ArticleQuerySet(models.QuerySet):
    def public(self):
        """Articles with at least one published translation."""
        return self.filter(translations__published_at__isnull=False).distinct()

    def with_translations(self):
        return self.select_related("topic").prefetch_related("translations")

    def review_due(self, today: date | None = None):
        today = today or timezone.localdate()
        limit = months_ago(today, settings.KNOWLEDGE_REVIEW_MONTHS)
        return self.filter(Q(reviewed_on__isnull=True) | Q(reviewed_on__lt=limit)).order_by(
            models.F("reviewed_on").asc(nulls_first=True), "slug"
        )


class Article(models.Model):
    """One piece of information (e.g. "Health insurance"), written once and translated into many languages."""

    slug = models.SlugField(_("address"), max_length=80, unique=True, help_text=_("Part of the web address."))
    topic = models.ForeignKey(
        "topics.Topic", on_delete=models.PROTECT, related_name="articles", verbose_name=_("topic")
    )
    source_language = models.CharField(
        _("source language"),
        max_length=8,
        choices=LANGUAGE_CHOICES,
        help_text=_("The language the article is written in first; the others are translated from it."),
    )
    related = models.ManyToManyField("self", blank=True, verbose_name=_("related articles"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["topic__position", "position", "slug"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("review_article", _("Can mark an article as reviewed"))]

    def __str__(self) -> str:
        return self.slug

    # Helpers that work on prefetched translations (no extra queries).
    def translation_map(self) -> dict[str, "ArticleTranslation"]:
        return {t.language: t for t in self.translations.all()}

    def published_languages(self) -> list[str]:
        published = {t.language for t in self.translations.all() if t.is_public}
        return [code for code in LANGUAGE_CODES if code in published]

    def best_translation(self, language: str) -> "ArticleTranslation | None":
        """The published translation in `language`, else English, Bulgarian, the source language, any."""
        by_language = {t.language: t for t in self.translations.all() if t.is_public}
        for code in (language, *FALLBACK_ORDER, self.source_language, *LANGUAGE_CODES):
            if code in by_language:
                return by_language[code]
        return None

    def title_for(self, language: str) -> str:
        """The article's name for people (never its slug while any translation has a title): the title in
        `language`, else in the source language, English, Bulgarian, any. Works on prefetched translations."""
        titled = {t.language: t.title for t in self.translations.all() if t.title}
        for code in (language, self.source_language, *FALLBACK_ORDER, *LANGUAGE_CODES):
            if code in titled:
                return titled[code]
        return self.slug

    def is_review_due(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.reviewed_on is None or self.reviewed_on < months_ago(today, settings.KNOWLEDGE_REVIEW_MONTHS)

    def latest_revision(self) -> "SourceRevision | None":
        return self.revisions.order_by("-number").first()


class ArticleTranslation(models.Model):
    """The article in one language. Editing changes the working copy; approval publishes it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    # The working copy that editors and translators change.
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"), max_length=400, blank=True, help_text=_("One or two sentences shown in lists and results.")
    )
    body = models.TextField(_("text"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    # What visitors see: a copy taken when the working copy was approved.
    published_title = models.CharField(max_length=200, blank=True)
    published_summary = models.CharField(max_length=400, blank=True)
    published_body = models.TextField(blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # The source text this translation was made from; outdated when the source has changed since.
    based_on = models.ForeignKey(
        "SourceRevision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_outdated = models.BooleanField(_("outdated"), default=False)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("sent for review"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    review_note = models.CharField(_("note from the reviewer"), max_length=1000, blank=True)

    class Meta:
        ordering = ["article", "language"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(fields=["article", "language"], name="one_translation_per_language"),
        ]
        permissions = [("approve_articletranslation", _("Can approve and publish translations"))]

    def __str__(self) -> str:
        return f"{self.article.slug} [{self.language}]"

    @property
    def is_public(self) -> bool:
        return self.published_at is not None

    @property
    def is_source(self) -> bool:
        return self.language == self.article.source_language

    @property
    def is_rtl(self) -> bool:
        return self.language in settings.LANGUAGES_BIDI

    @property
    def direction(self) -> str:
        return "rtl" if self.is_rtl else "ltr"

    @property
    def body_html(self) -> str:
        """The published text, sanitised again on the way out."""
        return mark_safe(clean_html(self.published_body))  # noqa: S308 - cleaned by nh3 just above

    @property
    def draft_html(self) -> str:
        return mark_safe(clean_html(self.body))  # noqa: S308 - cleaned by nh3 just above

    @property
    def has_unpublished_changes(self) -> bool:
        return self.status != self.Status.PUBLISHED

    def source_diff(self, latest: "SourceRevision | None") -> list[tuple[str, str]]:
        """(kind, line) pairs: what changed in the source since this translation was made."""
        if latest is None:
            return []
        old = self.based_on.as_text() if self.based_on else ""
        return line_diff(old, latest.as_text())


def line_diff(old: str, new: str) -> list[tuple[str, str]]:
    rows = []
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=1):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            rows.append(("gap", "…"))
        elif line.startswith("+"):
            rows.append(("added", line[1:]))
        elif line.startswith("-"):
            rows.append(("removed", line[1:]))
        else:
            rows.append(("same", line[1:]))
    return rows


class SourceRevision(models.Model):
    """A published version of an article's source text; translations record which one they follow."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    language = models.CharField(max_length=8, choices=LANGUAGE_CHOICES)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=400, blank=True)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["article", "-number"]
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="one_revision_number")]

    def __str__(self) -> str:
        return f"{self.article.slug} r{self.number}"

    def as_text(self) -> str:
        """The revision as plain lines, one paragraph per line, for diffs."""
        return "\n".join(filter(None, [self.title, self.summary, html_to_text(self.body, paragraphs=True)]))


class ArticleFeedback(models.Model):
    """"Was this helpful?" No user, no session, no address: only the answer, the language and the day."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="feedback")
    language = models.CharField(max_length=8, choices=LANGUAGE_CHOICES)
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    created_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["-created_on", "-pk"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.article_id} {'+' if self.helpful else '-'}"


class SearchDocument(models.Model):
    """A generic document in the full-text index (articles here; the forum adds its own kinds).

    The database keeps its own index in step with this table: an FTS5 table with triggers on
    SQLite (migrations 0002, 0003); on PostgreSQL a narrow matching table, knowledge_searchmatch (id, kind,
    language, tsvector), written by a trigger on every insert, update, delete and truncate (migration 0004), with
    a GIN index of its lexemes prefixed by kind and language (0005). Title and body are read from here only for
    the page of results' highlights.
    """

    kind = models.CharField(max_length=32)
    key = models.CharField(max_length=64)
    language = models.CharField(max_length=8)
    config = models.CharField(max_length=32, default="simple")
    title = models.TextField()
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key", "language"], name="one_search_document"),
        ]
        indexes = [models.Index(fields=["kind", "language"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}:{self.language}"


# --- Printed materials ----------------------------------------------------------------


class Material(models.Model):
    """A printed leaflet, brochure or poster: one language, one edition, one print run."""

    class Kind(models.TextChoices):
        LEAFLET = "leaflet", _("Leaflet")
        BROCHURE = "brochure", _("Brochure")
        POSTER = "poster", _("Poster")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.LEAFLET)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    edition = models.CharField(_("edition"), max_length=50, help_text=_("For example 2026/1."))
    print_run = models.PositiveIntegerField(_("print run"), help_text=_("How many copies were printed."))
    printed_on = models.DateField(_("printed on"), null=True, blank=True)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="materials", verbose_name=_("article")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "title"]
        verbose_name = _("printed material")
        verbose_name_plural = _("printed materials")

    def __str__(self) -> str:
        return f"{self.title} ({self.language}, {self.edition})"

    def delivered_total(self) -> int:
        return self.deliveries.aggregate(total=Sum("quantity"))["total"] or 0


class Delivery(models.Model):
    """Copies of a material sent to a centre: the centre's stock grows by this many."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="deliveries")
    centre = models.ForeignKey("centres.Centre", on_delete=models.PROTECT, related_name="+", verbose_name=_("centre"))
    quantity = models.PositiveIntegerField(_("quantity"))
    delivered_on = models.DateField(_("date"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-delivered_on", "-pk"]
        verbose_name = _("delivery to a centre")
        verbose_name_plural = _("deliveries to centres")
        constraints = [models.CheckConstraint(condition=Q(quantity__gt=0), name="delivery_quantity_positive")]

    def __str__(self) -> str:
        return f"{self.material_id} → {self.centre_id}: {self.quantity}"


class DistributionQuerySet(models.QuerySet):
    def for_user(self, user):
        from integra.centres.models import Centre

        return self.filter(centre__in=Centre.objects.for_user(user))


class Distribution(models.Model):
    """Copies handed out: from a centre's stock, at the centre or at an outreach place or organisation."""

    material = models.ForeignKey(
        Material, on_delete=models.PROTECT, related_name="distributions", verbose_name=_("material")
    )
    centre = models.ForeignKey(
        "centres.Centre",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("centre"),
        help_text=_("The centre whose copies were handed out."),
    )
    distributed_on = models.DateField(_("date"), default=timezone.localdate)
    place = models.ForeignKey(
        "centres.Place",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("outreach place"),
        help_text=_("Leave empty when the copies were handed out at the centre."),
    )
    organisation = models.CharField(
        _("event or community organisation"),
        max_length=200,
        blank=True,
        help_text=_("For example an information day, a school or a community association."),
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DistributionQuerySet.as_manager()

    class Meta:
        ordering = ["-distributed_on", "-pk"]
        verbose_name = _("distribution")
        verbose_name_plural = _("distributions")
        constraints = [models.CheckConstraint(condition=Q(quantity__gt=0), name="distribution_quantity_positive")]

    def __str__(self) -> str:
        return f"{self.material_id} @ {self.centre_id}: {self.quantity}"
