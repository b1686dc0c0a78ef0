from datetime import time

from integra.centres.models import Centre
from integra.core.models import AuditEntry
from tests.base import signed_in

URL = "/en/staff/centres/plovdiv/edit/"


def form_data(**overrides):
    data = {
        "phone": "+359 32 620 130",
        "email": "plovdiv@integra.example",
        "languages": ["bg", "en", "ar", "fa"],
        "services": [],
        "hours-TOTAL_FORMS": "2",
        "hours-INITIAL_FORMS": "0",
        "hours-MIN_NUM_FORMS": "0",
        "hours-MAX_NUM_FORMS": "21",
        "hours-0-weekday": "0",
        "hours-0-opens": "08:30",
        "hours-0-closes": "16:00",
        "hours-1-weekday": "2",
        "hours-1-opens": "10:00",
        "hours-1-closes": "18:00",
    }
    data.update(overrides)
    return data


def test_a_manager_changes_hours_languages_and_phone_of_their_centre(client, staff):
    signed_in(client, staff["manager.plovdiv"])
    page = client.get(URL)
    assert page.status_code == 200
    response = client.post(URL, form_data())
    assert response.status_code == 302
    centre = Centre.objects.get(slug="plovdiv")
    assert centre.languages == ["ar", "bg", "en", "fa"]
    assert str(centre.phone) == "+35932620130"
    assert [(h.weekday, h.opens, h.closes) for h in centre.opening_hours.all()] == [
        (0, time(8, 30), time(16, 0)),
        (2, time(10, 0), time(18, 0)),
    ]
    public = client.get("/en/centres/plovdiv/").content.decode()
    assert "08:30–16:00" in public


def test_the_change_is_in_the_audit_log_with_who_role_and_centre(client, staff):
    signed_in(client, staff["manager.plovdiv"])
    centre = Centre.objects.get(slug="plovdiv")
    already = set(AuditEntry.objects.get_for_object(centre).values_list("pk", flat=True))
    client.post(URL, form_data())
    entries = list(AuditEntry.objects.get_for_object(centre).exclude(pk__in=already))
    assert any("languages" in entry.changes_dict for entry in entries)
    assert any("services" in entry.changes_dict for entry in entries)
    for entry in entries:
        assert entry.actor == staff["manager.plovdiv"]
        assert entry.actor_roles == "centre_manager"
        assert entry.actor_centres == "plovdiv"


def test_closing_before_opening_is_refused_and_everything_typed_stays(client, staff):
    signed_in(client, staff["manager.plovdiv"])
    before = list(Centre.objects.get(slug="plovdiv").opening_hours.values_list("weekday", "opens"))
    response = client.post(URL, form_data(**{"hours-1-closes": "09:00", "email": "new@integra.example"}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "The closing time must be after the opening time." in body
    assert 'class="error-summary"' in body
    assert 'value="new@integra.example"' in body
    assert 'value="10:00"' in body and 'value="09:00"' in body
    after = list(Centre.objects.get(slug="plovdiv").opening_hours.values_list("weekday", "opens"))
    assert after == before


def test_overlapping_hours_and_a_bad_phone_are_explained(client, staff):
    signed_in(client, staff["manager.plovdiv"])
    response = client.post(
        URL, form_data(**{"phone": "call me maybe", "hours-1-weekday": "0", "hours-1-opens": "15:00"})
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid phone number" in body
    assert 'value="call me maybe"' in body


def test_the_form_is_in_the_staff_members_language(client, staff):
    signed_in(client, staff["manager.plovdiv"])
    body = client.get("/ar/staff/centres/plovdiv/edit/").content.decode()
    assert '<html lang="ar" dir="rtl">' in body
