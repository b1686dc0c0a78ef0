from django import template
from django.utils import timezone

from integra.centres.models import Hotline
from integra.core.pagecache import remember
from integra.hotline.hours import calendar_for
from integra.hotline.models import Call

register = template.Library()


@register.simple_tag
def hotline_lines():
    return list(Hotline.objects.order_by("position", "pk"))


@register.simple_tag
def hotlines_now():
    """[(hotline, LineStatus) …] for every line, now. The lines with their hours and days are read once per
    process and content version (three queries; their saves bump the version); the status is worked out now."""
    lines = remember(("hotlines-now",), _lines_with_hours)
    now = timezone.now()
    return [(line, calendar_for(line).status(now)) for line in lines]


def _lines_with_hours() -> list[Hotline]:
    return list(Hotline.objects.order_by("position", "pk").prefetch_related("line_hours", "line_days"))


@register.simple_tag
def calls_on_file(client, user):
    """The hotline calls put on a client file (with the caller's consent) that this user may open."""
    return list(
        Call.objects.for_user(user).filter(client=client).select_related("hotline").prefetch_related("topics")[:50]
    )
