"""Every interface language has a complete catalogue (nothing untranslated, nothing fuzzy),
and the compiled .mo file the server loads says the same as the .po file."""

import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def catalogue(lang: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_catalogue_is_complete(lang):
    po = catalogue(lang)
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert len(po) > 0
    assert not untranslated, f"{len(untranslated)} untranslated in {lang}: {untranslated[:10]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {lang}: {fuzzy[:10]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compiled_catalogue_matches_the_source(lang):
    mo_path = LOCALE / lang / "LC_MESSAGES" / "django.mo"
    assert mo_path.exists(), "run `make messages` to compile the catalogues"
    with mo_path.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in catalogue(lang).translated_entries():
        if entry.msgid_plural:
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if compiled._catalog.get(key) != entry.msgstr:
            stale.append(entry.msgid)
    assert not stale, f"{lang}: django.mo is out of date for {stale[:5]}; run `make messages`"
