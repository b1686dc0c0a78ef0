"""Questions and answers: public read of published questions; staff answer and moderate.

Every change goes through integra.forum.services and is validated with the forms the pages use.
"""

from datetime import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Query, Router, Schema, Status

from integra.api.auth import StaffToken
from integra.api.permissions import public, requires
from integra.api.schemas import Error, form_errors
from integra.centres.models import Centre
from integra.core.audit import as_actor
from integra.forum import forms, services
from integra.forum.models import Answer, Question
from integra.knowledge.models import Article

router = Router(tags=["forum"])
STAFF_ERRORS = {401: Error, 403: Error, 404: Error, 422: Error}


class AnswerOut(Schema):
    id: int
    body: str
    role: str
    centre: str | None = Field(None, description="The slug of the expert's centre.")
    name: str | None = Field(None, description="Only when the expert chose to show it with this answer.")
    accepted: bool
    articles: list[str] = Field(..., description="Slugs of linked knowledge-base articles.")
    created_at: datetime


class QuestionSummary(Schema):
    id: int
    title: str
    topic: str
    language: str
    published_at: datetime | None
    answered: bool
    accepted_answer: int | None


class QuestionOut(QuestionSummary):
    body: str
    city: str
    answers: list[AnswerOut]


class QuestionPage(Schema):
    count: int
    items: list[QuestionSummary]


class PendingQuestion(Schema):
    id: int
    title: str
    body: str
    topic: str
    language: str
    created_at: datetime
    flags: list[dict]


class QuestionFilter(Schema):
    topic: str | None = Field(None, max_length=50)
    language: str | None = Field(None, max_length=8)
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


class AnswerIn(Schema):
    body: str = Field(..., max_length=forms.ANSWER_MAX + 1)
    show_name: bool = False
    articles: list[str] = Field(default_factory=list, max_length=20, description="Article slugs to link.")


class ModerateIn(Schema):
    action: Literal["publish", "spam", "hide", "merge", "refer"]
    title: str | None = Field(None, max_length=forms.TITLE_MAX + 1, description="Edited title (publish).")
    body: str | None = Field(None, max_length=forms.BODY_MAX + 1, description="Edited text (publish).")
    into: int | None = Field(None, ge=1, le=2**31 - 1, description="The published question a duplicate merges into.")
    centre: str | None = Field(None, max_length=50, description="Slug of the centre a matter is referred to.")
    note: str = Field("", max_length=2000)


def answer_out(answer: Answer, question: Question) -> dict:
    return {
        "id": answer.pk,
        "body": answer.body,
        "role": answer.author_role,
        "centre": answer.centre.slug if answer.centre else None,
        "name": answer.shown_name or None,
        "accepted": answer.pk == question.accepted_answer_id,
        "articles": [article.slug for article in answer.articles.all()],
        "created_at": answer.created_at,
    }


def summary_out(question: Question) -> dict:
    return {
        "id": question.pk,
        "title": question.title,
        "topic": question.topic.slug,
        "language": question.language,
        "published_at": question.published_at,
        "answered": question.first_answered_at is not None,
        "accepted_answer": question.accepted_answer_id,
    }


def question_out(question: Question) -> dict:
    answers = question.answers_accepted_first().select_related("centre", "author").prefetch_related("articles")
    return summary_out(question) | {
        "body": question.body,
        "city": question.city,
        "answers": [answer_out(a, question) for a in answers],
    }


@router.get("/questions", response={200: QuestionPage, 422: Error}, summary="Published questions, newest first")
@public
def list_questions(request, filters: Query[QuestionFilter]):
    questions = Question.objects.published().select_related("topic")
    if filters.topic:
        questions = questions.filter(topic__slug=filters.topic)
    if filters.language:
        questions = questions.filter(language=filters.language)
    page = questions[filters.offset : filters.offset + filters.limit]
    return {"count": questions.count(), "items": [summary_out(q) for q in page]}


@router.get(
    "/questions/{question_id}", response={200: QuestionOut, 404: Error, 422: Error}, summary="A published question"
)
@public
def get_question(request, question_id: int):
    question = Question.objects.published().select_related("topic").filter(pk=question_id).first()
    if question is None:
        raise Http404
    return question_out(question)


@router.get(
    "/moderation",
    auth=StaffToken(),
    response={200: list[PendingQuestion], **STAFF_ERRORS},
    summary="Questions waiting for moderation, oldest first (moderators)",
)
@requires("forum.moderate_question")
def moderation_queue(request):
    questions = Question.objects.pending().select_related("topic").order_by("created_at", "id")[:200]
    return [
        {
            "id": q.pk,
            "title": q.title,
            "body": q.body,
            "topic": q.topic.slug,
            "language": q.language,
            "created_at": q.created_at,
            "flags": q.flags,
        }
        for q in questions
    ]


@router.post(
    "/questions/{question_id}/moderate",
    auth=StaffToken(),
    response={200: QuestionSummary, 400: Error, **STAFF_ERRORS},
    summary="Publish (optionally edited), mark as spam, hide, merge into a duplicate or refer to a centre",
)
@requires("forum.moderate_question")
def moderate(request, question_id: int, payload: ModerateIn):
    user = request.auth
    question = Question.objects.select_related("topic").filter(pk=question_id).first()
    if question is None:
        raise Http404
    form = None
    if payload.action == "publish":
        form = forms.ModerationForm(
            {
                "title": question.title if payload.title is None else payload.title,
                "body": question.body if payload.body is None else payload.body,
                "topic": question.topic_id,
                "city": question.city,
            }
        )
    elif payload.action == "merge":
        form = forms.MergeForm({"into": payload.into})
    elif payload.action == "refer":
        centre = Centre.objects.active().filter(slug=payload.centre or "").first()
        form = forms.ReferForm({"centre": centre.pk if centre else "", "note": payload.note})
    if form is not None and not form.is_valid():
        return Status(422, {"detail": form_errors(form)})
    try:
        with as_actor(user):
            services.question_moderate(
                question=question, by=user, action=payload.action, **(form.cleaned_data if form else {})
            )
    except ValidationError as error:
        form.add_error(None, error)
        return Status(422, {"detail": form_errors(form)})
    question.refresh_from_db()
    return summary_out(question)


@router.post(
    "/questions/{question_id}/answers",
    auth=StaffToken(),
    response={201: AnswerOut, 400: Error, **STAFF_ERRORS},
    summary="Answer a published question (consultants and experts)",
)
@requires("forum.answer_question")
def answer(request, question_id: int, payload: AnswerIn):
    user = request.auth
    question = Question.objects.published().filter(pk=question_id).first()
    if question is None:
        raise Http404

    article_ids = list(Article.objects.filter(slug__in=payload.articles).values_list("pk", flat=True))
    unknown = set(payload.articles) - set(Article.objects.filter(pk__in=article_ids).values_list("slug", flat=True))
    form = forms.AnswerForm({"body": payload.body, "show_name": payload.show_name, "articles": article_ids})
    if unknown or not form.is_valid():
        detail = form_errors(form) if not form.is_valid() else ""
        return Status(422, {"detail": (detail + (f" articles: unknown {sorted(unknown)}" if unknown else "")).strip()})
    with as_actor(user):
        created = services.answer_create(question=question, author=user, **form.cleaned_data)
    return Status(201, answer_out(created, question))


@router.post(
    "/questions/{question_id}/answers/{answer_id}/accept",
    auth=StaffToken(),
    response={200: QuestionSummary, **STAFF_ERRORS},
    summary="Accept an answer (moderators)",
)
@requires("forum.moderate_question")
def accept(request, question_id: int, answer_id: int):
    user = request.auth
    found = Answer.objects.select_related("question__topic").filter(pk=answer_id, question_id=question_id).first()
    if found is None:
        raise Http404
    with as_actor(user):
        services.answer_accept(answer=found)
    found.question.refresh_from_db()
    return summary_out(found.question)
