"""Public pages: ask for a call-back and its confirmation."""

from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from integra.core.permissions import public
from integra.hotline.callback import CONFIRMATION_SALT, CallBackWizard
from integra.hotline.models import CallBack

call_back_start = public(CallBackWizard.as_view())


@public
def call_back_confirmation(request, token):
    try:
        pk = signing.loads(token, salt=CONFIRMATION_SALT, max_age=7 * 86400)
    except signing.BadSignature:
        raise Http404 from None
    call_back = get_object_or_404(CallBack.objects.select_related("topic"), pk=pk)
    return render(request, "hotline/public/call_back_confirmation.html", {"call_back": call_back})
