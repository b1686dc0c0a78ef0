"""The month names, marked for the project's catalogue so that a language can write them its own way
where Django's catalogue does not: Bulgarian writes months in lowercase ("5 март 2026 г."), Django's bg
catalogue capitalises them. Translation review 2026-12, §0.4. Nothing imports this module; it is read by
makemessages, and the translations override Django's at run time."""

from django.utils.translation import gettext_noop

MONTHS = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
]
