from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from integra.centres.forms import InstitutionFilterForm
from integra.centres.models import Centre, Hotline, Institution, Place, Service
from integra.core.pagecache import remember
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
    """The centre with its hours and services is read once per process and content version; the page's main
    part is a fragment made again each minute ("open now"), so the status is worked out only then."""
    centre = remember(("centre", slug), lambda: Centre.objects.active().with_details().filter(slug=slug).first())
    if centre is None:
        raise Http404
    status = SimpleLazyObject(lambda: centre.status_at(timezone.now()))
    return render(request, "centres/centre_detail.html", {"centre": centre, "status": status})


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
