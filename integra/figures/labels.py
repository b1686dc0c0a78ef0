"""Labels of breakdown rows in the page's language: centres, topics, courses and institutions by name,
countries by django-countries, languages by endonym, sex and age band by the shared choices, a month by
its name. At most one query, for names kept in the database."""

from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _
from django_countries import countries

from integra.clients.models import AgeBand, Gender
from integra.core.i18n import pick
from integra.core.languages import endonym
from integra.figures.registry import Breakdown


def _models():
    from integra.centres.models import Centre, Institution
    from integra.courses.models import Course
    from integra.topics.models import Topic

    return {
        Breakdown.CENTRE: (Centre, "name"),
        Breakdown.TOPIC: (Topic, "name"),
        Breakdown.COURSE: (Course, "title"),
        Breakdown.INSTITUTION: (Institution, "name"),
    }


def _time(breakdown: str, key: str) -> str:
    if breakdown == Breakdown.MONTH:
        year, month = key.split("-")
        return formats.date_format(date(int(year), int(month), 1), "F Y")
    if breakdown == Breakdown.QUARTER:
        year, quarter = key.split("-Q")
        return _("Q%(q)s %(year)s") % {"q": quarter, "year": year}
    return key


def for_breakdown(indicator, breakdown: str, keys: list[str]) -> dict[str, str]:
    names = {"": _("Not known")}
    keys = [key for key in keys if key]
    if not keys:
        return names
    if breakdown in (Breakdown.MONTH, Breakdown.QUARTER, Breakdown.YEAR):
        names.update({key: _time(breakdown, key) for key in keys})
    elif breakdown in _models():
        model, field = _models()[breakdown]
        ids = [int(key) for key in keys if key.isdigit()]
        for pk, value in model.objects.filter(pk__in=ids).values_list("pk", field):
            names[str(pk)] = pick(value) if isinstance(value, dict) else str(value)
    elif breakdown == Breakdown.NATIONALITY:
        names.update({key: countries.name(key) or key for key in keys})
    elif breakdown == Breakdown.LANGUAGE:
        names.update({key: endonym(key) for key in keys})
    elif breakdown == Breakdown.SEX:
        names.update({key: str(label) for key, label in Gender.choices if key in keys})
    elif breakdown == Breakdown.AGE_BAND:
        names.update({key: str(label) for key, label in AgeBand.choices if key in keys})
    elif breakdown in indicator.labels:
        names.update({key: str(label) for key, label in indicator.labels[breakdown].choices if key in keys})
    return names
