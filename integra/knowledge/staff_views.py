"""Back office: articles, translations and their review, the translators' work list, review-due list,
feedback, leaflets, printed materials and their distribution."""

import csv

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integra.centres.models import Centre
from integra.core.i18n import pick
from integra.core.permissions import any_staff, requires
from integra.knowledge import leaflets, services
from integra.knowledge.forms import (
    ArticleCreateForm,
    ArticleFilterForm,
    ArticleSettingsForm,
    DeliveryForm,
    DistributionForm,
    MaterialForm,
    ReturnForm,
    TranslationForm,
)
from integra.knowledge.models import (
    LANGUAGE_CODES,
    Article,
    ArticleFeedback,
    ArticleTranslation,
    Distribution,
    Material,
)

Status = ArticleTranslation.Status


def _articles():
    return Article.objects.select_related("topic").prefetch_related("translations")


def _form_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@requires("knowledge.change_articletranslation")
def article_list(request):
    form = ArticleFilterForm(request.GET or None)
    articles = _articles()
    if form.is_valid():
        data = form.cleaned_data
        if data["topic"]:
            articles = articles.filter(topic=data["topic"])
        if data["language"] and data["status"]:
            articles = articles.filter(translations__language=data["language"], translations__status=data["status"])
        elif data["status"]:
            articles = articles.filter(translations__status=data["status"]).distinct()
    page = Paginator(articles, 50).get_page(request.GET.get("page"))
    rows = [(a, [a.translation_map().get(code) for code in LANGUAGE_CODES]) for a in page]
    counts = {
        "work": _work_list(request.user).count(),
        "review": ArticleTranslation.objects.filter(status=Status.IN_REVIEW).count(),
        "due": Article.objects.review_due().count(),
    }
    return render(
        request,
        "knowledge/staff/article_list.html",
        {"form": form, "page": page, "rows": rows, "languages": LANGUAGE_CODES, "counts": counts},
    )


@requires("knowledge.add_article")
def article_create(request):
    form = ArticleCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        article = services.article_create(
            user=request.user,
            slug=data["slug"],
            topic=data["topic"],
            source_language=data["source_language"],
            title=data["title"],
            summary=data["summary"],
            body=data["body"],
        )
        messages.success(request, _("The article was created as a draft."))
        return redirect("knowledge_staff:article", pk=article.pk)
    return render(request, "knowledge/staff/article_create.html", {"form": form})


@requires("knowledge.change_articletranslation")
def article_detail(request, pk):
    article = get_object_or_404(_articles().prefetch_related("related", "revisions"), pk=pk)
    translations = article.translation_map()
    latest = article.latest_revision()
    settings_form = ArticleSettingsForm(
        initial={"topic": article.topic, "position": article.position, "related": list(article.related.all())}
    )
    settings_form.fields["related"].queryset = Article.objects.exclude(pk=article.pk)
    if request.method == "POST":
        if not request.user.has_perm("knowledge.change_article"):
            raise PermissionDenied
        settings_form = ArticleSettingsForm(request.POST)
        settings_form.fields["related"].queryset = Article.objects.exclude(pk=article.pk)
        if settings_form.is_valid():
            data = settings_form.cleaned_data
            services.article_update(
                article=article, topic=data["topic"], position=data["position"], related=list(data["related"])
            )
            messages.success(request, _("The article's settings were saved."))
            return redirect("knowledge_staff:article", pk=article.pk)
    rows = [(code, translations.get(code)) for code in LANGUAGE_CODES]
    return render(
        request,
        "knowledge/staff/article_detail.html",
        {
            "article": article,
            "rows": rows,
            "latest": latest,
            "settings_form": settings_form,
            "can_approve": services.can_approve(request.user),
            "return_form": ReturnForm(),
        },
    )


@requires("knowledge.change_articletranslation")
def translation_edit(request, pk, language):
    article = get_object_or_404(_articles(), pk=pk)
    if language not in LANGUAGE_CODES:
        raise Http404
    if not services.can_edit_translation(request.user, article, language):
        raise PermissionDenied
    translation = article.translation_map().get(language)
    source = article.translation_map().get(article.source_language)
    latest = article.latest_revision()
    if request.method == "POST":
        form = TranslationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            translation = services.translation_save(
                article=article,
                language=language,
                user=request.user,
                title=data["title"],
                summary=data["summary"],
                body=data["body"],
                based_on=data["based_on"],
            )
            if "submit" in request.POST:
                services.translation_submit(translation=translation, user=request.user)
                messages.success(request, _("The text was saved and sent for review."))
            else:
                messages.success(request, _("The draft was saved."))
            return redirect("knowledge_staff:article", pk=article.pk)
    elif translation is not None:
        form = TranslationForm(
            initial={
                "title": translation.title,
                "summary": translation.summary,
                "body": translation.body,
                "based_on": latest.number if latest else None,
            }
        )
    else:
        form = TranslationForm(initial={"based_on": latest.number if latest else None})
    diff = translation.source_diff(latest) if translation is not None and translation.is_outdated else []
    return render(
        request,
        "knowledge/staff/translation_edit.html",
        {
            "article": article,
            "language": language,
            "translation": translation,
            "source": source if language != article.source_language else None,
            "latest": latest,
            "diff": diff,
            "form": form,
        },
    )


@requires("knowledge.change_articletranslation")
@require_POST
def translation_action(request, pk, language, action):
    article = get_object_or_404(Article, pk=pk)
    translation = get_object_or_404(
        ArticleTranslation.objects.select_related("article"), article=article, language=language
    )
    try:
        if action == "submit":
            if not services.can_edit_translation(request.user, article, language):
                raise PermissionDenied
            services.translation_submit(translation=translation, user=request.user)
            messages.success(request, _("The text was sent for review."))
        elif action == "approve":
            services.translation_approve(translation=translation, user=request.user)
            messages.success(request, _("The text was approved and published."))
        elif action == "return":
            if not services.can_approve(request.user):
                raise PermissionDenied
            form = ReturnForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Write what needs to change before sending the text back."))
                return redirect("knowledge_staff:article", pk=article.pk)
            services.translation_return(translation=translation, user=request.user, note=form.cleaned_data["note"])
            messages.success(request, _("The text was sent back to its author."))
        elif action == "unpublish":
            services.translation_unpublish(translation=translation, user=request.user)
            messages.success(request, _("The text is no longer shown to visitors."))
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("knowledge_staff:article", pk=article.pk)


@requires("knowledge.review_article")
@require_POST
def article_reviewed(request, pk):
    article = get_object_or_404(Article, pk=pk)
    services.article_mark_reviewed(article=article, user=request.user)
    messages.success(request, _("The article was marked as reviewed today."))
    if request.POST.get("next") == "due":
        return redirect("knowledge_staff:due")
    return redirect("knowledge_staff:article", pk=article.pk)


def _work_list(user):
    translations = ArticleTranslation.objects.select_related("article", "based_on", "article__topic").filter(
        Q(is_outdated=True) | Q(status=Status.DRAFT)
    )
    if not user.has_perm("knowledge.change_article"):
        # Translators: every language except each article's source language.
        translations = translations.exclude(language=F("article__source_language"))
    return translations.order_by("-is_outdated", "article__slug", "language")


@requires("knowledge.change_articletranslation")
def work_list(request):
    translations = list(_work_list(request.user)[:200])
    latest = {}
    for revision in (
        Article.objects.filter(pk__in={t.article_id for t in translations})
        .prefetch_related(Prefetch("revisions"))
        .only("pk")
    ):
        revisions = list(revision.revisions.all())
        latest[revision.pk] = revisions[0] if revisions else None
    rows = [(t, t.source_diff(latest.get(t.article_id)) if t.is_outdated else []) for t in translations]
    return render(request, "knowledge/staff/work_list.html", {"rows": rows})


@requires("knowledge.change_articletranslation")
def review_queue(request):
    translations = (
        ArticleTranslation.objects.filter(status=Status.IN_REVIEW)
        .select_related("article", "submitted_by")
        .order_by("submitted_at")
    )
    return render(
        request,
        "knowledge/staff/review_queue.html",
        {"translations": translations, "can_approve": services.can_approve(request.user), "return_form": ReturnForm()},
    )


@requires("knowledge.change_articletranslation")
def review_due(request):
    articles = Article.objects.review_due().select_related("topic", "reviewed_by").prefetch_related("translations")
    return render(
        request,
        "knowledge/staff/review_due.html",
        {"articles": articles, "months": settings.KNOWLEDGE_REVIEW_MONTHS},
    )


@requires("knowledge.view_articlefeedback")
def feedback(request):
    articles = (
        Article.objects.annotate(
            yes=Count("feedback", filter=Q(feedback__helpful=True)),
            no=Count("feedback", filter=Q(feedback__helpful=False)),
        )
        .filter(Q(yes__gt=0) | Q(no__gt=0))
        .prefetch_related("translations")
        .order_by("-no", "slug")
    )
    comments = ArticleFeedback.objects.exclude(comment="").select_related("article")
    comments = comments.prefetch_related("article__translations")[:100]
    return render(request, "knowledge/staff/feedback.html", {"articles": articles, "comments": comments})


@any_staff
def leaflet(request, pk, language, size):
    article = get_object_or_404(_articles(), pk=pk)
    translation = article.translation_map().get(language)
    if translation is None or not translation.is_public or size not in leaflets.SIZES:
        raise Http404
    pdf = leaflets.render_leaflet(translation=translation, size=size, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{article.slug}-{language}-{size}.pdf"'
    return response


# --- Printed materials -------------------------------------------------------------------------------


@any_staff
def material_list(request):
    materials = list(Material.objects.select_related("article"))
    centres = list(Centre.objects.for_user(request.user).active())
    table = services.stock_table(materials, centres)
    rows = [(m, [table.get((m.pk, c.pk), 0) for c in centres]) for m in materials]
    return render(request, "knowledge/staff/material_list.html", {"rows": rows, "centres": centres})


@requires("knowledge.add_material")
def material_create(request):
    return _material_form(request, None)


@requires("knowledge.change_material")
def material_edit(request, pk):
    return _material_form(request, get_object_or_404(Material, pk=pk))


def _material_form(request, material):
    form = MaterialForm(request.POST or None, instance=material)
    if request.method == "POST" and form.is_valid():
        try:
            material = services.material_save(material=material, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The material was saved."))
            return redirect("knowledge_staff:material", pk=material.pk)
    return render(request, "knowledge/staff/material_form.html", {"form": form, "material": material})


@any_staff
def material_detail(request, pk):
    material = get_object_or_404(Material.objects.select_related("article"), pk=pk)
    centres = list(Centre.objects.for_user(request.user).active())
    table = services.stock_table([material], centres)
    form = DeliveryForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not request.user.has_perm("knowledge.add_delivery"):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.delivery_record(material=material, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The delivery was recorded."))
                return redirect("knowledge_staff:material", pk=material.pk)
    distributions = (
        Distribution.objects.for_user(request.user).filter(material=material).select_related("centre", "place")[:100]
    )
    return render(
        request,
        "knowledge/staff/material_detail.html",
        {
            "material": material,
            "stock": [(c, table.get((material.pk, c.pk), 0)) for c in centres],
            "form": form,
            "can_deliver": request.user.has_perm("knowledge.add_delivery"),
            "distributions": distributions,
            "delivered": material.delivered_total(),
        },
    )


@requires("knowledge.add_distribution")
def distribution_create(request):
    form = DistributionForm(request.POST or None, user=request.user, initial={"material": request.GET.get("material")})
    if request.method == "POST" and form.is_valid():
        try:
            services.distribution_record(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The distribution was recorded."))
            return redirect("knowledge_staff:materials")
    return render(request, "knowledge/staff/distribution_form.html", {"form": form})


@any_staff
def distribution_report(request):
    rows = services.distribution_report(Distribution.objects.for_user(request.user))
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="distributed-materials.csv"'
        response.write("\ufeff")  # so that spreadsheet programs read UTF-8
        writer = csv.writer(response)
        writer.writerow([_("Language"), _("Month"), _("Place"), _("Copies")])
        for row in rows:
            writer.writerow([row["language"], row["month"], _csv_safe(pick(row["place"])), row["quantity"]])
        return response
    return render(request, "knowledge/staff/distribution_report.html", {"rows": rows})


def _csv_safe(value: str) -> str:
    """No formula injection when the file is opened in a spreadsheet."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
