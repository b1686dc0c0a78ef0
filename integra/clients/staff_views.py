import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integra.accounts import roles
from integra.clients import services
from integra.clients.forms import ClientForm, ClientSearchForm, ConsentForm, DataSubjectExportForm, ShareForm
from integra.clients.models import Client
from integra.consultations.models import Consultation
from integra.core.permissions import requires

PAGE_SIZE = 25


def _may_see_history(user, client) -> bool:
    if user.has_role(roles.COORDINATOR):
        return True
    return user.has_role(roles.CENTRE_MANAGER) and client.centre.slug in user.centre_slugs


@requires("clients.view_client")
def client_list(request):
    form = ClientSearchForm(request.GET or None, user=request.user)
    clients = form.filter(Client.objects.for_user(request.user).filter(erased_at__isnull=True).select_related("centre"))
    page = Paginator(clients.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "clients/client_list.html", {"form": form, "page": page})


@requires("clients.add_client")
def client_create(request):
    form = ClientForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        client = services.client_create(centre=data.pop("centre"), by=request.user, **data)
        messages.success(request, _("Client file %(reference)s was created.") % {"reference": client.reference})
        return redirect("clients_staff:detail", reference=client.reference)
    return render(request, "clients/client_form.html", {"form": form})


@requires("clients.view_client")
def client_detail(request, reference):
    client = services.get_client_for_user(request.user, reference)
    # The consultations the user may open, by the consultation pages' own rule (a shared file shows the file,
    # not another centre's consultations).
    consultations = (
        Consultation.objects.for_user(request.user).filter(client=client).for_list().order_by("-held_on", "-pk")[:50]
    )
    history = services.client_access_history(client) if _may_see_history(request.user, client) else None
    return render(
        request,
        "clients/client_detail.html",
        {
            "client": client,
            "consultations": consultations,
            "history": history,
            "consent_form": ConsentForm(),
            "share_form": ShareForm(client=client),
            "may_export_for_data_subject": services.may_export_for_data_subject(request.user, client),
        },
    )


@requires("clients.change_client")
def client_edit(request, reference):
    client = services.get_client_for_user(request.user, reference)
    if client.is_erased:
        raise PermissionDenied
    form = ClientForm(request.POST or None, instance=client, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.client_update(client=client, **form.cleaned_data)
        messages.success(request, _("The client file was saved."))
        return redirect("clients_staff:detail", reference=client.reference)
    return render(request, "clients/client_form.html", {"form": form, "client": client})


@requires("clients.change_client")
def consent_add(request, reference):
    client = services.get_client_for_user(request.user, reference, log=False)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.consent_record(client=client, by=request.user, **form.cleaned_data)
        messages.success(request, _("The consent was recorded."))
        return redirect("clients_staff:detail", reference=client.reference)
    return render(request, "clients/consent_form.html", {"form": form, "client": client})


@require_POST
@requires("clients.change_client")
def consent_withdraw(request, reference, pk):
    client = services.get_client_for_user(request.user, reference, log=False)
    consent = get_object_or_404(client.consents.all(), pk=pk)
    services.consent_withdraw(consent=consent)
    messages.success(request, _("The consent was marked as withdrawn."))
    return redirect("clients_staff:detail", reference=client.reference)


@requires("clients.change_client")
def client_share(request, reference):
    client = services.get_client_for_user(request.user, reference, log=False)
    form = ShareForm(request.POST or None, client=client)
    if request.method == "POST" and form.is_valid():
        try:
            share = services.client_share(
                client=client,
                centre=form.cleaned_data["centre"],
                by=request.user,
                override_reason=form.cleaned_data["override_reason"],
            )
        except services.SharingRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The file is now shared with %(centre)s.") % {"centre": share.centre})
            return redirect("clients_staff:detail", reference=client.reference)
    return render(request, "clients/share_form.html", {"form": form, "client": client})


def _json_download(data: dict, reference: str, name: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}-{reference}.json"'
    return response


def _pdf_download(request, data: dict, reference: str, name: str) -> HttpResponse:
    html = render_to_string("clients/client_export.html", {"data": data}, request=request)
    from weasyprint import HTML  # noqa: PLC0415 - heavy import, only when a PDF is asked for

    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}-{reference}.pdf"'
    return response


@requires("clients.export_client")
def client_export_json(request, reference):
    """The file as the user may read it: another centre's consultations are left out, as on the pages."""
    client = services.get_client_for_user(request.user, reference)
    return _json_download(services.client_export(client=client, user=request.user), client.reference, "client")


@requires("clients.export_client")
def client_export_pdf(request, reference):
    """A readable export; PDF through WeasyPrint, or the same page as printable HTML with ?format=html."""
    client = services.get_client_for_user(request.user, reference)
    data = services.client_export(client=client, user=request.user)
    if request.GET.get("format") == "html":
        return render(request, "clients/client_export.html", {"data": data})
    return _pdf_download(request, data, client.reference, "client")


@requires("clients.export_client")
def client_export_for_data_subject(request, reference):
    """Everything kept about the client, every centre's consultations included: for the file's own centre only."""
    client = services.get_client_for_user(request.user, reference, log=False)
    if not services.may_export_for_data_subject(request.user, client):
        raise PermissionDenied
    form = DataSubjectExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        export_format = form.cleaned_data["format"]
        data = services.client_export_for_data_subject(client=client, by=request.user, export_format=export_format)
        if export_format == "json":
            return _json_download(data, client.reference, "data-subject-export")
        return _pdf_download(request, data, client.reference, "data-subject-export")
    return render(request, "clients/data_subject_export.html", {"form": form, "client": client})


@requires("clients.export_client")
def client_erase(request, reference):
    client = services.get_client_for_user(request.user, reference, log=False)
    if request.method == "POST":
        if request.POST.get("confirm") != client.reference:
            messages.error(request, _("Type the file's reference to confirm."))
        else:
            services.client_erase(client=client, by=request.user)
            messages.success(request, _("The client file was erased. Its consultations stay counted without identity."))
            return redirect("clients_staff:list")
    return render(request, "clients/client_erase.html", {"client": client})
