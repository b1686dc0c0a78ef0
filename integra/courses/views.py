"""Public pages: the course catalogue, a group's page, the enrolment and its confirmation (where one can
leave), finding an enrolment by reference, the waiting-list offer, and certificate verification.
No JavaScript needed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from integra.core import pagecache, waitlist
from integra.core.permissions import public
from integra.courses import services
from integra.courses.enrolment import EnrolmentWizard, allowed, confirmation_token, enrolment_pk_from
from integra.courses.forms import CatalogueFilterForm, CertificateCodeForm, FindEnrolmentForm
from integra.courses.models import Enrolment, Group

PAGE_SIZE = 20

enrol = public(EnrolmentWizard.as_view())


@public
def catalogue(request):
    """The list's main part is a fragment kept per language, content version, query string and minute (today's
    date: groups not over, enrolment open): the filters' form and the page of groups are made only with it.
    The form is also the layout's `form` (an "Error:" title) only when filters were sent."""
    context = pagecache.lazy_filtered_list(
        request, form_class=CatalogueFilterForm, per_page=PAGE_SIZE, name="groups",
        queryset=lambda: Group.objects.public().not_over().with_details().with_counts().order_by("start_date", "pk"),
    )
    return render(request, "courses/public/catalogue.html", context)


@public
def group_page(request, pk):
    group = services.get_public_group(pk)
    language = get_language()
    sessions = group.sessions.filter(cancelled=False)
    context = {
        "group": group,
        "course": group.course,
        "open": group.enrolment_open(),
        "places_left": group.places_left(),
        "session_count": sessions.count(),
        "first_session": sessions.first(),
        "title_missing": group.course.title_missing(language),
        "description_missing": bool(group.course.description) and not group.course.description.get(language),
    }
    return render(request, "courses/public/group.html", context)


def _enrolment_from(token: str) -> Enrolment:
    pk = enrolment_pk_from(token)
    if pk is None:
        raise Http404
    return get_object_or_404(Enrolment.objects.select_related("group__course", "group__centre", "group__place"), pk=pk)


@public
@never_cache
def enrolled(request, token):
    """The person's own page for their enrolment: status, place on the waiting list, and leaving."""
    enrolment = _enrolment_from(token)
    if request.method == "POST" and request.POST.get("action") == "leave":
        if not request.POST.get("confirm"):
            messages.error(request, _("Tick the box to confirm that you want to leave."))
        else:
            try:
                services.enrolment_leave(enrolment=enrolment)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("You have left the course. Thank you for telling us."))
        return redirect("courses:enrolled", token)
    position = None
    if enrolment.status == Enrolment.Status.WAITING:
        position = waitlist.position(services.QUEUE, enrolment)
    context = {"enrolment": enrolment, "group": enrolment.group, "token": token, "position": position}
    return render(request, "courses/public/enrolled.html", context)


@public
@never_cache
def find(request):
    """A visitor without the confirmation link finds their enrolment by reference and phone or e-mail."""
    return waitlist.find_view(
        request, form_class=FindEnrolmentForm, allowed=allowed, lookup=services.find_enrolment,
        found_url=lambda enrolment: reverse("courses:enrolled", args=[confirmation_token(enrolment)]),
        not_found=_("We found no enrolment with this reference and this phone number or e-mail."),
        template="courses/public/find.html",
    )


@public
@never_cache
def offer(request, token):
    enrolment = services.enrolment_for_offer_token(token)
    if enrolment is None:
        return render(request, "courses/public/offer_gone.html", status=404)
    if enrolment.status != Enrolment.Status.OFFERED and request.method != "POST":
        return redirect("courses:enrolled", confirmation_token(enrolment))  # accepted already: their page
    error = None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "accept":
                services.offer_accept(enrolment=enrolment)
            else:
                services.offer_decline(enrolment=enrolment)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            return redirect("courses:enrolled", confirmation_token(enrolment))
    enrolment.refresh_from_db()
    context = {"enrolment": enrolment, "group": enrolment.group, "error": error, "now": timezone.now()}
    return render(request, "courses/public/offer.html", context, status=409 if error else 200)


@public
def certificate_search(request):
    form = CertificateCodeForm(request.GET or None)
    if request.GET and form.is_valid():
        return redirect("courses:certificate", services.certificate_code(form.cleaned_data["code"]))
    return render(request, "courses/public/certificate_search.html", {"form": form})


@public
@never_cache  # a revocation shows at once: never served from the public pages' cache
def certificate(request, code):
    """Anyone can check a certificate by its code: the name as printed, course, dates, centre, and nothing else."""
    found = services.certificate_lookup(code)
    if found is None:
        form = CertificateCodeForm(initial={"code": code})
        context = {"form": form, "not_found": code}
        return render(request, "courses/public/certificate_search.html", context, status=404)
    return render(request, "courses/public/certificate.html", {"certificate": found, "group": found.enrolment.group})
