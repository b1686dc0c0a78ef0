"""Back office: the moderation queue, the unanswered list, answering, and the figures."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from integra.centres.forms import CentreFilterForm
from integra.core.audit import log_read
from integra.core.permissions import requires
from integra.forum import forms, services
from integra.forum.models import Answer, Question

PER_PAGE = 50


def _can_answer(user) -> bool:
    return user.has_perm("forum.answer_question")


def _can_moderate(user) -> bool:
    return user.has_perm("forum.moderate_question")


# Answering, moderating and turning an answer into an article all start from the question pages.
answer_or_moderate = requires("forum.answer_question", "forum.moderate_question", "knowledge.add_article", any_of=True)


@requires("forum.moderate_question")
def moderation_queue(request):
    questions = Question.objects.pending().select_related("topic").order_by("created_at", "id")
    page = Paginator(questions, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "forum/staff/moderation.html", {"page": page, "questions": page.object_list})


@requires("forum.moderate_question")
def moderate(request, pk: int):
    """The moderation page: each action's form reads the input; services.question_moderate holds the rules."""
    question = get_object_or_404(Question.objects.with_details(), pk=pk)
    initial = {"title": question.title, "body": question.body, "topic": question.topic, "city": question.city}
    shown = {
        "form": forms.ModerationForm(initial=initial),
        "merge_form": forms.MergeForm(),
        "refer_form": forms.ReferForm(),
    }
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in services.MODERATION_ACTIONS:
            raise Http404
        name = {"save": "form", "publish": "form", "merge": "merge_form", "refer": "refer_form"}.get(action)
        bound = shown[name] = type(shown[name])(request.POST) if name else None
        if bound is None or bound.is_valid():
            try:
                services.question_moderate(
                    question=question, by=request.user, action=action, **(bound.cleaned_data if bound else {})
                )
            except ValidationError as error:
                bound.add_error(None, error)
            else:
                done = {
                    "save": _("Your changes are saved."),
                    "publish": _("The question is published."),
                    "spam": _("The question is marked as spam."),
                    "hide": _("The question is hidden."),
                    "merge": _("The question is merged."),
                    "refer": _("The question is referred to the centre and is private."),
                }
                messages.success(request, done[action])
                if action == "save":
                    return redirect("forum_staff:moderate", pk=question.pk)
                return redirect("forum_staff:moderation")
    return render(request, "forum/staff/moderate.html", {"question": question, **shown})


@answer_or_moderate
def unanswered(request):
    now = timezone.now()
    questions = Question.objects.unanswered().select_related("topic").order_by("published_at", "id")
    page = Paginator(questions, PER_PAGE).get_page(request.GET.get("page"))
    rows = [(q, services.answer_due(q), services.is_overdue(q, now)) for q in page.object_list]
    return render(request, "forum/staff/unanswered.html", {"page": page, "rows": rows})


def _referred_to_my_centres(user):
    """Questions taken private and referred to a centre: a centre's staff see their centres' ones."""
    questions = Question.objects.filter(status=Question.Status.REFERRED)
    if _can_moderate(user) or user.is_network_wide:
        return questions
    return questions.filter(referred_centre__slug__in=user.centre_slugs)


def _staff_question(request, pk: int) -> Question:
    questions = Question.objects.with_details().select_related("referred_centre")
    if not _can_moderate(request.user):
        visible = Q(status=Question.Status.PUBLISHED) | Q(pk__in=_referred_to_my_centres(request.user).values("pk"))
        questions = questions.filter(visible)
    question = get_object_or_404(questions, pk=pk)
    if question.status == Question.Status.REFERRED:
        log_read(question)  # the asker's contact details are shown to the centre
    return question


def _in_my_centres(user, centre_id) -> bool:
    from integra.centres.models import Centre

    return centre_id is not None and Centre.objects.for_user(user).filter(pk=centre_id).exists()


@answer_or_moderate
def referred(request):
    from integra.centres.models import Centre

    centre_form = CentreFilterForm(request.GET, user=request.user)
    questions = centre_form.filter(
        _referred_to_my_centres(request.user).select_related("topic", "referred_centre"), "referred_centre"
    )
    page = Paginator(questions.order_by("-moderated_at", "-id"), PER_PAGE).get_page(request.GET.get("page"))
    can_record = request.user.has_perm("consultations.add_consultation")
    my_centres = set(Centre.objects.for_user(request.user).values_list("pk", flat=True)) if can_record else set()
    rows = [(q, q.referred_centre_id in my_centres) for q in page.object_list]
    return render(
        request,
        "forum/staff/referred.html",
        {"page": page, "questions": page.object_list, "rows": rows, "centre_form": centre_form},
    )


@requires("consultations.add_consultation")
def record_consultation(request, pk: int):
    """A centre's staff record the consultation they held on a question referred to their centre."""
    from integra.centres.models import Centre

    question = get_object_or_404(
        Question.objects.with_details().select_related("referred_centre"),
        pk=pk,
        status=Question.Status.REFERRED,
        referred_centre__in=Centre.objects.for_user(request.user),
    )
    if question.consultation_id is not None:
        messages.info(request, _("The consultation for this question is already recorded."))
        return redirect("consultations_staff:detail", pk=question.consultation_id)
    form = forms.ConsultationRecordForm(request.POST or None, question=question, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.question_consultation_record(
                question=question, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The consultation was recorded and the referral is handled."))
            return redirect("consultations_staff:detail", pk=consultation.pk)
    return render(request, "forum/staff/record_consultation.html", {"question": question, "form": form})


@answer_or_moderate
def question(request, pk: int):
    """One question for the back office: answers, the asker's replies, the answer form."""
    question = _staff_question(request, pk)
    form = forms.AnswerForm()
    if request.method == "POST":
        if not _can_answer(request.user):
            raise PermissionDenied
        form = forms.AnswerForm(request.POST)
        if form.is_valid():
            try:
                services.answer_create(question=question, author=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your answer is published."))
                return redirect("forum_staff:question", pk=question.pk)
    answers = (
        question.answers_accepted_first()
        .select_related("author", "centre", "article_draft")
        .prefetch_related("articles")
    )
    return render(
        request,
        "forum/staff/question.html",
        {
            "question": question,
            "answers": answers,
            "replies": list(question.replies.all()),
            "form": form,
            "can_answer": _can_answer(request.user) and question.is_public,
            "can_moderate": _can_moderate(request.user),
            "can_record_consultation": question.status == Question.Status.REFERRED
            and request.user.has_perm("consultations.add_consultation")
            and _in_my_centres(request.user, question.referred_centre_id),
            "can_make_article": services.can_make_article(request.user),
            "due": services.answer_due(question),
            "overdue": services.is_overdue(question),
        },
    )


@requires("forum.moderate_question")
def accept(request, pk: int, answer_pk: int):
    if request.method != "POST":
        raise Http404
    answer = get_object_or_404(Answer.objects.select_related("question"), pk=answer_pk, question_id=pk)
    services.answer_accept(answer=answer)
    messages.success(request, _("The answer is accepted."))
    return redirect("forum_staff:question", pk=pk)


@requires("knowledge.add_article", "forum.moderate_question", any_of=True)  # as services.can_make_article
def make_article(request, pk: int, answer_pk: int):
    if request.method != "POST":
        raise Http404
    answer = get_object_or_404(Answer.objects.select_related("question__topic"), pk=answer_pk, question_id=pk)
    services.answer_to_article_draft(answer=answer, user=request.user)
    messages.success(request, _("A draft article was made from this answer in the knowledge base."))
    return redirect("forum_staff:question", pk=pk)


@requires("forum.view_forum_figures")
def figures(request):
    return render(request, "forum/staff/figures.html", {"figures": services.forum_figures()})
