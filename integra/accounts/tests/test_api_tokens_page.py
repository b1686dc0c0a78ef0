import time_machine

from integra.accounts.models import ApiToken
from tests.base import signed_in


def test_a_new_token_is_shown_once_and_only_its_hash_is_kept(client, staff):
    signed_in(client, staff["consultant.sofia"])
    response = client.post("/en/staff/tokens/", {"name": "reporting script"})
    body = response.content.decode()
    token = ApiToken.objects.get(user=staff["consultant.sofia"])
    key = body.split('<code dir="ltr" class="token">')[1].split("</code>")[0]
    assert key.startswith("itg_") and len(key) > 40
    assert token.key_hash == ApiToken.hash_key(key) and key not in token.key_hash
    assert key not in client.get("/en/staff/tokens/").content.decode()


def test_an_empty_token_name_is_explained(client, staff):
    signed_in(client, staff["consultant.sofia"])
    body = client.post("/en/staff/tokens/", {"name": ""}).content.decode()
    assert 'class="error-summary"' in body
    assert not ApiToken.objects.exists()


def test_dates_are_shown_in_sofia_time_and_in_the_staff_members_language(client, staff):
    with time_machine.travel("2026-11-24 22:30 +0000", tick=False):
        signed_in(client, staff["consultant.sofia"])
        client.post("/en/staff/tokens/", {"name": "night script"})
        english = client.get("/en/staff/tokens/").content.decode()
        bulgarian = client.get("/bg/staff/tokens/").content.decode()
    # 22:30 UTC is 00:30 the next day in Sofia (UTC+2 in November).
    assert "25 Nov 2026, 00:30" in english  # day month year in English too (issue 11 item 13), never 11/25
    assert "25.11.2026" in bulgarian
    assert "00:30" in bulgarian


def test_revoking_a_token_stops_it_at_once(client, staff):
    signed_in(client, staff["consultant.sofia"])
    client.post("/en/staff/tokens/", {"name": "old script"})
    token = ApiToken.objects.get()
    response = client.post(f"/en/staff/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert not token.is_active
    assert client.get(f"/en/staff/tokens/{token.pk}/revoke/").status_code == 405
