"""The indicator register: every figure the network reports, with its code, name, definition, unit,
breakdowns and the query function of the app that owns the records it counts.

Each app declares its indicators in its own `indicators.py` (found by `autodiscover_modules` when the
figures app is ready), so no app-specific query lives in the figures app:

    @register(
        code="net.consultations", group=Group.NETWORK, unit=Unit.CONTACTS,
        name=_("Consultations"), definition=_("Every consultation recorded …"),
        breakdowns=(Breakdown.CENTRE, Breakdown.MONTH, Breakdown.TOPIC, …),
        source=_("The network's own indicator."),
    )
    def consultations(scope: Scope) -> Value: ...

A query function takes a `Scope` (period, centres in scope or all, an optional breakdown) and returns a
`Value` in a constant number of queries, whatever the size of the tables. A "people" indicator returns
`People` instead: the figures app counts each person once per period (`integra.figures.counting`).
Names, definitions and targets can be overridden by a coordinator without code (`IndicatorSetting`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    PEOPLE = "people", _("people")
    CONTACTS = "contacts", _("contacts")
    HOURS = "hours", _("hours")
    SHARE = "share", _("share")
    COUNT = "count", _("number")


# Counts of people or contacts are protected against small cells; hours and copies are not about people.
PROTECTED_UNITS = (Unit.PEOPLE, Unit.CONTACTS, Unit.SHARE)


class Group(models.TextChoices):
    FUNDER = "funder", _("Funder indicators")
    NETWORK = "network", _("The network's own indicators")


class Breakdown(models.TextChoices):
    CENTRE = "centre", _("Centre")
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")
    TOPIC = "topic", _("Topic")
    CHANNEL = "channel", _("Channel")
    LANGUAGE = "language", _("Language")
    NATIONALITY = "nationality", _("Nationality")
    SEX = "sex", _("Sex")
    AGE_BAND = "age_band", _("Age band")
    COURSE = "course", _("Course")
    EVENT_KIND = "event_kind", _("Kind of event")
    INSTITUTION = "institution", _("Institution")


TIME_BREAKDOWNS = (Breakdown.MONTH, Breakdown.QUARTER, Breakdown.YEAR)


@dataclass(frozen=True)
class Indicator:
    code: str
    name: Promise | str
    definition: Promise | str
    unit: str
    group: str
    query: Callable | None
    breakdowns: tuple[str, ...] = ()
    source: Promise | str = ""
    public: bool = False
    # Counted for the whole network only (not by centre): shown to network-wide roles only.
    network_only: bool = False
    # A "people" indicator whose people also count as participants supported (the funder's headline).
    participants: bool = False
    is_people: bool = False
    # Why there is no number yet (no records of this kind are kept yet): shown instead of a value.
    unavailable: Promise | str = ""
    order: int = 0
    labels: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def is_share(self) -> bool:
        return self.unit == Unit.SHARE

    @property
    def is_contacts(self) -> bool:
        return self.unit == Unit.CONTACTS

    @property
    def unit_label(self) -> str:
        return str(Unit(self.unit).label)

    @property
    def protected(self) -> bool:
        return self.unit in PROTECTED_UNITS


_REGISTER: dict[str, Indicator] = {}


def register(
    *,
    code: str,
    name,
    definition,
    unit: str,
    group: str = Group.NETWORK,
    breakdowns=(),
    source="",
    public: bool = False,
    network_only: bool = False,
    participants: bool = False,
    people: bool = False,
    unavailable="",
    order: int = 100,
    labels: dict | None = None,
):
    """Register the decorated query function as the indicator `code` (the code is unique)."""

    def decorator(func: Callable | None):
        if code in _REGISTER and _REGISTER[code].query is not func:
            raise ValueError(f"indicator {code!r} is registered twice")
        unknown = set(breakdowns) - set(Breakdown.values)
        if unknown:
            raise ValueError(f"indicator {code!r}: unknown breakdowns {sorted(unknown)}")
        _REGISTER[code] = Indicator(
            code=code,
            name=name,
            definition=definition,
            unit=unit,
            group=group,
            query=func,
            breakdowns=tuple(breakdowns),
            source=source,
            public=public,
            network_only=network_only,
            participants=participants,
            is_people=people or unit == Unit.PEOPLE,
            unavailable=unavailable,
            order=order,
            labels=labels or {},
        )
        return func

    return decorator


def unregister(code: str) -> None:
    """Tests only: take an indicator out of the register."""
    _REGISTER.pop(code, None)


def indicators() -> list[Indicator]:
    """Every registered indicator, funder set first, in their order."""
    groups = list(Group.values)
    return sorted(_REGISTER.values(), key=lambda i: (groups.index(i.group), i.order, i.code))


def get(code: str) -> Indicator | None:
    return _REGISTER.get(code)


# --- Data quality before reporting ------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """Records of the period that lack what the funder's breakdowns need, with a link to fix each one.

    `records(scope)` returns the owning app's queryset of those records (in the period and centres);
    `row(record)` gives its pseudonymous label (a reference, a date) and the URL of its page."""

    code: str
    label: Promise | str
    records: Callable
    row: Callable
    order: int = 0
    # Counted once and kept with the stored figures (integra.figures.stored); False for a count that
    # changes with the time of day rather than with the records.
    stored: bool = True


_CHECKS: dict[str, Check] = {}


def quality_check(*, code: str, label, row: Callable, order: int = 100, stored: bool = True):
    """Register the decorated function (scope → queryset) as the data-quality check `code`."""

    def decorator(func: Callable):
        _CHECKS[code] = Check(code=code, label=label, records=func, row=row, order=order, stored=stored)
        return func

    return decorator


def checks() -> list[Check]:
    return sorted(_CHECKS.values(), key=lambda c: (c.order, c.code))


def get_check(code: str) -> Check | None:
    return _CHECKS.get(code)


# --- Links to the records behind a figure ---------------------------------------------------------------------


@dataclass(frozen=True)
class RecordsLink:
    """The owning app's staff list filtered to an indicator's records: `urls(scope, keys)` returns
    {key: URL} for the rows of `scope.breakdown` (keys of the rows), or {"": URL} for the whole figure
    when the scope has no breakdown; a key left out has no link. Shown only with `permission`. `label` says
    what the list shows when it is not one row per unit of the figure (a list of requests behind a count of
    people, for instance); "" for the plain "See the records"."""

    code: str
    permission: str
    urls: Callable
    breakdowns: tuple[str, ...] = ()
    label: Promise | str = ""


_LINKS: dict[str, RecordsLink] = {}


def records_link(*, code: str, permission: str, breakdowns=(), label=""):
    """Register the decorated function as the link from indicator `code` to its records."""

    def decorator(func: Callable):
        _LINKS[code] = RecordsLink(
            code=code, permission=permission, urls=func, breakdowns=tuple(breakdowns), label=label
        )
        return func

    return decorator


def get_records_link(code: str) -> RecordsLink | None:
    return _LINKS.get(code)
