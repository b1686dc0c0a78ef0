from django import template
from django.utils import timezone

from integra.centres.models import Hotline
from integra.hotline.hours import calendar_for

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
