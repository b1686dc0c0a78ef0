"""Sending text messages through a pluggable backend, chosen by the SMS_BACKEND setting.

    from integra.core.sms import send_sms
    send_sms(to="+359881234567", body="Reminder: …")

Backends (SMS_BACKEND):
- "console" (default): prints the message to standard output for development. The body is
  printed, because that is what a developer needs to check; the number is shortened to its last
  three digits, so that a console backend left on in production does not copy whole phone numbers
  into the logs. Production should use "twilio" (or "file" for a pilot without a provider).
- "file": writes one .txt file per message into SMS_FILE_PATH (default var/sms/).
- "locmem": keeps messages in `integra.core.sms.outbox` (a list, like django.core.mail.outbox);
  for tests.
- "twilio": sends through Twilio. twilio is not in requirements.txt (it is large and optional):
  `pip install twilio` and set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM (a sender
  number or messaging service id) in the environment.

A backend raises SmsError when the message cannot be handed over; callers (tasks) decide whether
to retry.
"""

import secrets
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class SmsMessage:
    to: str
    body: str


class SmsError(Exception):
    pass


outbox: list[SmsMessage] = []


def _console(message: SmsMessage) -> None:
    tail = message.to[-3:] if len(message.to) > 3 else message.to
    sys.stdout.write(f"SMS to …{tail}:\n{message.body}\n{'-' * 40}\n")
    sys.stdout.flush()


def _file(message: SmsMessage) -> None:
    folder = Path(getattr(settings, "SMS_FILE_PATH", settings.BASE_DIR / "var" / "sms"))
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(4)}.txt"
    (folder / name).write_text(f"To: {message.to}\n\n{message.body}\n", encoding="utf-8")


def _locmem(message: SmsMessage) -> None:
    outbox.append(message)


def _twilio(message: SmsMessage) -> None:
    try:
        from twilio.rest import Client  # noqa: PLC0415 - optional dependency, imported only when used
    except ImportError as error:
        raise ImproperlyConfigured("SMS_BACKEND=twilio needs the twilio package: pip install twilio") from error
    client = Client(settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN)
    sender = settings.TWILIO_FROM
    kwargs = {"messaging_service_sid": sender} if sender.startswith("MG") else {"from_": sender}
    try:
        client.messages.create(to=message.to, body=message.body, **kwargs)
    except Exception as error:  # noqa: BLE001 - any provider failure is an SmsError for the caller
        raise SmsError(str(error)) from error


BACKENDS = {"console": _console, "file": _file, "locmem": _locmem, "twilio": _twilio}


def send_sms(to: str, body: str) -> None:
    """Send one text message to an E.164 number with the configured backend."""
    name = getattr(settings, "SMS_BACKEND", "console")
    try:
        backend = BACKENDS[name]
    except KeyError:
        raise ImproperlyConfigured(f"SMS_BACKEND must be one of {', '.join(BACKENDS)}, not {name!r}.") from None
    backend(SmsMessage(to=str(to), body=body))
