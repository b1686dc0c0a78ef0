"""Links from a figure to the records behind it (issue 18 item 4): each app registers, in its own
indicators.py, the URL of its existing staff list filtered to an indicator's records
(`registry.records_link`); the figures pages show the links only to staff holding that list's permission."""

from urllib.parse import urlencode

from integra.figures import registry
from integra.figures.counting import Scope
from integra.figures.periods import Period


class Linked(str):
    """A row label that links to its records (`{{ label.url }}` in the templates)."""

    url: str = ""


def attach(user, indicator: registry.Indicator, period: Period, centres: tuple | None, sections) -> tuple[str, str]:
    """Give the rows of the sections their links (in place) and return the whole figure's link and its label
    ("" when the user may not open the list or the indicator has none; the label "" for "See the records")."""
    link = registry.get_records_link(indicator.code)
    if link is None or not user.has_perm(link.permission):
        return "", ""
    total = link.urls(Scope(period.start, period.end, centres), [""]).get("", "")
    for shown in sections or []:
        if shown is None or shown.breakdown not in link.breakdowns or shown.empty:
            continue
        urls = link.urls(Scope(period.start, period.end, centres, shown.breakdown), shown.keys)
        rows = []
        for key, (label, cells) in zip(shown.keys, shown.rows, strict=True):
            if urls.get(key):
                label = Linked(label)
                label.url = urls[key]
            rows.append((label, cells))
        shown.rows = rows
    return total, str(link.label) if total else ""


def days(scope: Scope, key: str | None = None) -> tuple:
    """The first and last day of the records: the scope's period, narrowed to a month, quarter or year row."""
    from integra.figures import periods  # noqa: PLC0415

    start, end = scope.start, scope.end
    if key and scope.breakdown in registry.TIME_BREAKDOWNS:
        if scope.breakdown == registry.Breakdown.MONTH:
            year, month = key.split("-")
            row = periods.month(int(year), int(month))
        elif scope.breakdown == registry.Breakdown.QUARTER:
            year, quarter = key.split("-Q")
            row = periods.quarter(int(year), int(quarter))
        else:
            row = periods.year(int(key))
        start, end = max(start, row.start), min(end, row.end)
    return start, end


def centre_slugs(scope: Scope, keys) -> dict:
    """{centre id (str): slug} for the scope's single centre and the centre rows (one query)."""
    from integra.centres.models import Centre  # noqa: PLC0415

    ids = {int(k) for k in keys if k and str(k).isdigit()} if scope.breakdown == registry.Breakdown.CENTRE else set()
    if scope.centres and len(scope.centres) == 1:
        ids.add(scope.centres[0])
    if not ids:
        return {}
    return {str(pk): slug for pk, slug in Centre.objects.filter(pk__in=ids).values_list("pk", "slug")}


def same_key(keys) -> dict:
    """{key: key} for the rows whose key is the list's own filter value (a channel, a kind); "" has none."""
    return {key: key for key in keys if key}


# The demographic breakdowns as the lists' filters (integra.clients.forms.add_demographic_filters): a row's key
# is the record's own value (a country code, a sex, an age band, a language); "not known" has no filter.
DEMOGRAPHIC_FILTERS = {
    registry.Breakdown.NATIONALITY: ("nationality", same_key),
    registry.Breakdown.SEX: ("gender", same_key),
    registry.Breakdown.AGE_BAND: ("age_band", same_key),
    registry.Breakdown.LANGUAGE: ("language", same_key),
}


def list_urls(scope: Scope, keys, *, url: str, filters: dict | None = None) -> dict:
    """{key: the staff list at `url` filtered to a row's records}: `date_from`/`date_to` are the period's days
    (narrowed to the row's month, quarter or year), `centre` the scope's single centre or the row's centre,
    and for another breakdown the query parameter and values `filters[breakdown] = (name, resolve)`, where
    `resolve(keys)` returns {key: value} (in one query at most) and a key it leaves out gets no link."""
    slugs = centre_slugs(scope, keys)
    name, values = None, {}
    if scope.breakdown in (filters or {}):
        name, resolve = filters[scope.breakdown]
        values = resolve(keys)
    found = {}
    for key in keys:
        start, end = days(scope, key)
        query = {"date_from": start.isoformat(), "date_to": end.isoformat()}
        if scope.centres and len(scope.centres) == 1:
            query["centre"] = slugs.get(str(scope.centres[0]), "")
        if scope.breakdown == registry.Breakdown.CENTRE:
            if key not in slugs:
                continue
            query["centre"] = slugs[key]
        elif name is not None:
            if key not in values:
                continue
            query[name] = values[key]
        found[key] = f"{url}?{urlencode(query)}"
    return found


def topic_slugs(keys) -> dict:
    """{topic id (str): slug} for topic rows (one query); the "no topic" row has no filter on the lists."""
    from integra.topics.models import Topic  # noqa: PLC0415

    ids = [int(k) for k in keys if str(k).isdigit()]
    return {str(pk): slug for pk, slug in Topic.objects.filter(pk__in=ids).values_list("pk", "slug")} if ids else {}
