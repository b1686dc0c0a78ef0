from django import template
from django.utils import timezone

from integra.centres.models import Hotline
from integra.hotline.hours import calendar_for
from integra.hotline.models import Call

register = template.Library()


@register.simple_tag
def hotline_lines():
    return list(Hotline.objects.order_by("position", "pk"))


@register.simple_tag
def hotlines_now():
    """[(hotline, LineStatus) …] for every line, now: three queries whatever the number of days."""
    lines = Hotline.objects.order_by("position", "pk").prefetch_related("line_hours", "line_days")
    now = timezone.now()
    return [(line, calendar_for(line).status(now)) for line in lines]


@register.simple_tag
def calls_on_file(client, user):
    """The hotline calls put on a client file (with the caller's consent) that this user may open."""
    return list(
        Call.objects.for_user(user).filter(client=client).select_related("hotline").prefetch_related("topics")[:50]
    )
