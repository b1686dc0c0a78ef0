from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from integra.centres.forms import InstitutionFilterForm
from integra.centres.models import Centre, Hotline, Institution, Place, Service
from integra.core.permissions import public


@public
def home(request):
    return render(
        request,
        "centres/home.html",
        {
            "centres": Centre.objects.active(),
            "services": Service.objects.all(),
            "hotlines": Hotline.objects.all(),
        },
    )


@public
def centre_list(request):
    return render(
        request,
        "centres/centre_list.html",
        {"centres": Centre.objects.active().with_details(), "places": Place.objects.filter(is_outreach=True)},
    )


@public
def centre_detail(request, slug):
    centre = get_object_or_404(Centre.objects.active().with_details(), slug=slug)
    return render(
        request, "centres/centre_detail.html", {"centre": centre, "status": centre.status_at(timezone.now())}
    )


@public
def institution_list(request):
    form = InstitutionFilterForm(request.GET or None)
    institutions = Institution.objects.prefetch_related("topics")
    if form.is_valid():
        if form.cleaned_data["kind"]:
            institutions = institutions.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["topic"]:
            institutions = institutions.filter(topics=form.cleaned_data["topic"])
    page = Paginator(institutions, 25).get_page(request.GET.get("page"))
    return render(request, "centres/institution_list.html", {"form": form, "page": page})
