"""Coordinators keep the courses and their texts in each language (issue 14 item 1); a language left empty
falls back to another on the public page with a notice; others are refused."""

from integra.courses.models import Course
from integra.courses.tests.conftest import make_group
from tests.base import signed_in


def test_a_coordinator_creates_a_course_in_two_languages_and_the_others_fall_back(client, staff):
    signed_in(client, staff["coordinator"])
    data = {
        "slug": "computer-basics",
        "kind": "computer",
        "completion_attendance": 75,
        "is_active": "on",
        "title_en": "Computer basics",
        "title_ar": "أساسيات الحاسوب",
        "description_en": "E-mail, forms online, safe passwords.",
        "what_to_bring_en": "Nothing: the centre has computers.",
    }
    response = client.post("/en/staff/courses/catalogue/new/", data)
    assert response.status_code == 302
    course = Course.objects.get()
    assert course.title == {"en": "Computer basics", "ar": "أساسيات الحاسوب"}
    assert course.what_to_bring == {"en": "Nothing: the centre has computers."}
    group = make_group(course=course)
    client.logout()
    page = client.get(f"/fa/courses/{group.pk}/")
    assert page.status_code == 200 and 'class="notice"' in page.content.decode()
    assert "أساسيات الحاسوب" in client.get(f"/ar/courses/{group.pk}/").content.decode()


def test_a_title_is_needed_and_a_language_course_has_a_level_and_input_is_kept(client, staff):
    signed_in(client, staff["coordinator"])
    page = client.post(
        "/en/staff/courses/catalogue/new/",
        {"slug": "bg-x", "kind": "language", "completion_attendance": 75, "description_uk": "Абетка"},
    ).content.decode()
    assert "Give the course a title in at least one language." in page and "A language course has a CEFR level." in page
    assert "Абетка" in page and not Course.objects.exists()


def test_a_coordinator_changes_a_course_and_others_are_refused(client, staff):
    course = Course.objects.create(slug="civic", kind="civic", title={"en": "Civic orientation"})
    signed_in(client, staff["coordinator"])
    edit = client.get(f"/en/staff/courses/catalogue/{course.pk}/").content.decode()
    assert 'value="Civic orientation"' in edit
    data = {"slug": "civic", "kind": "civic", "completion_attendance": 60, "title_en": "Civic orientation",
            "title_uk": "Громадянська орієнтація"}  # fmt: skip
    assert client.post(f"/en/staff/courses/catalogue/{course.pk}/", data).status_code == 302
    course.refresh_from_db()
    assert course.title["uk"] == "Громадянська орієнтація" and course.completion_attendance == 60
    for who in ("manager.sofia", "trainer.sofia", "consultant.sofia"):
        signed_in(client, staff[who])
        assert client.get("/en/staff/courses/catalogue/").status_code == 403
        assert client.get(f"/en/staff/courses/catalogue/{course.pk}/").status_code == 403
