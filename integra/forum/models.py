"""Questions from the public, answers from experts, and the asker's replies.

A question is private until a moderator publishes it. The asker follows it through a private
link: only the SHA-256 of its token is stored (`token_hash`). No network address is stored.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField


def token_digest(token: str) -> str:
    return hashlib.sha256(f"forum-question:{token}".encode()).hexdigest()


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Question.Status.PUBLISHED)

    def pending(self):
        return self.filter(status=Question.Status.PENDING)

    def unanswered(self):
        return self.published().filter(first_answered_at__isnull=True)

    def with_details(self):
        return self.select_related("topic", "accepted_answer")


class Question(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        PUBLISHED = "published", _("Published")
        SPAM = "spam", _("Spam")
        MERGED = "merged", _("Merged into another question")
        REFERRED = "referred", _("Referred to a centre (private)")
        HIDDEN = "hidden", _("Hidden")

    class Notify(models.TextChoices):
        EMAIL = "email", _("By e-mail")
        SMS = "sms", _("By text message (SMS)")
        LINK = "link", _("Only through my private link")

    title = models.CharField(_("question"), max_length=200)
    body = models.TextField(_("details"))
    topic = models.ForeignKey("topics.Topic", on_delete=models.PROTECT, related_name="+", verbose_name=_("topic"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    city = models.CharField(_("city"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    notify_by = models.CharField(_("tell me of an answer"), max_length=8, choices=Notify.choices, default=Notify.LINK)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="forum_questions"
    )
    token_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    submission_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    flags = models.JSONField(_("likely personal data"), default=list, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged", verbose_name=_("merged into")
    )
    referred_centre = models.ForeignKey(
        "centres.Centre", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("centre")
    )
    referral_note = models.TextField(_("referral note"), blank=True)
    # The centre recorded the consultation it held on the referred matter (the referral is then handled).
    consultation = models.ForeignKey(
        "consultations.Consultation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_questions",
        verbose_name=_("consultation"),
    )
    referral_handled_at = models.DateTimeField(_("referral handled"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    accepted_answer = models.ForeignKey(
        "Answer", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("accepted answer")
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True, db_index=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    first_answered_at = models.DateTimeField(_("first answered"), null=True, blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        permissions = [
            ("moderate_question", _("Can moderate forum questions")),
            ("answer_question", _("Can answer forum questions")),
            ("view_forum_figures", _("Can see the forum figures")),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"]),
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["status", "topic", "published_at"]),
            models.Index(fields=["status", "language", "published_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def answers_accepted_first(self) -> models.QuerySet:
        """This question's answers, the accepted one first, then the oldest first (pages and API alike)."""
        accepted = (
            models.Case(models.When(pk=self.accepted_answer_id, then=0), default=1)
            if self.accepted_answer_id
            else models.Value(1)
        )
        return self.answers.order_by(accepted, "created_at", "pk")

    def check_token(self, token: str) -> bool:
        return bool(self.token_hash) and self.token_hash == token_digest(token)


class Answer(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="forum_answers"
    )
    author_role = models.CharField(_("role"), max_length=32)
    centre = models.ForeignKey(
        "centres.Centre", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("centre")
    )
    show_name = models.BooleanField(_("show my name with this answer"), default=False)
    body = models.TextField(_("answer"))
    articles = models.ManyToManyField("knowledge.Article", blank=True, related_name="+", verbose_name=_("articles"))
    article_draft = models.ForeignKey(
        "knowledge.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_answers",
        verbose_name=_("knowledge-base article made from this answer"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.question_id}: {self.body[:40]}"

    @property
    def role_label(self) -> str:
        from integra.accounts.roles import ROLE_LABELS

        return str(ROLE_LABELS.get(self.author_role, self.author_role))

    @property
    def shown_name(self) -> str:
        if self.show_name and self.author is not None:
            return self.author.get_full_name() or self.author.get_username()
        return ""


class Reply(models.Model):
    """The asker writing again through their private link; seen by the asker and staff only."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField(_("your reply"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return self.body[:40]
