"""The one way to change questions and answers: pages, the API, tasks and the demo loader call these."""

import secrets
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from integra.accounts import roles
from integra.accounts.models import User
from integra.centres.models import Centre
from integra.consultations.services import consultation_record
from integra.core.crypto import submission_hash
from integra.core.i18n import pick
from integra.forum.models import Answer, Question, Reply, token_digest
from integra.forum.pii import find_personal_data
from integra.forum.tasks import notify_answered
from integra.knowledge import search
from integra.knowledge.models import Article
from integra.knowledge.sanitize import plain_to_html
from integra.knowledge.services import article_create
from integra.topics.models import Topic

KIND = "question"  # the search document kind
Status = Question.Status


# --- Asking ---------------------------------------------------------------------------------


def new_token() -> str:
    """An unguessable private-link token (256 bits); only its SHA-256 is stored."""
    return secrets.token_urlsafe(32)


@transaction.atomic
def question_submit(
    *,
    title: str,
    body: str,
    topic,
    language: str,
    city: str = "",
    notify_by: str = Question.Notify.LINK,
    email: str = "",
    phone: str = "",
    member=None,
    submission_key: str = "",
) -> tuple[Question, str | None]:
    """A new question waiting for moderation, and its private-link token (None when this submission
    key was already used: a double submit makes one question and shows the token only once)."""
    digest = submission_hash("forum-question", submission_key) if submission_key else None
    if digest and Question.objects.filter(submission_hash=digest).exists():
        return Question.objects.get(submission_hash=digest), None
    token = new_token()
    text = f"{title}\n{body}"
    question = Question(
        title=title.strip(),
        body=body.strip(),
        topic=topic,
        language=language,
        city=(city or "").strip(),
        notify_by=notify_by,
        email=email if notify_by == Question.Notify.EMAIL else "",
        phone=phone if notify_by == Question.Notify.SMS else "",
        member=member if member is not None and getattr(member, "is_authenticated", False) else None,
        token_hash=token_digest(token),
        submission_hash=digest,
        flags=[finding.as_dict() for finding in find_personal_data(text)],
    )
    try:
        with transaction.atomic():
            question.save()
    except IntegrityError:
        existing = Question.objects.filter(submission_hash=digest).first() if digest else None
        if existing is None:
            raise
        return existing, None
    return question, token


def question_by_token(token: str) -> Question | None:
    if not token or len(token) > 200:
        return None
    return Question.objects.with_details().filter(token_hash=token_digest(token)).first()


@transaction.atomic
def reply_add(*, question: Question, body: str) -> Reply:
    return Reply.objects.create(question=question, body=body.strip())


# --- Similar questions and the search index -------------------------------------------------------


def question_document(question: Question) -> search.Document:
    answers = "\n".join(answer.body for answer in question.answers.all())
    return search.Document(
        kind=KIND,
        key=str(question.pk),
        language=question.language,
        title=question.title,
        body=f"{question.body}\n{answers}",
    )


def question_index(question: Question) -> None:
    """Keep the public index in step: published questions are in it, every other one is not."""
    if question.status == Status.PUBLISHED:
        search.index_documents([question_document(question)])
    else:
        search.remove_documents(kind=KIND, keys=[str(question.pk)])


def similar_questions(text: str, *, language: str | None = None, limit: int = 5) -> list[Question]:
    """Published, answered questions like `text`: all its longer words first, then each of them alone."""
    words = sorted({w for w in search.terms(text) if len(w) > 3}, key=len, reverse=True)[:4]
    if not words:
        return []
    found: dict[int, float] = {}
    attempts = [" ".join(words)] + (words if len(words) > 1 else [])
    for attempt in attempts:
        results = search.search(attempt, kinds=[KIND], language=language, limit=limit)
        for hit in results.hits:
            if hit.key.isdigit():
                found.setdefault(int(hit.key), hit.rank)
        if len(found) >= limit:
            break
    if not found:
        return []
    questions = (
        Question.objects.published().filter(pk__in=found, first_answered_at__isnull=False).select_related("topic")
    )
    by_pk = {q.pk: q for q in questions}
    return [by_pk[pk] for pk in found if pk in by_pk][:limit]


def question_search(query: str, *, language: str | None = None, limit: int = 50) -> tuple[list[Question], object]:
    results = search.search(query, kinds=[KIND], language=language, limit=limit)
    keys = [int(hit.key) for hit in results.hits if hit.key.isdigit()]
    by_pk = {q.pk: q for q in Question.objects.published().filter(pk__in=keys).with_details()}
    return [by_pk[pk] for pk in keys if pk in by_pk], results


# --- Moderation --------------------------------------------------------------------------------

MODERATION_ACTIONS = ("save", "publish", "spam", "hide", "merge", "refer")


def _moderated(question: Question, by: User | None, status: str) -> None:
    question.status = status
    question.moderated_by = by
    question.moderated_at = timezone.now()


@transaction.atomic
def question_moderate(
    *,
    question: Question,
    by: User | None,
    action: str,
    title: str | None = None,
    body: str | None = None,
    topic: Topic | None = None,
    city: str | None = None,
    into: Question | None = None,
    centre: Centre | None = None,
    note: str = "",
) -> Question:
    """The one place of the moderation rules; the moderation page and the API call it.

    save: edit out personal data (or tidy the text; the flags are computed again); publish: the same,
    then the question is public; spam and hide: never public; merge: a duplicate leads to the published
    question `into` and its answers move there; refer: the matter is taken private and referred to
    `centre` with a `note`. Texts left as None are kept. Refused with ValidationError keyed by field;
    an action not in MODERATION_ACTIONS is a programming error (ValueError)."""
    if action not in MODERATION_ACTIONS:
        raise ValueError(f"unknown moderation action {action!r}")
    if action in ("save", "publish"):
        edits = {"title": title, "body": body, "topic": topic, "city": city}
        if any(value is not None for value in edits.values()):
            _edit(question, by, **{name: getattr(question, name) if v is None else v for name, v in edits.items()})
        if action == "publish":
            _moderated(question, by, Status.PUBLISHED)
            question.published_at = question.published_at or timezone.now()
            question.save()
    elif action == "spam":
        _moderated(question, by, Status.SPAM)
        question.save()
    elif action == "hide":
        _moderated(question, by, Status.HIDDEN)
        question.save()
    elif action == "merge":
        _merge(question, by, into)
    else:
        if centre is None or not centre.is_active:
            raise ValidationError({"centre": _("Choose the centre.")})
        _moderated(question, by, Status.REFERRED)
        question.referred_centre = centre
        question.referral_note = note.strip()
        question.save()
    question_index(question)
    return question


def _edit(question: Question, by: User | None, *, title: str, body: str, topic: Topic, city: str) -> None:
    question.title, question.body, question.topic, question.city = title.strip(), body.strip(), topic, city.strip()
    question.flags = [finding.as_dict() for finding in find_personal_data(f"{question.title}\n{question.body}")]
    question.moderated_by, question.moderated_at = by, timezone.now()
    question.save()


def _merge(question: Question, by: User | None, into: Question | None) -> None:
    if into is None:
        raise ValidationError({"into": _("Write the number of the question to merge into.")})
    if into.pk == question.pk:
        raise ValidationError({"into": _("A question cannot be merged into itself: choose another one.")})
    if into.status != Status.PUBLISHED:
        raise ValidationError({"into": _("There is no published question with this number.")})
    question.answers.update(question=into)
    if into.first_answered_at is None and question.first_answered_at is not None:
        into.first_answered_at = question.first_answered_at
        into.save(update_fields=["first_answered_at"])
    _moderated(question, by, Status.MERGED)
    question.merged_into = into
    question.accepted_answer = None
    question.save()
    question_index(into)


@transaction.atomic
def question_consultation_record(
    *,
    question: Question,
    by: User,
    held_on,
    channel: str,
    topics,
    language: str,
    duration_minutes: int,
    outcome: str,
    notes: str = "",
    client=None,
):
    """The centre held the consultation a moderator referred the question for: record it (through the one
    consultations service), link it to the question and mark the referral handled. Once per question: a
    second submit returns the consultation already recorded."""

    locked = Question.objects.select_for_update().get(pk=question.pk)
    if locked.consultation_id is not None:
        return locked.consultation
    if locked.status != Status.REFERRED or locked.referred_centre_id is None:
        raise ValidationError(_("This question is not referred to a centre."))
    if client is not None and client.centre_id != locked.referred_centre_id:
        raise ValidationError(_("This client file belongs to another centre."))
    consultation = consultation_record(
        by=by,
        centre=locked.referred_centre,
        held_on=held_on,
        channel=channel,
        topics=topics,
        language=language,
        duration_minutes=duration_minutes,
        outcome=outcome,
        notes=notes,
        client=client,
    )
    locked.consultation = consultation
    locked.referral_handled_at = timezone.now()
    locked.save(update_fields=["consultation", "referral_handled_at"])
    question.consultation, question.referral_handled_at = consultation, locked.referral_handled_at
    return consultation


# --- Answers ----------------------------------------------------------------------------------


def answer_role(user) -> str:
    for role in (roles.CONSULTANT, roles.EXPERT, roles.MODERATOR, roles.COORDINATOR):
        if user.has_role(role):
            return role
    return next(iter(sorted(user.roles)), "")


@transaction.atomic
def answer_create(*, question: Question, author, body: str, show_name: bool = False, articles=()) -> Answer:
    if question.status != Status.PUBLISHED:
        raise ValidationError(_("Only published questions can be answered."))
    centre = author.centres.order_by("slug").first()
    answer = Answer.objects.create(
        question=question,
        author=author,
        author_role=answer_role(author),
        centre=centre,
        show_name=show_name,
        body=body.strip(),
    )
    if articles:
        answer.articles.set(articles)
    first = question.first_answered_at is None
    if first:
        question.first_answered_at = answer.created_at
        question.save(update_fields=["first_answered_at"])
    question_index(question)

    transaction.on_commit(lambda: notify_answered.enqueue(answer.pk))
    return answer


@transaction.atomic
def answer_accept(*, answer: Answer) -> Answer:
    question = answer.question
    question.accepted_answer = answer
    question.save(update_fields=["accepted_answer"])
    return answer


def can_make_article(user) -> bool:
    return user.has_perm("knowledge.add_article") or user.has_perm("forum.moderate_question")


@transaction.atomic
def answer_to_article_draft(*, answer: Answer, user):
    """One step: the answer becomes a draft article in the knowledge base, linked both ways."""

    if not can_make_article(user):
        raise PermissionDenied
    if answer.article_draft is not None:
        return answer.article_draft
    question = answer.question
    slug = f"forum-{question.pk}-{answer.pk}"
    if Article.objects.filter(slug=slug).exists():
        slug = f"{slug}-{secrets.token_hex(3)}"
    article = article_create(
        user=user,
        slug=slug,
        topic=question.topic,
        source_language=question.language,
        title=question.title[:200],
        summary="",
        body=plain_to_html(f"{question.body}\n\n{answer.body}"),
    )
    answer.article_draft = article
    answer.save(update_fields=["article_draft"])
    return article


# --- Target time and figures -----------------------------------------------------------------------


def add_working_days(start: datetime, days: int) -> datetime:
    """`days` working days (Monday to Friday) after `start`, at the same time of day."""
    moment = start
    added = 0
    while added < days:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            added += 1
    return moment


def answer_due(question: Question) -> datetime:
    start = question.published_at or question.created_at
    return add_working_days(timezone.localtime(start), settings.FORUM_ANSWER_TARGET_WORKING_DAYS)


def is_overdue(question: Question, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    answered = question.first_answered_at
    return (answered or now) > answer_due(question)


@dataclass
class Figures:
    by_topic: list[tuple[str, int]]
    by_language: list[tuple[str, int]]
    by_month: list[tuple[str, int]]
    total: int
    answered: int
    median_hours: float | None
    within_target: float | None  # share of answered questions answered within the target, 0..1


def forum_figures(*, start=None, end=None) -> Figures:
    """Questions asked (not spam) by topic, language and month; time to first answer; share within target."""
    questions = Question.objects.exclude(status=Status.SPAM)
    if start:
        questions = questions.filter(created_at__date__gte=start)
    if end:
        questions = questions.filter(created_at__date__lte=end)
    topics = Counter()
    for row in questions.values("topic__slug", "topic__name").annotate(n=Count("id")).order_by():
        topics[pick(row["topic__name"]) or row["topic__slug"]] += row["n"]
    languages = questions.values_list("language").annotate(n=Count("id")).order_by("language")
    months = (
        questions.annotate(month=TruncMonth("created_at"))
        .values_list("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    answered = list(
        questions.filter(first_answered_at__isnull=False).values_list("created_at", "published_at", "first_answered_at")
    )
    waits = [(first - created).total_seconds() / 3600 for created, _published, first in answered]
    within = 0
    target = settings.FORUM_ANSWER_TARGET_WORKING_DAYS
    for created, published, first in answered:
        if first <= add_working_days(timezone.localtime(published or created), target):
            within += 1
    return Figures(
        by_topic=sorted(topics.items(), key=lambda item: (-item[1], item[0])),
        by_language=[(language, n) for language, n in languages],
        by_month=[(f"{month:%Y-%m}", n) for month, n in months if month],
        total=questions.count(),
        answered=len(answered),
        median_hours=round(statistics.median(waits), 1) if waits else None,
        within_target=(within / len(answered)) if answered else None,
    )
