import functools
import time

from django import forms, template
from django.conf import settings
from django.utils import timezone
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, gettext

from integra.core import dates, pagecache
from integra.core.i18n import direction, in_page_language, pick, pick_with_language
from integra.core.languages import endonym as _endonym

register = template.Library()

_CODES = {code for code, _name in settings.LANGUAGES}
CURRENT = ' aria-current="true"'


@register.filter
def tr(translations):
    """{{ centre.name|tr }}: the text in the visitor's language, with fallback."""
    return pick(translations)


@register.filter
def tr_marked(translations):
    """{{ institution.name|tr_marked }}: as |tr, in a <span lang dir> when the text is not in the page's language
    (an English name on an Arabic page). For element content only; in attributes and titles use |tr."""
    text, language = pick_with_language(translations)
    return in_language(text, language)


@register.filter
def in_language(text, language):
    """{{ question.title|in_language:question.language }}: the text, in a <span lang dir> when its language is not
    the page's (a Russian question on a Bulgarian page)."""
    if text in (None, ""):
        return ""
    if in_page_language(language):
        return conditional_escape(text)
    return format_html('<span lang="{}" dir="{}">{}</span>', language, direction(language), text)


@register.filter
def lang_attrs(language):
    """<p{{ question.language|lang_attrs }}>: ` lang=".." dir=".."` when the language is not the page's, else ""."""
    if in_page_language(language):
        return ""
    return format_html(' lang="{}" dir="{}"', language, direction(language))


@register.filter
def tr_lang_attrs(translations):
    """<dd{{ centre.address|tr_lang_attrs }}>{{ centre.address|tr }}</dd>: the lang and dir of what |tr picks,
    when it is not the page's language (for content |tr_marked cannot wrap, e.g. with |linebreaksbr)."""
    return lang_attrs(pick_with_language(translations)[1])


@register.filter
def endonym(code):
    return _endonym(code)


@register.simple_tag(takes_context=True)
def url_in_language(context, code):
    """The current page in another interface language (the language chooser's links).

    Integra's URL paths are not translated, only prefixed with the language, so swapping the
    prefix is enough (and much cheaper than resolving the URL once per language on every page).
    """
    request = context.get("request")
    if request is None:
        return f"/{code}/"
    parts = request.get_full_path().split("/", 2)
    if len(parts) > 2 and parts[1] in _CODES:
        return f"/{code}/{parts[2]}"
    return f"/{code}/"


@register.simple_tag(takes_context=True)
def language_chooser(context):
    """The language chooser's links for the current page, built in one pass (it is on every page)."""
    request = context.get("request")
    current = get_language()
    rest = ""
    if request is not None:
        parts = request.get_full_path().split("/", 2)
        if len(parts) > 2 and parts[1] in _CODES:
            rest = escape(parts[2])
    links = "".join(
        f'<li><a href="/{code}/{rest}" lang="{code}" hreflang="{code}"{CURRENT if code == current else ""}>'
        f"{name}</a></li>"
        for code, name in _interface_languages()
    )
    label = escape(gettext("Language"))
    # Every part is escaped above (the path, the names) or a constant.
    return mark_safe(f'<nav class="languages wrap" aria-label="{label}">\n    <ul>{links}</ul>\n  </nav>')  # noqa: S308


@functools.cache
def _interface_languages() -> tuple[tuple[str, str], ...]:
    """(code, the language's own name, escaped), once per process: it does not depend on the request."""
    return tuple((code, escape(get_language_info(code)["name_local"])) for code, _name in settings.LANGUAGES)


BY_MINUTE = "by_minute"
CSRF_FIELD = 'name="csrfmiddlewaretoken"'


class FragmentNode(template.Node):
    def __init__(self, name: str, keys: list, by_minute: bool, nodelist):
        self.name, self.keys, self.by_minute, self.nodelist = name, keys, by_minute, nodelist

    def render(self, context):
        key = ["fragment", self.name, get_language(), *(str(k.resolve(context)) for k in self.keys)]
        if self.by_minute:  # text worked out from the time ("open now", "upcoming"): made again each minute
            key.append(int(time.time() // 60))
        made = []

        def make():
            made.append(mark_safe(self.nodelist.render(context)))  # noqa: S308 - rendered by the template engine
            return None if CSRF_FIELD in made[0] else made[0]  # a per-visitor token is never kept

        kept = pagecache.remember(tuple(key), make)
        return made[0] if kept is None else kept


@register.tag
def fragment(parser, token):
    """{% fragment "footer" %}…{% endfragment %}: rendered once per process, language and content version
    (integra/core/pagecache.remember). Only for markup made of public content, the same for every visitor:
    nothing from the user, the session or a message; a form in it must need no token (markup holding a
    {% csrf_token %} is never kept). Anything else the markup depends on is named after the name: the
    values it is keyed by ({% fragment "topic" topic.pk page.number %}), and `by_minute` when it shows
    something worked out from the current time (it is then made again each minute)."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('{% fragment "name" [key …] [by_minute] %} takes a quoted name first')
    by_minute = BY_MINUTE in bits[2:]
    keys = [parser.compile_filter(bit) for bit in bits[2:] if bit != BY_MINUTE]
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(bits[1][1:-1], keys, by_minute, nodelist)


@register.simple_tag(takes_context=True)
def absolute_url_in_language(context, code):
    """The current page in another language as an absolute URL (<link rel="alternate" hreflang> needs one)."""
    request = context.get("request")
    path = url_in_language(context, code)
    return request.build_absolute_uri(path) if request is not None else path


@register.filter
def machine_datetime(moment):
    """{{ moment|machine_datetime }}: the value of <time datetime>, in Sofia time to the second
    ("2026-10-04T17:19:46+03:00"; the validator refuses Django's six-digit microseconds of |date:'c')."""
    if not moment:
        return ""
    return timezone.localtime(moment).isoformat(timespec="seconds")


@register.filter
def long_date(day, options=""):
    """{{ day|long_date }}: "Wednesday 2 December 2026" in the page's language, in a <time>.
    Options, space-separated: "noweekday", "noyear", "text" (plain text, for e-mail and SMS)."""
    if not day:
        return ""
    weekday, year = "noweekday" not in options, "noyear" not in options
    if "text" in options:
        return dates.long_date(day, weekday=weekday, year=year)
    return dates.long_date_html(day, weekday=weekday, year=year)


@register.filter
def long_datetime(moment, options=""):
    """{{ start|long_datetime }}: "Wednesday 2 December 2026, 11:00" (Sofia time), in a <time>.
    Options, space-separated: "noweekday", "text" (plain text, for e-mail and SMS)."""
    if not moment:
        return ""
    if "text" in options:
        return dates.long_datetime(moment, weekday="noweekday" not in options)
    return dates.long_datetime_html(moment, weekday="noweekday" not in options)


@register.filter
def long_window(start, end):
    """{{ start|long_window:end }}: "Wednesday 2 December, 11:00–13:00", the span kept left-to-right."""
    if not start or not end:
        return ""
    return dates.long_window_html(start, end)


@register.filter
def error_anchor(bound_field) -> str:
    """The id an error summary's link goes to: a radio or checkbox group's first option (its fieldset has
    no id to focus), otherwise the field's own input."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        options = bound_field.subwidgets
        if options:
            return options[0].id_for_label
    return bound_field.id_for_label or bound_field.auto_id
