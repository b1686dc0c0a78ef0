"""Public pages of the report channel: the report form, the confirmation and the follow-up.

No page here stores an address or logs what was written, and nothing readable is kept in a
session: the report form, like every wizard, keeps its answers sealed (AES-GCM, core.wizard) in
the session so that Back and reload never lose them, and forgets them once sent; the
confirmation (the receipt) is kept sealed there for 30 minutes so that a reload shows it again,
then it is gone. Responses are never cached. The reporter's access after that travels in a
short-lived encrypted token in the page, never in the session.
"""

import time

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from integra.core.permissions import public
from integra.core.wizard import STATE_FIELD, StateError, Step, Wizard
from integra.core.wizard import seal as seal_state
from integra.core.wizard import unseal as unseal_state
from integra.violations import crypto, forms, ratelimit, services
from integra.violations.models import Report
from integra.violations.uploads import LimitedMemoryUploadHandler

FOLLOW_PURPOSE = "violations:follow"
FOLLOW_MAX_AGE = 3600


def channel_page(view):
    """A public page of the channel: no sign-in needed, never cached."""
    return public(never_cache(view))


def too_many(request, resume_state: str = ""):
    """The 429 page; with the wizard's state, a button back to the answers so nothing typed is lost."""
    response = render(request, "violations/too_many.html", {"resume_state": resume_state}, status=429)
    response["Retry-After"] = "900"
    return response


def follow_token(report: Report, key: bytes) -> str:
    return seal_state({"r": report.pk, "k": crypto.b64(key), "t": time.time()}, FOLLOW_PURPOSE)


def report_steps():
    return [
        Step("category", forms.CategoryForm, gettext_lazy("What happened?")),
        Step("place", forms.PlaceForm, gettext_lazy("Where did it happen?")),
        Step("city", forms.CityForm, gettext_lazy("In which city?")),
        Step("when", forms.WhenForm, gettext_lazy("When did it happen?")),
        Step("description", forms.DescriptionForm, gettext_lazy("Tell us what happened")),
        Step("contact", forms.ContactForm, gettext_lazy("Should we contact you?")),
        Step("identity", forms.IdentityForm, gettext_lazy("Who are you? (optional)")),
    ]


class ReportWizard(Wizard):
    name = "violation_report"
    steps = report_steps()
    template_name = "violations/wizard_step.html"
    check_template_name = "violations/wizard_check.html"
    channel = Report.Channel.ONLINE

    def dispatch(self, request, *args, **kwargs):
        if not services.channel_is_open():
            return render(request, "violations/unavailable.html", status=503)
        return super().dispatch(request, *args, **kwargs)

    def done(self, request, data, submission_key):
        if not ratelimit.allow(request, "submit"):
            return too_many(request, resume_state=request.POST.get(STATE_FIELD, ""))
        report, receipt, key = services.report_submit(
            data=data, submission_key=submission_key, channel=data.get("channel") or self.channel
        )
        if report is None:
            return self.sent(render(request, "violations/already_sent.html"))
        page = render(
            request,
            "violations/confirmation.html",
            {
                "receipt": crypto.format_receipt(receipt),
                "token": follow_token(report, key),
                "form": forms.ReporterMessageForm(),
            },
        )
        return self.sent(page)  # shown again on reload, sealed in this browser's session, for 30 minutes


report = channel_page(ReportWizard.as_view())


def _follow_page(request, report: Report, key: bytes, form=None, sent=False):
    context = {
        "report": report,
        "content": services.report_content(report=report, key=key),
        "messages_list": services.report_messages(report=report, key=key, notes=False),
        "attachments": services.report_attachments(report=report, key=key),
        "token": follow_token(report, key),
        "form": form or forms.ReporterMessageForm(),
        "sent": sent,
    }
    return render(request, "violations/follow.html", context, status=200)


def _receipt_page(request, form=None, status=200, expired=False):
    return render(
        request, "violations/receipt.html", {"form": form or forms.ReceiptForm(), "expired": expired}, status=status
    )


@public
@never_cache
@csrf_exempt
def follow(request):
    """Come back with the receipt: read answers, answer, add information and files."""
    handler = LimitedMemoryUploadHandler(request)
    request.upload_handlers = [handler]  # files stay in memory, never in a temporary file
    return _follow(request, handler)


@csrf_protect
def _follow(request, handler):
    if request.method != "POST":
        return _receipt_page(request)
    if "token" in request.POST:
        return _follow_write(request, handler)
    if not ratelimit.allow(request, "receipt"):
        return too_many(request)
    form = forms.ReceiptForm(request.POST)
    if not form.is_valid():
        return _receipt_page(request, form)
    found = services.report_find(receipt=form.cleaned_data["receipt"])
    if found is None:
        form.add_error("receipt", _("We could not find a report with this receipt. Check the 16 digits and try again."))
        return _receipt_page(request, form)
    return _follow_page(request, *found)


def _follow_write(request, handler):
    try:
        state = unseal_state(request.POST.get("token", ""), FOLLOW_PURPOSE, FOLLOW_MAX_AGE)
        report = Report.objects.get(pk=state["r"])
        key = crypto.unb64(state["k"])
    except (StateError, Report.DoesNotExist, KeyError, ValueError):
        return _receipt_page(request, expired=True)
    if not ratelimit.allow(request, "write"):
        form = forms.ReporterMessageForm(request.POST)  # keep the text; files cannot be kept
        form.is_valid()
        form.add_error(None, _("Too many messages from this connection. Please wait 15 minutes and send again."))
        response = _follow_page(request, report, key, form=form)
        response.status_code = 429
        response["Retry-After"] = "900"
        return response
    form = forms.ReporterMessageForm(request.POST, request.FILES, too_big=handler.too_big)
    if form.is_valid():
        try:
            services.report_add_from_reporter(
                report=report, key=key, text=form.cleaned_data["text"], files=form.cleaned_data["files"]
            )
        except services.ValidationError as error:
            form.add_error("files", error)
        else:
            return _follow_page(request, report, key, sent=True)
    return _follow_page(request, report, key, form=form)
