import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from config import settings as production_settings
from integra.accounts.models import User

SIGNUP = "/en/accounts/signup/"


def test_production_hashes_passwords_with_argon2():
    assert production_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.django_db
def test_a_password_is_stored_as_an_argon2_hash(settings):
    settings.PASSWORD_HASHERS = production_settings.PASSWORD_HASHERS
    user = User.objects.create_user("someone", password="correct horse battery")
    assert user.password.startswith("argon2$")


@pytest.mark.parametrize("password", ["short pass1", "password1234", "qwertyuiop123"])
def test_short_or_common_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password, User(username="someone"))


def test_a_long_password_needs_no_digits_symbols_or_capitals():
    validate_password("green river walking slowly", User(username="someone"))


def _without_tokens(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def _link_from_mail(mailoutbox) -> str:
    body = mailoutbox[-1].body
    return next(word for word in body.split() if "/accounts/signup/confirmation/" in word)


@pytest.mark.django_db
def test_signing_up_sends_a_link_that_finishes_a_member_account_and_signs_them_in(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP, {"email": "Amira@Example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/signup/sent/"
    assert mailoutbox[-1].to == ["amira@example.org"]
    pending = User.objects.get(email="amira@example.org")
    assert not pending.is_active and not pending.has_usable_password()
    link = _link_from_mail(mailoutbox)
    page = client.post(link, {"password1": "green river walking slowly", "password2": "green river walking slowly"})
    assert page.status_code == 302
    user = User.objects.get(email="amira@example.org")
    assert user.is_active and not user.is_staff_member
    assert user.preferred_language == "en"
    assert client.get("/en/accounts/me/").status_code == 200
    # The link works once; the member signs in with the e-mail address afterwards.
    assert client.get(link).status_code == 410
    client.logout()
    credentials = {"username": "amira@example.org", "password": "green river walking slowly"}
    response = client.post("/en/accounts/login/", credentials)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_a_password_error_keeps_the_form_and_is_in_the_visitors_language(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/ru/accounts/signup/", {"email": "amira@example.org"})
    link = _link_from_mail(mailoutbox).replace("/en/", "/ru/")
    response = client.post(link, {"password1": "short", "password2": "short"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="error-summary"' in body
    assert 'lang="ru"' in body
    assert not User.objects.get(email="amira@example.org").is_active


@pytest.mark.django_db
def test_a_bad_email_is_explained_and_kept(client):
    response = client.post("/ru/accounts/signup/", {"email": "amira@"})
    assert response.status_code == 200
    assert 'value="amira@"' in response.content.decode()


@pytest.mark.django_db
def test_signing_up_reveals_nothing_about_existing_accounts(client, staff):
    """Issue 9, finding 8: a staff e-mail (or username) gets the same answer as a new address."""
    fresh = client.post(SIGNUP, {"email": "new.person@example.org"})
    existing = client.post(SIGNUP, {"email": staff["consultant.sofia"].email.upper()})
    assert fresh.status_code == existing.status_code == 302
    assert fresh["Location"] == existing["Location"]
    assert _without_tokens(client.get(existing["Location"])) == _without_tokens(client.get(fresh["Location"]))
    # A username is not an e-mail: it is refused as such, whichever account has it.
    staff_name = _without_tokens(client.post(SIGNUP, {"email": "consultant.sofia"}))
    unknown_name = _without_tokens(client.post(SIGNUP, {"email": "nobody.at.all"}))
    assert staff_name.replace("consultant.sofia", "X") == unknown_name.replace("nobody.at.all", "X")
    assert "taken" not in staff_name
    # The staff account is untouched and no second account exists for the address.
    assert User.objects.filter(email__iexact=staff["consultant.sofia"].email).count() == 1


@pytest.mark.django_db
def test_a_staff_member_cannot_sign_in_with_their_email(client, staff):
    from tests.base import PASSWORD

    response = client.post("/en/accounts/login/", {"username": staff["consultant.sofia"].email, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_tampered_or_expired_link_gets_a_clear_page(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGNUP, {"email": "amira@example.org"})
    link = _link_from_mail(mailoutbox)
    response = client.get(link[:-3] + "xx/")
    assert response.status_code == 410
    assert "This link does not work any more" in response.content.decode()
