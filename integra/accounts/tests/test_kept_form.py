"""A form sent after the idle sign-out is kept for after signing in again (issue 11 item 15)."""

import pytest
from django.contrib.sessions.models import Session

from integra.accounts import kept
from integra.consultations.models import Consultation
from integra.consultations.tests.test_consultations import NOTE, form
from tests.base import signed_in

NEW = "/en/staff/consultations/new/"


def walk_in(**extra):
    return form(nationality="UA", gender="female", age_band="25-34", **extra)


def sign_out_by_time(client):
    """What the idle timeout does: the session is gone, the browser still shows the form."""
    Session.objects.all().delete()


def test_a_form_sent_after_the_session_ended_is_shown_back_after_sign_in_and_sent_again(client, staff):
    consultant = staff["consultant.sofia"]
    signed_in(client, consultant)
    assert client.get(NEW).status_code == 200
    sign_out_by_time(client)

    response = client.post(NEW, walk_in())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Consultation.objects.count() == 0
    stored = client.session[kept.SESSION_KEY]
    assert NOTE not in str(stored)  # encrypted in the session store

    signed_in(client, consultant)
    page = client.get("/en/staff/").content.decode()
    assert "See what you typed" in page
    shown = client.get("/en/accounts/kept-form/").content.decode()
    assert "Husband&#x27;s employer withholds passport" in shown
    assert f'action="{NEW}"' in shown
    assert "csrfmiddlewaretoken" in shown

    # Sending it again from that page records it, and the kept copy is gone.
    data = walk_in(csrfmiddlewaretoken="x")
    assert client.post(NEW, data).status_code == 302
    assert Consultation.objects.get().notes == NOTE
    assert kept.SESSION_KEY not in client.session


def test_passwords_codes_and_tokens_are_never_kept(client, staff):
    signed_in(client, staff["consultant.sofia"])
    sign_out_by_time(client)
    client.post("/en/staff/tokens/", {"name": "script", "password": "hunter2", "otp_token": "123456"})
    signed_in(client, staff["consultant.sofia"])
    shown = client.get("/en/accounts/kept-form/").content.decode()
    assert "script" in shown
    assert "hunter2" not in shown and "123456" not in shown


def test_what_was_kept_can_be_discarded(client, staff):
    signed_in(client, staff["consultant.sofia"])
    sign_out_by_time(client)
    client.post(NEW, walk_in())
    signed_in(client, staff["consultant.sofia"])
    client.post("/en/accounts/kept-form/", {"action": "discard"})
    assert kept.SESSION_KEY not in client.session
    assert "Nothing is kept" in client.get("/en/accounts/kept-form/").content.decode()


def test_it_expires(client, staff, settings):
    settings.KEPT_FORM_SECONDS = -1
    signed_in(client, staff["consultant.sofia"])
    sign_out_by_time(client)
    client.post(NEW, walk_in())
    signed_in(client, staff["consultant.sofia"])
    assert "Nothing is kept" in client.get("/en/accounts/kept-form/").content.decode()


@pytest.mark.parametrize("url", ["/en/book/start/", "/en/accounts/login/"])
def test_public_forms_are_not_kept(client, reference_data, url):
    client.post(url, {"name": "someone"})
    assert kept.SESSION_KEY not in client.session


def test_staff_pages_carry_the_idle_warning_and_stay_signed_in_renews_the_session(client, staff, settings):
    signed_in(client, staff["consultant.sofia"])
    page = client.get("/ar/staff/").content.decode()
    assert 'id="idle-warning"' in page and "hidden" in page
    assert f'data-timeout="{settings.STAFF_IDLE_TIMEOUT}"' in page
    assert client.post("/en/accounts/keep-alive/").status_code == 204
    assert 0 < client.session.get_expiry_age() <= settings.STAFF_IDLE_TIMEOUT


def test_members_and_visitors_get_no_idle_warning(client, staff):
    assert 'id="idle-warning"' not in client.get("/en/").content.decode()
    signed_in(client, staff["member"])
    assert 'id="idle-warning"' not in client.get("/en/").content.decode()
