"""The knowledge base's indicators for the figures app: printed materials handed out."""

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from integra.figures.counting import Scope, count
from integra.figures.registry import Breakdown as B
from integra.figures.registry import Group, Unit, register
from integra.knowledge.models import Distribution


@register(
    code="net.materials",
    group=Group.NETWORK,
    unit=Unit.COUNT,
    name=_("Information materials distributed"),
    definition=_(
        "Copies of leaflets and other printed materials handed out in the period, by the centre whose copies they were."
    ),
    source=_("The network's own indicator."),
    breakdowns=(B.CENTRE, B.MONTH, B.QUARTER, B.YEAR, B.LANGUAGE),
    order=80,
)
def materials(scope: Scope):
    return count(
        Distribution.objects.all(),
        scope,
        date_field="distributed_on",
        breakdowns={B.LANGUAGE: "material__language"},
        measure=Sum("quantity"),
    )
