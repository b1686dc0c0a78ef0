"""The client files' indicators for the figures app (how many files were opened; nothing in them is read)."""

from django.utils.translation import gettext_lazy as _

from integra.clients.models import Client
from integra.figures.counting import Scope, count
from integra.figures.registry import Breakdown as B
from integra.figures.registry import Group, Unit, register


@register(
    code="net.client_files",
    group=Group.NETWORK,
    unit=Unit.PEOPLE,
    name=_("New client files"),
    definition=_("Client files opened in the period (files erased since are not counted)."),
    source=_("The network's own indicator."),
    breakdowns=(B.CENTRE, B.MONTH, B.QUARTER, B.YEAR, B.NATIONALITY, B.SEX),
    order=20,
)
def client_files(scope: Scope):
    return count(
        Client.objects.filter(erased_at__isnull=True),
        scope,
        date_field="created_at",
        breakdowns={B.NATIONALITY: "nationality", B.SEX: "gender"},
    )
