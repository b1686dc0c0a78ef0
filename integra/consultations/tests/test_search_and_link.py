"""The client search in the back office's navigation and linking a walk-in's consultation to a client file
afterwards (issue 11 item 14)."""

import re
from datetime import date

import pytest
from django.utils import timezone

from integra.centres.models import Centre
from integra.clients import services as client_services
from integra.consultations import services
from integra.consultations.models import Consultation
from integra.topics.models import Topic
from tests.base import make_user, signed_in

pytestmark = pytest.mark.usefixtures("reference_data")
SEARCH = re.compile(r'<form class="staff-search" role="search" method="get" action="/en/staff/clients/">')


def walk_in(user, slug="sofia", **extra):
    return services.consultation_record(
        by=user, centre=Centre.objects.get(slug=slug), held_on=timezone.localdate(), channel="in_person",
        topics=[Topic.objects.get(slug="residence")], language="ar", **extra,
    )  # fmt: skip


@pytest.mark.parametrize(
    "path",
    ["/en/staff/", "/en/staff/today/", "/en/staff/consultations/", "/en/staff/follow-ups/", "/en/staff/hotline/",
     "/en/staff/hotline/call-backs/", "/en/staff/forum/unanswered/",
     "/en/staff/tokens/"],
)  # fmt: skip
def test_every_back_office_page_has_the_client_search_for_a_consultant(client, staff, path):
    response = signed_in(client, staff["consultant.sofia"]).get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert SEARCH.search(page), path
    assert '<input type="search" name="q" id="staff-client-search"' in page


@pytest.mark.parametrize(
    "username", ["trainer.sofia", "moderator", "partner.plovdiv", "rights.officer", "mediator.sofia"]
)
def test_roles_that_cannot_see_client_files_get_no_search_box(client, staff, username):
    page = signed_in(client, staff[username]).get("/en/staff/").content.decode()
    assert "staff-client-search" not in page and "/en/staff/clients/" not in page


def test_a_translator_gets_no_search_box_either(client):
    translator = make_user("translator.one", "translator")
    page = signed_in(client, translator).get("/en/staff/").content.decode()
    assert "staff-client-search" not in page


def test_public_pages_carry_no_back_office_navigation(client, staff):
    assert "staff-client-search" not in client.get("/en/").content.decode()
    assert "staff-client-search" not in signed_in(client, staff["consultant.sofia"]).get("/en/").content.decode()


def test_the_search_box_finds_a_file_of_my_centre_and_not_another_centres(client, staff):
    mine = client_services.client_create(
        centre=Centre.objects.get(slug="sofia"), by=staff["consultant.sofia"], name="Amira Haddad"
    )
    theirs = client_services.client_create(
        centre=Centre.objects.get(slug="plovdiv"), by=staff["consultant.plovdiv"], name="Amira Nasser"
    )
    page = signed_in(client, staff["consultant.sofia"]).get("/en/staff/clients/", {"q": "Amira"}).content.decode()
    assert mine.reference in page and theirs.reference not in page


def test_a_walk_in_is_put_on_a_client_file_afterwards(client, staff):
    consultant = staff["consultant.sofia"]
    consultation = walk_in(consultant)
    file = client_services.client_create(
        centre=Centre.objects.get(slug="sofia"), by=consultant, name="Amira", nationality="SY", gender="female"
    )
    signed_in(client, consultant)
    detail = client.get(f"/en/staff/consultations/{consultation.pk}/").content.decode()
    assert f'action="/en/staff/consultations/{consultation.pk}/client/"' in detail
    assert '<span lang="ar">العربية</span>' in detail  # the language by its name
    response = client.post(f"/en/staff/consultations/{consultation.pk}/client/", {"reference": file.reference.lower()})
    assert response.status_code == 302 and response["Location"] == f"/en/staff/consultations/{consultation.pk}/"
    consultation.refresh_from_db()
    assert consultation.client == file and consultation.nationality == "SY" and consultation.gender == "female"
    page = client.get(response["Location"]).content.decode()
    assert f"The consultation is now on the client file {file.reference}." in page
    assert f'action="/en/staff/consultations/{consultation.pk}/client/"' not in page  # on a file now: no form
    assert (
        client.get(f"/en/staff/clients/{file.reference}/").content.decode().count(f"/consultations/{consultation.pk}/")
        >= 1
    )


def test_another_centres_file_cannot_be_linked(client, staff):
    consultation = walk_in(staff["consultant.sofia"])
    theirs = client_services.client_create(centre=Centre.objects.get(slug="plovdiv"), by=staff["consultant.plovdiv"])
    signed_in(client, staff["consultant.sofia"])
    response = client.post(f"/en/staff/consultations/{consultation.pk}/client/", {"reference": theirs.reference})
    assert response.status_code == 400
    assert "No client file you can see has this reference." in response.content.decode()
    assert Consultation.objects.get(pk=consultation.pk).client is None


def test_a_file_whose_client_withdrew_consent_to_records_is_refused(client, staff):
    consultant = staff["consultant.sofia"]
    consultation = walk_in(consultant)
    file = client_services.client_create(centre=Centre.objects.get(slug="sofia"), by=consultant)
    consent = client_services.consent_record(
        client=file, purpose="records", version="2026-01", given_on=date(2026, 1, 5), method="signed", by=consultant
    )
    client_services.consent_withdraw(consent=consent)
    response = signed_in(client, consultant).post(
        f"/en/staff/consultations/{consultation.pk}/client/", {"reference": file.reference}
    )
    assert response.status_code == 400 and "withdrawn consent" in response.content.decode()
    assert Consultation.objects.get(pk=consultation.pk).client is None


def test_a_consultation_on_a_file_stays_on_it(staff):
    consultant = staff["consultant.sofia"]
    first = client_services.client_create(centre=Centre.objects.get(slug="sofia"), by=consultant)
    second = client_services.client_create(centre=Centre.objects.get(slug="sofia"), by=consultant)
    consultation = walk_in(consultant, client=first)
    with pytest.raises(Exception, match="already on a client file"):
        services.consultation_link_client(consultation=consultation, reference=second.reference, by=consultant)


def test_linking_is_denied_to_other_centres_and_roles(client, staff):
    consultation = walk_in(staff["consultant.sofia"])
    file = client_services.client_create(centre=Centre.objects.get(slug="sofia"), by=staff["consultant.sofia"])
    url = f"/en/staff/consultations/{consultation.pk}/client/"
    assert client.post(url, {"reference": file.reference}).status_code == 302  # anonymous: to sign-in
    assert signed_in(client, staff["consultant.plovdiv"]).post(url, {"reference": file.reference}).status_code == 404
    assert signed_in(client, staff["trainer.sofia"]).post(url, {"reference": file.reference}).status_code == 403
    assert signed_in(client, staff["consultant.sofia"]).get(url).status_code == 405
    assert Consultation.objects.get(pk=consultation.pk).client is None
