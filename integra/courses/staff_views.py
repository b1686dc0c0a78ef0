"""Courses in the back office: the groups of my centres, a group's learners and waiting list, enrolling at
the desk, the register (one session on a phone, the whole grid, the paper register as PDF), levels, and
certificates (issue, PDF, revoke). Another centre's group is a 404; each row of a register saves on its own."""

import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integra.clients.models import Client
from integra.consultations.services import get_consultation_for_user
from integra.core.audit import log_read
from integra.core.forms import add_errors
from integra.core.paging import OpenPage
from integra.core.permissions import requires
from integra.courses import certificates, services
from integra.courses.forms import (
    LANGUAGE_CHOICES,
    CertificateForm,
    CourseForm,
    DeskEnrolmentForm,
    EnrolFromForm,
    EnrolmentListFilterForm,
    GroupForm,
    GroupListFilterForm,
    LevelsForm,
    MarkForm,
    RevokeForm,
)
from integra.courses.models import Certificate, Course, Enrolment, Group
from integra.hotline.services import get_call_for_user

LIST_LIMIT = 200
PAGE_SIZE = 50


@requires("courses.view_group")
def group_list(request):
    """Running and upcoming groups and the last ended; filtered (days, centre, kind, course), every group
    running on one of the days, a page at a time (the list the "Course groups held" figure links to)."""
    form = GroupListFilterForm(request.GET or None, user=request.user)
    groups = Group.objects.for_user(request.user).with_details().with_counts()
    context = {"form": form}
    if form.is_bound:
        context["page"] = OpenPage(form.filter(groups).order_by("start_date", "pk"), request.GET.get("page"), PAGE_SIZE)
    else:
        today = timezone.localdate()
        context["running"] = list(groups.filter(end_date__gte=today).order_by("start_date", "pk")[:LIST_LIMIT])
        context["past"] = list(groups.filter(end_date__lt=today).order_by("-end_date", "-pk")[:20])
    return render(request, "courses/staff/group_list.html", context)


@requires("courses.view_enrolment")
def enrolment_list(request):
    """The enrolments of every group of my centres, filtered (days, centre, kind, course, status, a CEFR level
    gained), a page at a time: reference, group, status and levels, no name (the list the participants and
    CEFR figures link to)."""
    form = EnrolmentListFilterForm(request.GET or None, user=request.user)
    context = {"form": form}
    if form.is_bound:
        enrolments = Enrolment.objects.for_user(request.user)
        enrolments = enrolments.select_related("group__course", "group__centre", "group__place")
        enrolments = form.filter(enrolments).order_by("group__start_date", "group_id", "pk")
        context["page"] = OpenPage(enrolments, request.GET.get("page"), PAGE_SIZE)
    return render(request, "courses/staff/enrolment_list.html", context)


def _group_page(request, group, desk=None, status=200):
    rates = services.attendance_rates(group)
    learners = list(group.enrolments.holding_place().select_related("certificate").order_by("name", "pk"))
    for learner in learners:
        learner.attended, learner.held = rates.get(learner.pk, (0, 0))
        learner.missing = services.completion_missing(learner, attended=learner.attended, held=learner.held)
    context = {
        "group": group,
        "learners": learners,
        "waiting": list(group.enrolments.filter(status__in=["waiting"]).order_by("created_at", "pk")),
        "offered": [e for e in learners if e.status == Enrolment.Status.OFFERED],
        "sessions": list(group.sessions.all()),
        "desk": desk or DeskEnrolmentForm(),
        "now": timezone.now(),
    }
    return render(request, "courses/staff/group_detail.html", context, status=status)


@requires("courses.change_course")
def course_list(request):
    courses = Course.objects.order_by("-is_active", "kind", "level", "slug")
    return render(request, "courses/staff/course_list.html", {"courses": courses})


@requires("courses.change_course")
def course_edit(request, pk=None):
    """A course and its texts in each language; a language left empty falls back to another with a notice."""
    course = get_object_or_404(Course, pk=pk) if pk else None
    if course is None and not request.user.has_perm("courses.add_course"):
        raise PermissionDenied
    form = CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        try:
            services.course_save(by=request.user, course=course, **form.service_kwargs())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The course was saved."))
            return redirect("courses_staff:courses")
    return render(request, "courses/staff/course_form.html", {"form": form, "course": course})


@requires("courses.add_group")
def group_create(request):
    """A new group at one of my centres (or an outreach town), with its schedule of sessions."""
    form = GroupForm(request.POST or None, user=request.user, initial={"capacity": 15})
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(by=request.user, **form.service_kwargs())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The group and its sessions were created."))
            return redirect("courses_staff:detail", group.pk)
    return render(request, "courses/staff/group_form.html", {"form": form})


@requires("courses.view_group")
def group_detail(request, pk):
    return _group_page(request, services.get_group_for_user(request.user, pk))


@requires("courses.add_enrolment")
def desk_enrol(request, pk):
    """Enrol someone at the desk, from a consultation or a call; with consent, linked to their client file."""
    group = services.get_group_for_user(request.user, pk)
    if request.method != "POST":
        return redirect("courses_staff:detail", group.pk)
    form = DeskEnrolmentForm(request.POST)
    if form.is_valid() and _desk_enrolment(request, form, group=group):
        return redirect("courses_staff:detail", group.pk)
    return _group_page(request, group, desk=form, status=200)


def _desk_enrolment(request, form, *, group, submission_key: str = "") -> Enrolment | None:
    """Enrol from a valid desk form (the client file only by its reference, with consent); errors go on the form."""
    data = dict(form.cleaned_data)
    data.pop("group", None)
    data.pop("key", None)
    reference, _consent = data.pop("client_reference"), data.pop("consent")
    client = None
    if reference:
        client = Client.objects.for_user(request.user).filter(reference=reference.strip().upper()).first()
        if client is None:
            form.add_error("client_reference", _("No client file with this reference at your centres."))
            return None
    try:
        enrolment = services.enrolment_create(
            group=group,
            client=client,
            source=Enrolment.Source.STAFF,
            submission_key=submission_key,
            by=request.user,
            **data,
        )
    except ValidationError as error:
        add_errors(form, error)
        return None
    if enrolment.status == Enrolment.Status.WAITING:
        messages.success(request, _("The group is full: %(name)s is on the waiting list.") % {"name": enrolment.name})
    else:
        messages.success(request, _("%(name)s is enrolled.") % {"name": enrolment.name})
    return enrolment


def _pk(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def _enrolment_source(request):
    """The consultation or call an enrolment starts from: (its page, the details it gives), or (None, {}).

    Another centre's consultation or call is a 404; the client file's details are prefilled only for staff
    who may read client files, and that reading is audit-logged."""
    user, initial, client = request.user, {}, None
    if "consultation" in request.GET:
        if not user.has_perm("consultations.view_consultation"):
            raise PermissionDenied
        source = get_consultation_for_user(user, _pk(request.GET["consultation"]), log=False)
        back = reverse("consultations_staff:detail", args=[source.pk])
    elif "call" in request.GET:
        if not user.has_perm("hotline.change_call"):
            raise PermissionDenied
        source = get_call_for_user(user, _pk(request.GET["call"]))
        back = reverse("hotline_staff:call", args=[source.pk])
    else:
        return None, {}
    initial = {
        "language": source.language if source.language in dict(LANGUAGE_CHOICES) else "",
        "gender": source.gender,
        "age_band": source.age_band,
        "nationality": source.nationality.code or "",
    }
    if source.client_id and user.has_perm("clients.view_client"):
        client = Client.objects.for_user(user).filter(pk=source.client_id, erased_at__isnull=True).first()
    if client is not None:
        log_read(client)
        initial.update(
            name=client.name, phone=client.phone or "", email=client.email, client_reference=client.reference
        )
    return back, initial


@requires("courses.add_enrolment")
def enrol_from(request):
    """Enrol someone in a course in one step from a consultation or a call (or from nowhere: any person at the desk).

    The group is chosen on the same page; the person's details come prefilled from the consultation or call and,
    with consent, the enrolment is linked to their client file."""
    back, initial = _enrolment_source(request)
    groups = Group.objects.for_user(request.user).not_over().with_details().with_counts().order_by("start_date", "pk")
    if request.method == "POST":
        form = EnrolFromForm(request.POST, groups=groups)
        if form.is_valid():
            group = form.cleaned_data["group"]
            if _desk_enrolment(request, form, group=group, submission_key=form.cleaned_data["key"]):
                return redirect(back or reverse("courses_staff:detail", args=[group.pk]))
    else:
        form = EnrolFromForm(groups=groups, initial={**initial, "key": secrets.token_urlsafe(24)})
    context = {"form": form, "back": back, "from_consultation": "consultation" in request.GET}
    return render(request, "courses/staff/enrol_from.html", context)


@requires("courses.view_group")
def register_grid(request, pk):
    """The whole register: sessions across, learners down. A constant number of queries for any size."""
    group = services.get_group_for_user(request.user, pk)
    sessions, learners, marks = services.register_rows(group)
    rows = [(learner, [marks.get((s.pk, learner.pk)) for s in sessions]) for learner in learners]
    return render(request, "courses/staff/register_grid.html", {"group": group, "sessions": sessions, "rows": rows})


@requires("courses.view_group")
def register_pdf(request, pk):
    """The paper register for centres without a device: names down, dates across, empty boxes."""
    group = services.get_group_for_user(request.user, pk)
    sessions, learners, _marks = services.register_rows(group)
    pdf = certificates.render_register(group=group, sessions=sessions, learners=learners, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="register-{group.pk}.pdf"'
    return response


def _session(request, pk, session_pk):
    group = services.get_group_for_user(request.user, pk)
    return group, get_object_or_404(group.sessions, pk=session_pk)


@requires("courses.add_attendance")
def session_register(request, pk, session_pk):
    """One session's register on a phone: one form per learner, each saved on its own (no script needed)."""
    group, session = _session(request, pk, session_pk)
    _sessions, learners, marks = services.register_rows(group)
    paper = request.GET.get("paper") == "1"
    errors = request.session.pop(f"courses.register.{session.pk}", {})
    rows = []
    for learner in learners:
        mark = marks.get((session.pk, learner.pk))
        initial = {"mark": mark.mark, "remark": mark.remark} if mark else {}
        form = MarkForm(initial=initial, prefix=f"e{learner.pk}")
        rows.append((learner, form, mark, errors.get(str(learner.pk))))
    context = {"group": group, "session": session, "rows": rows, "paper": paper, "now": timezone.now()}
    return render(request, "courses/staff/session_register.html", context)


@require_POST
@requires("courses.add_attendance")
def session_mark(request, pk, session_pk, enrolment_pk):
    group, session = _session(request, pk, session_pk)
    enrolment = get_object_or_404(group.enrolments.holding_place(), pk=enrolment_pk)
    form = MarkForm(request.POST, prefix=f"e{enrolment.pk}")
    problem = None
    if form.is_valid():
        try:
            services.attendance_mark(
                session=session,
                enrolment=enrolment,
                by=request.user,
                from_paper=request.POST.get("paper") == "1",
                **form.cleaned_data,
            )
        except ValidationError as error:
            problem = " ".join(error.messages)
    else:
        problem = " ".join(message for messages_ in form.errors.values() for message in messages_)
    if problem:
        request.session[f"courses.register.{session.pk}"] = {str(enrolment.pk): problem}
    url = reverse("courses_staff:session", args=[group.pk, session.pk])
    if request.POST.get("paper") == "1":
        url += "?paper=1"
    return redirect(f"{url}#learner-{enrolment.pk}")


def _enrolment(request, enrolment_pk) -> Enrolment:
    return get_object_or_404(
        Enrolment.objects.for_user(request.user).select_related("group__course", "group__centre"), pk=enrolment_pk
    )


@requires("courses.add_attendance")
def levels(request, enrolment_pk):
    enrolment = _enrolment(request, enrolment_pk)
    form = LevelsForm(request.POST or None, instance=enrolment)
    if request.method == "POST" and form.is_valid():
        services.levels_record(enrolment=enrolment, by=request.user, **form.cleaned_data)
        messages.success(request, _("The levels were saved."))
        return redirect("courses_staff:detail", enrolment.group_id)
    return render(request, "courses/staff/levels.html", {"form": form, "enrolment": enrolment})


@requires("courses.add_certificate")
def certificate_issue(request, enrolment_pk):
    enrolment = _enrolment(request, enrolment_pk)
    form = CertificateForm(request.POST or None, initial={"name_as_printed": enrolment.name})
    if request.method == "POST" and form.is_valid():
        try:
            certificate = services.certificate_issue(enrolment=enrolment, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The certificate was issued."))
            return redirect("courses_staff:certificate", certificate.code)
    return render(request, "courses/staff/certificate_issue.html", {"form": form, "enrolment": enrolment})


def _certificate(request, code) -> Certificate:
    return get_object_or_404(
        Certificate.objects.filter(enrolment__in=Enrolment.objects.for_user(request.user)).select_related(
            "enrolment__group__course", "enrolment__group__centre"
        ),
        code=code,
    )


@requires("courses.view_group")
def certificate_page(request, code):
    certificate = _certificate(request, code)
    form = RevokeForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("courses.change_certificate"):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.certificate_revoke(certificate=certificate, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The certificate was revoked."))
                return redirect("courses_staff:certificate", code)
    context = {"certificate": certificate, "enrolment": certificate.enrolment, "form": form}
    return render(request, "courses/staff/certificate.html", context)


@requires("courses.view_group")
def certificate_pdf(request, code):
    certificate = _certificate(request, code)
    response = HttpResponse(
        certificates.render_certificate(certificate, request=request), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="certificate-{certificate.code}.pdf"'
    return response
