"""The violation reports' indicator for the figures app: how many reports came in, nothing about them.

Only the day a report was submitted is read; category, place and content stay with the rights officers."""

from django.utils.translation import gettext_lazy as _

from integra.figures.counting import Scope, count
from integra.figures.registry import Breakdown as B
from integra.figures.registry import Group, Unit, register
from integra.violations.models import Report


@register(
    code="net.violation_reports",
    group=Group.NETWORK,
    unit=Unit.CONTACTS,
    name=_("Reports of rights violations received"),
    definition=_("Reports of violations of immigrants' rights submitted in the period, online or on someone's behalf."),
    source=_("The network's own indicator."),
    breakdowns=(B.MONTH, B.QUARTER, B.YEAR),
    network_only=True,
    order=90,
)
def violation_reports(scope: Scope):
    return count(Report.objects.all(), scope, date_field="submitted_on", centre_field=None)
