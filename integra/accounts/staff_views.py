from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from integra.accounts import roles, services
from integra.accounts.forms import ApiTokenForm
from integra.accounts.models import ApiToken
from integra.centres.models import Centre
from integra.core.permissions import any_staff


@any_staff
def dashboard(request):
    centres = Centre.objects.for_user(request.user)
    editable = set(Centre.objects.editable_by(request.user).values_list("pk", flat=True))
    return render(
        request,
        "accounts/staff/dashboard.html",
        {"centres": centres, "editable": editable, "is_rights_officer": request.user.has_role(roles.RIGHTS_OFFICER)},
    )


@any_staff
def tokens(request):
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        form = ApiTokenForm()
    return render(
        request,
        "accounts/staff/tokens.html",
        {"form": form, "new_key": new_key, "tokens": request.user.api_tokens.all()},
    )


@any_staff
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.api_token_revoke(token=token)
    messages.success(request, _("The token was revoked. It no longer works."))
    return redirect("staff:tokens")
