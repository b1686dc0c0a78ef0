"""Back-office pages: triage for rights officers (only them), reports taken on someone's behalf,
and content-free statistics."""

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from integra.accounts import roles
from integra.core.audit import log_read
from integra.core.crypto import DecryptionError, decrypt, encrypt
from integra.core.permissions import requires, requires_role
from integra.core.wizard import Step
from integra.violations import crypto, forms, ratelimit, services, unlock
from integra.violations.models import Attachment, OfficerKey, Report
from integra.violations.views import ReportWizard


def officer_required(view):
    """Rights officers only (superusers and administrators are NOT let through), never cached."""
    return requires_role(roles.RIGHTS_OFFICER)(never_cache(view))


def _report(reference: str) -> Report:
    return get_object_or_404(Report.objects.select_related("referred_to"), reference=reference)


def _report_key(request, report: Report) -> bytes | None:
    private = unlock.private_key(request)
    if private is None:
        return None
    return services.report_key_for_officer(report=report, user=request.user, private_key=private)


@officer_required
def report_list(request):
    reports = Report.objects.for_list()
    status = request.GET.get("status", "")
    if status in Report.Status.values:
        reports = reports.filter(status=status)
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "violations/staff/report_list.html",
        {
            "page": page,
            "status": status,
            "statuses": Report.Status.choices,
            "unlocked": unlock.private_key(request) is not None,
        },
    )


@officer_required
def report_unlock(request):
    has_keys = OfficerKey.objects.filter(user=request.user).exists()
    form = forms.UnlockForm(request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    if request.method == "POST" and not ratelimit.allow(request, "unlock", who=f"user:{request.user.pk}"):
        form.is_valid()
        form.add_error(None, _("Too many attempts. Wait 15 minutes and try again."))
        return render(
            request, "violations/staff/unlock.html", {"form": form, "has_keys": has_keys, "next": next_url}, status=429
        )
    if request.method == "POST" and has_keys and form.is_valid():
        password, recovery = form.cleaned_data["password"], form.cleaned_data["recovery_key"]
        try:
            if recovery:
                private = services.officer_private_key_recover(
                    user=request.user, recovery_key=recovery, password=password
                )
            else:
                private = services.officer_private_key(user=request.user, password=password)
        except crypto.DecryptionError:
            form.add_error(
                "recovery_key" if recovery else "password",
                _("This does not open your keys. If you changed your password, also give your recovery key."),
            )
        else:
            response = redirect(next_url or "violations_staff:list")
            unlock.store(request, response, private)
            return response
    return render(request, "violations/staff/unlock.html", {"form": form, "has_keys": has_keys, "next": next_url})


@officer_required
@require_POST
def report_lock(request):
    response = redirect("violations_staff:list")
    unlock.forget(request, response)
    return response


@officer_required
def report_detail(request, reference):
    report = _report(reference)
    private = unlock.private_key(request)
    if private is None:
        return redirect(f"{reverse('violations_staff:unlock')}?next={request.path}")
    key = services.report_key_for_officer(report=report, user=request.user, private_key=private)
    if key is None:
        return render(request, "violations/staff/not_shared.html", {"report": report}, status=403)
    log_read(report)
    return _detail_page(request, report, key, message=_typed_message(request, report))


def _typed_key(report) -> str:
    return f"violations:typed-message:{report.pk}"


def _typed_message(request, report):
    """The message form sent with errors just before (bound again, so it shows its errors), once; else None."""
    token = request.session.pop(_typed_key(report), None)
    if not token:
        return None
    try:
        form = forms.OfficerMessageForm(json.loads(decrypt(token)))
    except (DecryptionError, ValueError):
        return None
    form.is_valid()
    return form


def _detail_page(request, report, key, triage=None, message=None, status=200):
    context = {
        "report": report,
        "content": services.report_content(report=report, key=key),
        "messages_list": services.report_messages(report=report, key=key, notes=True),
        "attachments": services.report_attachments(report=report, key=key),
        "triage": triage or forms.TriageForm(initial={"status": report.status, "referred_to": report.referred_to}),
        "message_form": message or forms.OfficerMessageForm(),
    }
    return render(request, "violations/staff/report_detail.html", context, status=status)


@officer_required
@require_POST
def report_triage(request, reference):
    report = _report(reference)
    key = _report_key(request, report)
    if key is None:
        return redirect("violations_staff:detail", reference)
    form = forms.TriageForm(request.POST)
    if not form.is_valid():
        log_read(report)
        return _detail_page(request, report, key, triage=form, status=200)
    services.report_triage(
        report=report, status=form.cleaned_data["status"], referred_to=form.cleaned_data["referred_to"]
    )
    messages.success(request, _("The status was saved."))
    return redirect("violations_staff:detail", reference)


@officer_required
@require_POST
def report_message(request, reference):
    report = _report(reference)
    key = _report_key(request, report)
    if key is None:
        return redirect("violations_staff:detail", reference)
    form = forms.OfficerMessageForm(request.POST)
    if not form.is_valid():
        # Post/redirect/get here too: a reload must not send the form again. What was typed waits in the
        # session, encrypted like the report itself, and comes back with its errors on the report's page.
        request.session[_typed_key(report)] = encrypt(
            json.dumps({k: request.POST.get(k, "") for k in ("kind", "text")})
        )
        return redirect("violations_staff:detail", reference)
    services.message_add(
        report=report, key=key, kind=form.cleaned_data["kind"], text=form.cleaned_data["text"], author=request.user
    )
    messages.success(request, _("Saved."))
    return redirect("violations_staff:detail", reference)


@officer_required
def attachment_download(request, reference, pk):
    report = _report(reference)
    attachment = get_object_or_404(Attachment, report=report, pk=pk)
    key = _report_key(request, report)
    if key is None:
        return redirect("violations_staff:detail", reference)
    log_read(report)
    meta, data = services.attachment_read(attachment=attachment, key=key)
    response = HttpResponse(data, content_type=meta["content_type"])
    response["Content-Disposition"] = f'attachment; filename="{meta["name"]}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# -- reports taken on someone's behalf -----------------------------------------------------------------------
class StaffReportWizard(ReportWizard):
    """The same questions, with the channel (phone or in person) first. Staff who take a report
    see the receipt once, to give to the person; they cannot read the report afterwards."""

    name = "violation_report_staff"
    steps = [Step("channel", forms.ChannelForm, gettext_lazy("How is the person reporting?")), *ReportWizard.steps]
    template_name = "violations/staff/wizard_step.html"
    check_template_name = "violations/staff/wizard_check.html"

    def done(self, request, data, submission_key):
        report, receipt, _key = services.report_submit(
            data=data, submission_key=submission_key, channel=data["channel"]
        )
        if report is None:
            return self.sent(render(request, "violations/already_sent.html"))
        return self.sent(render(request, "violations/staff/taken.html", {"receipt": crypto.format_receipt(receipt)}))


@requires("violations.add_report")
def report_take(request, *args, **kwargs):
    return never_cache(StaffReportWizard.as_view())(request, *args, **kwargs)


# -- statistics ------------------------------------------------------------------------------------------
@requires("violations.view_report_statistics")
def report_statistics(request):
    minimum = 0 if request.user.has_role(roles.RIGHTS_OFFICER) else 3
    return render(
        request,
        "violations/staff/statistics.html",
        {"stats": services.statistics(minimum_cell=minimum), "minimum": minimum},
    )
