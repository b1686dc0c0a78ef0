"""Public information pages: topics, articles (with language fallback), feedback, print view, search."""

from urllib.parse import quote

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from integra.core.pagecache import remember
from integra.core.permissions import public
from integra.knowledge import ratelimit, services
from integra.knowledge.forms import FeedbackForm, SearchForm
from integra.knowledge.models import Article, ArticleTranslation
from integra.knowledge.search import search
from integra.topics.models import Topic

PAGE_SIZE = 20


def _language() -> str:
    return (get_language() or "bg").split("-")[0]


# The texts are read only for the one translation a page shows (one query, when it is used): a list or an
# article page does not load every language's body (issue 16 item 2).
DEFERRED_TEXTS = ("body", "published_body")


def _public_articles():
    translations = Prefetch("translations", queryset=ArticleTranslation.objects.defer(*DEFERRED_TEXTS))
    return Article.objects.public().select_related("topic").prefetch_related(translations)


def _cards(articles, language):
    """(article, best translation) for a list of articles with prefetched translations."""
    return [(a, t) for a in articles if (t := a.best_translation(language)) is not None]


@public
def index(request):
    language = _language()
    topics = Topic.objects.active().annotate(
        article_count=Count("articles", filter=Q(articles__translations__published_at__isnull=False), distinct=True)
    )
    return render(
        request,
        "knowledge/index.html",
        {"topics": [t for t in topics if t.article_count], "form": SearchForm(), "language": language},
    )


@public
def topic_detail(request, topic):
    """The topic and its articles are read once per process and content version (see _published_article), and
    the cards worked out only when the page's main part is made (a fragment kept per language and version)."""
    slug = topic
    topic = remember(("knowledge-topic-by-slug", slug), lambda: Topic.objects.active().filter(slug=slug).first())
    if topic is None:
        raise Http404
    articles = remember(("knowledge-topic", topic.pk), lambda: list(_public_articles().filter(topic=topic)))
    cards = SimpleLazyObject(lambda: _cards(articles, _language()))
    return render(request, "knowledge/topic.html", {"topic": topic, "cards": cards})


def _not_found(request, slug=""):
    return render(
        request, "knowledge/not_found.html", {"form": SearchForm(initial={"q": slug.replace("-", " ")})}, status=404
    )


def _article_context(request, article, feedback_form=None):
    language = _language()
    translation = article.best_translation(language)
    url = request.build_absolute_uri(reverse("knowledge:article", args=[article.slug]))
    text = f"{translation.published_title} {url}"
    share = [
        ("WhatsApp", "https://wa.me/?text=" + quote(text)),
        ("Viber", "viber://forward?text=" + quote(text)),
        ("Telegram", "https://t.me/share/url?url=" + quote(url) + "&text=" + quote(translation.published_title)),
    ]
    email = "mailto:?subject=" + quote(translation.published_title) + "&body=" + quote(url)
    return {
        "article": article,
        "translation": translation,
        "is_fallback": translation.language != language,
        "languages": article.published_languages(),
        "related": _cards(article.related.all(), language),
        "share": share,
        "share_email": email,
        "share_url": url,
        "feedback_form": feedback_form or SimpleLazyObject(FeedbackForm),  # made only with the page's main part
        "feedback_sent": feedback_form is not None,  # the main part is then made afresh, with the errors
        "feedback_thanks": request.GET.get("feedback") == "thanks",
    }


def _article_or_none(slug):
    related = Prefetch("related", queryset=_public_articles())
    return _public_articles().prefetch_related(related).filter(slug=slug).first()


def _published_article(slug):
    """The article as the public pages show it, with its translations (the shown body read on first use) and
    related articles: read once per process and content version (any save of an article or translation
    bumps it), so a page rendered again costs no query for it. Read-only: never for a form that writes."""
    return remember(("knowledge-article", slug), lambda: _article_or_none(slug))


@public
def article_detail(request, slug):
    article = _published_article(slug)
    if article is None:
        return _not_found(request, slug)
    return render(request, "knowledge/article.html", _article_context(request, article))


@public
def article_print(request, slug):
    article = _article_or_none(slug)
    if article is None:
        return _not_found(request, slug)
    return render(request, "knowledge/article_print.html", _article_context(request, article))


@public
@csrf_exempt  # anonymous "was this useful?", rate-limited per address: see the note in _article_main.html
@require_POST
def article_feedback(request, slug):
    article = _article_or_none(slug)
    if article is None:
        return _not_found(request, slug)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return render(request, "knowledge/article.html", _article_context(request, article, form), status=400)
    if not ratelimit.allow(request, "feedback"):
        form.add_error(None, _("Too many answers were sent from your connection. Please try again in an hour."))
        return render(request, "knowledge/article.html", _article_context(request, article, form), status=429)
    services.feedback_record(
        article=article,
        language=_language(),
        helpful=form.cleaned_data["helpful"],
        comment=form.cleaned_data["comment"],
    )
    return redirect(reverse("knowledge:article", args=[article.slug]) + "?feedback=thanks#feedback")


@public
def search_view(request):
    form = SearchForm(request.GET)
    query = form.query()
    language = _language()
    try:
        page = max(1, min(int(request.GET.get("page", 1)), 500))
    except ValueError:
        page = 1
    results = search(query, kinds=[services.ARTICLE], language=language, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    articles = {
        str(a.pk): a for a in _public_articles().filter(pk__in=[hit.key for hit in results.hits if hit.key.isdigit()])
    }
    hits = []
    for hit in results.hits:
        if hit.key in articles:
            with override(hit.language):  # a result in another language opens in that language
                hits.append((hit, articles[hit.key], reverse("knowledge:article", args=[articles[hit.key].slug])))
    return render(
        request,
        "knowledge/search.html",
        {
            "form": SearchForm(initial={"q": query}),
            "results": results,
            "hits": hits,
            "page_number": page,
            "has_next": page * PAGE_SIZE < results.total,
            "query": query,
        },
    )
