import time_machine
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.base import PASSWORD, make_user

LOGIN = "/en/accounts/login/"
DASHBOARD = "/en/staff/"


def code_for(device: TOTPDevice) -> str:
    """The code the authenticator app shows now (the clock may be frozen by time-machine)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_staff_member_with_a_device_is_asked_for_a_code_before_the_back_office(client, staff):
    response = client.post(LOGIN, {"username": "consultant.sofia", "password": PASSWORD})
    assert response.status_code == 302
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:totp_verify")


def test_a_staff_member_without_a_device_is_taken_to_set_one_up_and_reaches_nothing_else(client, reference_data):
    make_user("new.consultant", "consultant", ["sofia"], with_device=False)
    client.post(LOGIN, {"username": "new.consultant", "password": PASSWORD})
    for url in (DASHBOARD, "/en/staff/tokens/", "/admin/", "/en/staff/centres/sofia/edit/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("accounts:totp_setup"), url


def test_setting_up_a_device_with_a_right_code_opens_the_back_office(client, reference_data):
    user = make_user("new.consultant", "consultant", ["sofia"], with_device=False)
    client.post(LOGIN, {"username": "new.consultant", "password": PASSWORD})
    page = client.get(reverse("accounts:totp_setup"))
    assert page.status_code == 200
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:totp_setup"), {"otp_token": code_for(device)})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
    assert client.get(DASHBOARD).status_code == 200


def test_a_wrong_setup_code_is_refused_with_a_message_and_nothing_is_confirmed(client, reference_data):
    user = make_user("new.consultant", "consultant", ["sofia"], with_device=False)
    client.post(LOGIN, {"username": "new.consultant", "password": PASSWORD})
    client.get(reverse("accounts:totp_setup"))
    response = client.post(reverse("accounts:totp_setup"), {"otp_token": "000000"})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert 'class="error-summary"' in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_a_right_code_opens_the_back_office_and_the_same_code_cannot_be_used_twice(client, staff):
    device = TOTPDevice.objects.get(user=staff["consultant.sofia"])
    with time_machine.travel("2026-11-24 10:00:05 +0000", tick=False):
        code = code_for(device)
        client.post(LOGIN, {"username": "consultant.sofia", "password": PASSWORD})
        response = client.post(reverse("accounts:totp_verify"), {"otp_token": code})
        assert response.status_code == 302
        assert client.get(DASHBOARD).status_code == 200

        other = client.__class__()
        other.post(LOGIN, {"username": "consultant.sofia", "password": PASSWORD})
        reused = other.post(reverse("accounts:totp_verify"), {"otp_token": code})
        assert reused.status_code == 200
        assert "was used already" in reused.content.decode()
        assert other.get(DASHBOARD).status_code == 302


def test_letters_in_the_code_get_a_clear_message(client, staff):
    client.post(LOGIN, {"username": "consultant.sofia", "password": PASSWORD})
    response = client.post(reverse("accounts:totp_verify"), {"otp_token": "12a456"})
    assert response.status_code == 200
    assert "Enter the six digits" in response.content.decode()
    assert 'value="12a456"' in response.content.decode()


def test_a_member_signs_in_without_two_factor_and_lands_on_their_account(client, staff):
    response = client.post(LOGIN, {"username": "member", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:account")
    assert response.status_code == 200


def test_a_wrong_password_keeps_the_username_and_explains(client, staff):
    response = client.post(LOGIN, {"username": "consultant.sofia", "password": "not the password"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "The username, e-mail or password is not right" in body
    assert 'value="consultant.sofia"' in body


def test_five_failed_logins_lock_the_account_even_for_the_right_password(client, staff):
    for _ in range(5):
        client.post(LOGIN, {"username": "manager.sofia", "password": "wrong password here"})
    response = client.post(LOGIN, {"username": "manager.sofia", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_staff_session_ends_after_30_minutes_idle_but_not_while_in_use(client, staff):
    with time_machine.travel("2026-11-24 09:00 +0000", tick=False) as traveller:
        from tests.base import signed_in

        signed_in(client, staff["consultant.sofia"])
        assert client.get(DASHBOARD).status_code == 200
        traveller.shift(25 * 60)
        assert client.get(DASHBOARD).status_code == 200  # activity restarts the 30 minutes
        traveller.shift(25 * 60)
        assert client.get(DASHBOARD).status_code == 200
        traveller.shift(31 * 60)
        response = client.get(DASHBOARD)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
