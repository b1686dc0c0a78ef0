"""The trust pages linked from every footer (issue 11, item 10): privacy notice, accessibility statement, and who
runs the service. The retention periods they state are read from the settings the code enforces them with."""

from django.conf import settings
from django.shortcuts import render

from integra.centres.models import Centre
from integra.core.permissions import public


def _operator() -> dict:
    return {
        "name": settings.SERVICE_OPERATOR_NAME,
        "address": settings.SERVICE_OPERATOR_ADDRESS,
        "email": settings.SERVICE_OPERATOR_EMAIL,
    }


@public
def privacy(request):
    return render(
        request,
        "core/privacy.html",
        {
            "operator": _operator(),
            "report_days": settings.VIOLATIONS_RETENTION_DAYS,
            "booking_link_days": settings.BOOKING_LINK_DAYS_AFTER,
        },
    )


@public
def accessibility(request):
    return render(request, "core/accessibility.html", {"operator": _operator()})


@public
def about(request):
    return render(request, "core/about.html", {"operator": _operator(), "centres": Centre.objects.active()})
