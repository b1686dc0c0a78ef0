"""Public pages: the archive, a question page, asking (one question per page) and the private link."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from integra.accounts.services import visiting_member
from integra.core import grants
from integra.core.pagecache import remember
from integra.core.permissions import public, signed_in
from integra.core.wizard import Step, Wizard
from integra.forum import forms, ratelimit, services
from integra.forum.models import Answer, Question
from integra.topics.models import Topic

PER_PAGE = 20
LANGUAGES = dict(settings.LANGUAGES)


def too_many(request):
    response = render(request, "forum/too_many.html", status=429)
    response["Retry-After"] = "3600"
    return response


@public
def question_list(request):
    """Without a search, the list's main part is a fragment kept per language, content version, filter and page
    number (forum/list.html): the topics are read once per version and the page of questions only when the
    fragment is made. A search is made afresh each time."""
    topics = remember(("forum-topics",), lambda: list(Topic.objects.active()))
    topic = next((t for t in topics if t.slug == request.GET.get("topic")), None)
    language = request.GET.get("language") if request.GET.get("language") in LANGUAGES else ""
    query = (request.GET.get("q") or "").strip()[:200]
    context = {"topics": topics, "topic": topic, "language": language, "query": query, "languages": LANGUAGES}
    if query:
        found, results = services.question_search(query, language=language or None)
        if topic is not None:
            found = [q for q in found if q.topic_id == topic.pk]
        context |= {"questions": found, "results": results, "searching": True}
    else:

        def first_page():
            questions = Question.objects.published().select_related("topic").defer("body")
            if topic is not None:
                questions = questions.filter(topic=topic)
            if language:
                questions = questions.filter(language=language)
            return Paginator(questions, PER_PAGE).get_page(request.GET.get("page"))

        page = SimpleLazyObject(first_page)
        questions = SimpleLazyObject(lambda: page.object_list)
        context |= {"questions": questions, "page": page, "page_asked": request.GET.get("page", "")[:20]}
    return render(request, "forum/list.html", context)


def _answers_accepted_first(question: Question) -> list[Answer]:
    answers = list(
        question.answers_accepted_first().select_related("centre", "author").prefetch_related("articles__translations")
    )
    language = get_language()
    for answer in answers:
        # Linked articles with their title in the visitor's language (published translations only).
        answer.linked = [
            (article, translation)
            for article in answer.articles.all()
            if (translation := article.best_translation(language)) is not None
        ]
    return answers


@public
def question_detail(request, pk: int):
    """The question is read once per process and content version, its answers only when the page's main part
    is made (a fragment kept per language and version; never for the asker, whose page has the accept forms)."""
    question = remember(("forum-question", pk), lambda: Question.objects.with_details().filter(pk=pk).first())
    if question is None:
        raise Http404
    if question.status == Question.Status.MERGED and question.merged_into_id:
        return redirect("forum:detail", pk=question.merged_into_id)
    if not question.is_public:
        raise Http404
    is_asker = request.user.is_authenticated and question.member_id == request.user.pk
    answers = SimpleLazyObject(lambda: _answers_accepted_first(question))
    return render(request, "forum/detail.html", {"question": question, "answers": answers, "can_accept": is_asker})


@public
@require_POST
def accept_as_member(request, pk: int):
    """A member accepts an answer to their own question from the public page."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    question = get_object_or_404(Question.objects.published(), pk=pk, member=request.user)
    chosen = request.POST.get("answer", "")
    answer = get_object_or_404(question.answers, pk=int(chosen) if chosen.isdigit() else 0)
    services.answer_accept(answer=answer)
    return redirect("forum:detail", pk=question.pk)


@public
def similar_json(request):
    """Similar answered questions while the visitor types (the small script on the ask page)."""
    if not ratelimit.allow(request, "similar"):
        return JsonResponse({"results": []}, status=429)
    text = (request.GET.get("q") or "")[:300]
    questions = services.similar_questions(text, language=get_language())
    return JsonResponse(
        {"results": [{"title": q.title, "url": reverse("forum:detail", args=[q.pk])} for q in questions]}
    )


@signed_in
def my_questions(request):
    """A member's own questions, in every state (staff have the back office instead)."""
    questions = Question.objects.filter(member=request.user).select_related("topic").order_by("-created_at")
    return render(request, "forum/mine.html", {"questions": questions})


# --- asking ------------------------------------------------------------------------------------


class AskWizard(Wizard):
    name = "forum_ask"
    steps = [
        Step("question", forms.QuestionForm, _("What is your question?")),
        Step("topic", forms.TopicForm, _("What is your question about?")),
        Step("city", forms.CityForm, _("Where do you live? (optional)")),
        Step("notify", forms.NotifyForm, _("How should we tell you about an answer?")),
        Step("similar", forms.SimilarForm, _("Similar questions already answered")),
    ]
    template_name = "forum/ask_step.html"
    check_template_name = "forum/ask_check.html"
    current_step = None

    def render_step(self, request, step, answers, key, form=None, error=None, to_check=False):
        self.current_step = step
        return super().render_step(request, step, answers, key, form=form, error=error, to_check=to_check)

    def extra_context(self, request, data):
        if self.current_step is not None and self.current_step.name == "similar":
            text = f"{data.get('title', '')} {data.get('body', '')[:300]}"
            return {"similar": services.similar_questions(text, language=get_language())}
        return {}

    def summary(self, request, answers):
        rows = super().summary(request, answers)
        hidden = {str(forms.QuestionForm.base_fields["website"].label)}
        return [(step, [(label, value) for label, value in shown if str(label) not in hidden]) for step, shown in rows]

    def done(self, request, data, submission_key):
        if not ratelimit.allow(request, "ask"):
            return too_many(request)
        if data.get("website"):
            return self.sent(render(request, "forum/sent.html"))  # a bot: looks sent, nothing is kept
        question, token = services.question_submit(
            title=data["title"],
            body=data["body"],
            topic=data["topic"],
            language=get_language(),
            city=data.get("city", ""),
            notify_by=data["notify_by"],
            email=data.get("email") or "",
            phone=str(data.get("phone") or ""),
            member=visiting_member(request.user),
            submission_key=submission_key,
        )
        if token is None:
            return self.sent(render(request, "forum/sent.html", {"already": True}))
        link = request.build_absolute_uri(reverse("forum:private", args=[token]))
        response = render(request, "forum/confirmation.html", {"question": question, "link": link})
        response["Referrer-Policy"] = "no-referrer"
        return self.sent(response)  # shown again on reload, in this browser, for 30 minutes


ask = public(never_cache(AskWizard.as_view()))


# --- the private link --------------------------------------------------------------------------


def _private_page(request, question, token, form=None, sent=False, status=200):
    response = render(
        request,
        "forum/private.html",
        {
            "question": question,
            "token": token,
            "answers": _answers_accepted_first(question),
            "replies": list(question.replies.all()),
            "form": form or forms.ReplyForm(),
            "sent": sent,
        },
        status=status,
    )
    if token is not None:
        # The address carries the secret: no referrer at all. At /questions/private/ (no token) the site's
        # "same-origin" holds, as the page's own forms need: with "no-referrer" Chromium posts them with
        # "Origin: null" and the CSRF check refuses the reply and the accept buttons.
        response["Referrer-Policy"] = "no-referrer"
    return response


PRIVATE_GRANT = "forum.private"
PRIVATE_GRANT_MAX_AGE = 2 * 3600


def _private_not_found(request, expired=False):
    response = render(request, "forum/private_not_found.html", {"expired": expired}, status=404)
    response["Referrer-Policy"] = "no-referrer"
    return response


@public
@never_cache
def private(request, token: str | None = None):
    """The private link: the token is exchanged for a grant in this browser session, then the page
    lives at /questions/private/ without the token, so it is in one request only (issue 9)."""
    if token is not None:
        question = services.question_by_token(token)
        if question is None:
            return _private_not_found(request)
        grants.grant(request, PRIVATE_GRANT, question.pk, PRIVATE_GRANT_MAX_AGE)
        if request.method != "POST":
            return redirect("forum:private_page")
    else:
        pk = grants.granted(request, PRIVATE_GRANT)
        question = Question.objects.with_details().filter(pk=pk).first() if pk else None
        if question is None:
            return _private_not_found(request, expired=True)
    if request.method != "POST":
        return _private_page(request, question, token)
    if not ratelimit.allow(request, "reply"):
        return too_many(request)
    if "accept" in request.POST:
        answer = question.answers.filter(pk=request.POST.get("accept") if request.POST["accept"].isdigit() else 0)
        answer = answer.first()
        if answer is None:
            raise Http404
        services.answer_accept(answer=answer)
        return redirect("forum:private_page")
    form = forms.ReplyForm(request.POST)
    if not form.is_valid():
        return _private_page(request, question, token, form=form)
    services.reply_add(question=question, body=form.cleaned_data["body"])
    return _private_page(request, question, token, sent=True)
