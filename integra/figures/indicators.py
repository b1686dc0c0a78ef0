"""The figures app's own indicators: those made of other apps' indicators (never of their tables).

- participants supported: the people of every indicator registered with `participants=True`, each
  person once across all of them (a client file, a member account or a phone number in common);
- helpful for integration is registered by the events app (integra/events/indicators.py): for now only
  events ask "was this useful for you?"; when another activity asks, it becomes a union here;
- languages: the languages people were served in, from the language breakdown of the contacts.
"""

from django.utils.translation import gettext_lazy as _

from integra.figures import registry
from integra.figures.counting import People, Scope, Value
from integra.figures.registry import Breakdown as B
from integra.figures.registry import Group, Unit, register

PARTICIPANT_BREAKDOWNS = (B.CENTRE, B.MONTH, B.QUARTER, B.YEAR, B.NATIONALITY, B.SEX, B.AGE_BAND, B.LANGUAGE)
LANGUAGE_SOURCES = ("net.consultations", "net.calls", "net.interpreting_filled")


@register(
    code="amif.participants",
    group=Group.FUNDER,
    unit=Unit.PEOPLE,
    name=_("Participants supported"),
    definition=_(
        "People who took part in any activity of the network in the period (consultations, courses, events, "
        "hotline, interpreting), each counted once: records with the same client file, member account or "
        "phone number are one person. Anonymous contacts are estimated participants, shown apart."
    ),
    source=_("Modelled on the AMIF common output indicator on participants supported."),
    breakdowns=PARTICIPANT_BREAKDOWNS,
    public=True,
    order=10,
)
def participants(scope: Scope):
    from integra.figures.services import run_query

    sources: list[People] = []
    for indicator in registry.indicators():
        if not indicator.participants or indicator.query is None:
            continue
        own = scope if not scope.breakdown or scope.breakdown in indicator.breakdowns else _without_breakdown(scope)
        result = run_query(indicator, own)
        sources.extend([result] if isinstance(result, People) else result)
    return sources


def _without_breakdown(scope: Scope) -> Scope:
    """A source that does not know the breakdown puts its people in the "not known" row."""
    return Scope(scope.start, scope.end, scope.centres, None)


@register(
    code="net.languages",
    group=Group.NETWORK,
    unit=Unit.COUNT,
    name=_("Languages people were served in"),
    definition=_("Languages used in consultations, hotline calls and interpreting in the period."),
    source=_("The network's own indicator."),
    public=True,
    order=95,
)
def languages(scope: Scope):
    from integra.figures.services import as_value, run_query

    found = set()
    for code in LANGUAGE_SOURCES:
        indicator = registry.get(code)
        if indicator is None:
            continue
        value = as_value(run_query(indicator, Scope(scope.start, scope.end, scope.centres, B.LANGUAGE)), B.LANGUAGE)
        found |= {row.key for row in value.rows if row.key and (row.value or row.anonymous or row.of)}
    return Value(total=len(found))
