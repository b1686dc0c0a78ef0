import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from integra.core import sms


@pytest.fixture(autouse=True)
def empty_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def test_the_locmem_backend_keeps_messages_for_tests(settings):
    settings.SMS_BACKEND = "locmem"
    sms.send_sms("+359881234567", "Reminder")
    assert sms.outbox == [sms.SmsMessage(to="+359881234567", body="Reminder")]


def test_the_file_backend_writes_one_file_per_message(settings, tmp_path):
    settings.SMS_BACKEND = "file"
    settings.SMS_FILE_PATH = tmp_path
    sms.send_sms("+359881234567", "Напомняне")
    [written] = tmp_path.iterdir()
    assert written.read_text(encoding="utf-8") == "To: +359881234567\n\nНапомняне\n"


def test_the_console_backend_prints_the_body_and_only_the_end_of_the_number(settings, capsys):
    settings.SMS_BACKEND = "console"
    sms.send_sms("+359881234567", "Reminder")
    out = capsys.readouterr().out
    assert "Reminder" in out and "567" in out and "881234567" not in out


def test_an_unknown_backend_is_a_configuration_error(settings):
    settings.SMS_BACKEND = "pigeon"
    with pytest.raises(ImproperlyConfigured):
        sms.send_sms("+359881234567", "x")


def test_twilio_without_the_package_says_how_to_install_it(settings, monkeypatch):
    settings.SMS_BACKEND = "twilio"
    monkeypatch.setitem(sys.modules, "twilio", None)  # as if not installed: importing it raises ImportError
    monkeypatch.setitem(sys.modules, "twilio.rest", None)
    with pytest.raises(ImproperlyConfigured, match="pip install twilio"):
        sms.send_sms("+359881234567", "x")
