"""A client file's timeline across channels, and linking records to it with consent (issue 17 item 5)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from integra.clients import services, timeline
from integra.clients.models import Consent
from integra.core.permissions import requires


@requires("clients.view_client")
def client_timeline(request, reference):
    """Opening it is audit-logged like opening the file."""
    client = services.get_client_for_user(request.user, reference)
    may_link = request.user.has_perm("clients.change_client") and not client.is_erased
    context = {
        "client": client,
        "items": timeline.client_timeline(client=client, user=request.user),
        "may_link": may_link,
        "has_linking_consent": client.has_consent(Consent.Purpose.LINKING),
        "candidates": timeline.client_link_candidates(client=client, user=request.user) if may_link else [],
    }
    return render(request, "clients/client_timeline.html", context)


def _records(values) -> list[tuple[str, int]]:
    records = []
    for value in values:
        kind, _sep, pk = value.partition(":")
        if kind in timeline.KIND_PERMISSION and pk.isdigit():
            records.append((kind, int(pk)))
    return records


@require_POST
@requires("clients.change_client")
def client_link(request, reference):
    client = services.get_client_for_user(request.user, reference, log=False)
    if client.is_erased:
        raise PermissionDenied
    if not client.has_consent(Consent.Purpose.LINKING):
        messages.error(request, _("First record the client's consent to linking on the file."))
        return redirect("clients_staff:timeline", reference=client.reference)
    records = _records(request.POST.getlist("record"))
    if not records:
        messages.error(request, _("Choose at least one record to put on the file."))
        return redirect("clients_staff:timeline", reference=client.reference)
    count = timeline.client_link(client=client, by=request.user, records=records)
    messages.success(
        request,
        ngettext("%(count)s record was put on the file.", "%(count)s records were put on the file.", count)
        % {"count": count},
    )
    return redirect("clients_staff:timeline", reference=client.reference)


@require_POST
@requires("clients.change_client")
def client_unlink(request, reference, pk):
    client = services.get_client_for_user(request.user, reference, log=False)
    link = get_object_or_404(client.links.active(), pk=pk)
    if request.POST.get("client_asked") != "yes":
        messages.error(request, _("Tick that the client asked for this record to be taken off the file."))
        return redirect("clients_staff:timeline", reference=client.reference)
    timeline.client_unlink(link=link, by=request.user)
    messages.success(request, _("The record was taken off the file. It can be put back with the client's consent."))
    return redirect("clients_staff:timeline", reference=client.reference)
