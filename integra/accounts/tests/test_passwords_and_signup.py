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


@pytest.mark.django_db
def test_signing_up_creates_a_member_without_staff_roles_and_signs_them_in(client):
    response = client.post(
        SIGNUP,
        {
            "username": "amira",
            "email": "",
            "password1": "green river walking slowly",
            "password2": "green river walking slowly",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="amira")
    assert not user.is_staff_member
    assert user.preferred_language == "en"
    assert client.get("/en/accounts/me/").status_code == 200


@pytest.mark.django_db
def test_a_signup_error_keeps_what_was_typed_and_is_in_the_visitors_language(client):
    response = client.post(
        "/ru/accounts/signup/",
        {"username": "amira", "email": "amira@example.org", "password1": "short", "password2": "short"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="amira"' in body
    assert 'value="amira@example.org"' in body
    assert 'class="error-summary"' in body
    assert 'lang="ru"' in body
    assert not User.objects.filter(username="amira").exists()


@pytest.mark.django_db
def test_a_taken_username_is_explained(client):
    User.objects.create_user("amira", password="green river walking slowly")
    response = client.post(
        SIGNUP,
        {"username": "AMIRA", "password1": "green river walking slowly", "password2": "green river walking slowly"},
    )
    assert "This username is taken" in response.content.decode()
