"""The public group page: a course not described in the visitor's language falls back to another language
with a notice, never a 404 (issue 14 item 1), and the text that fell back carries its own lang."""

import pytest
from django.utils import translation

from integra.courses.tests.conftest import make_course, make_group


@pytest.mark.parametrize("lang", ["fa", "uk", "tr"])
def test_a_course_missing_in_the_language_falls_back_with_a_notice(client, reference_data, lang):
    group = make_group(course=make_course())  # title in en, bg, ar; description only in English
    response = client.get(f"/{lang}/courses/{group.pk}/")
    page = response.content.decode()
    assert response.status_code == 200 and f'<html lang="{lang}"' in page
    assert 'class="notice"' in page
    assert '<span lang="en" dir="ltr">Cyrillic, shopping, the doctor.</span>' in page
    catalogue = client.get(f"/{lang}/courses/").content.decode()
    assert "Bulgarian for beginners (A1)" in catalogue


def test_a_course_in_the_language_has_no_notice(client, reference_data):
    group = make_group(course=make_course(description={"ar": "الأبجدية السيريلية", "en": "Cyrillic"}))
    page = client.get(f"/ar/courses/{group.pk}/").content.decode()
    assert "الأبجدية السيريلية" in page and 'class="notice"' not in page
    with translation.override("en"):
        english = client.get(f"/en/courses/{group.pk}/").content.decode()
    assert "This course is not described in your language yet" not in english
