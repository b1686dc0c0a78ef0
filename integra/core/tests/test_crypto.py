import pytest
from django.core.exceptions import ImproperlyConfigured

from integra.core import crypto


def test_text_round_trips_and_is_not_readable_when_stored():
    token = crypto.encrypt("Ахмед: приют в Харманли")
    assert token.startswith("v1:") and "Ахмед" not in token
    assert crypto.decrypt(token) == "Ахмед: приют в Харманли"


def test_the_same_text_encrypts_differently_each_time():
    assert crypto.encrypt("same") != crypto.encrypt("same")


def test_a_tampered_value_is_refused_not_returned_as_garbage():
    token = crypto.encrypt("note")
    tampered = token[:-4] + ("AAAA" if token[-4:] != "AAAA" else "BBBB")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(tampered)
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt("plain text")


def test_a_value_written_under_another_key_cannot_be_read(settings):
    token = crypto.encrypt("note")
    settings.FIELD_ENCRYPTION_KEY = "b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMzI="
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token)


def test_a_malformed_key_stops_the_start(settings):
    with pytest.raises(ImproperlyConfigured):
        crypto.parse_key("too-short")


def test_production_refuses_to_run_without_a_key(settings):
    settings.FIELD_ENCRYPTION_KEY = ""
    settings.DEBUG = False
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt("note")


def test_development_derives_a_key_from_the_secret_key(settings):
    settings.FIELD_ENCRYPTION_KEY = ""
    settings.DEBUG = True
    assert crypto.decrypt(crypto.encrypt("note")) == "note"
