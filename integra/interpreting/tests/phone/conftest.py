"""Fixtures and helpers of the phone interpretation tests: recorded Twilio webhook bodies, signed with the real
signature function, and a fake Twilio REST API that records each call placed and answers with the next recorded
CallSid."""

import io
import json
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

import pytest
from django.http import QueryDict

from integra.centres.models import Centre
from integra.hotline import telephony
from integra.hotline.telephony import signature
from integra.interpreting.phone_models import PhoneAttempt, PhoneCall
from integra.interpreting.tests.conftest import make_mediator
from tests.base import signed_in

TOKEN = "12345678901234567890123456789012"  # noqa: S105 - a test token
FIXTURES = Path(__file__).parent / "fixtures"
MORNING = datetime(2026, 12, 2, 10, 0, tzinfo=ZoneInfo("Europe/Sofia"))  # a Wednesday
FIRST_SID = "CA1f2e3d4c5b6a79881726354453627181"
SECOND_SID = "CA2a3b4c5d6e7f80910a1b2c3d4e5f6071"
REQUESTER_SID = "CA3c4d5e6f708192a3b4c5d6e7f8091a2b"


def fixture(name: str, **changes) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text()) | changes


def post(client, path, params, *, token=TOKEN, sign=True, query=""):
    url = f"http://testserver{path}{query}"
    headers = {}
    if sign:
        headers["HTTP_X_TWILIO_SIGNATURE"] = signature(url, QueryDict(mutable=True) | params, token)
    return client.post(f"{path}{query}", params, **headers)


def hook(name: str, token: str) -> str:
    kind = "call" if name in ("requester", "other") else "interpreter"
    return f"/telephony/interpreting/{kind}/{token}/{name}/"


class FakeTwilio:
    """Twilio's REST API as recorded: each request's URL and form body, answered with the next CallSid."""

    def __init__(self, sids):
        self.sids = list(sids)
        self.requests: list[tuple[str, dict]] = []
        self.refuse = False

    def __call__(self, request, timeout):
        if self.refuse:
            raise OSError("connection refused")
        body = {k: v[0] for k, v in parse_qs(request.data.decode()).items()}
        self.requests.append((request.full_url, body))
        sid = self.sids.pop(0) if self.sids else "CA" + "0" * 32
        return io.BytesIO(json.dumps({"sid": sid}).encode())

    @property
    def placed(self) -> list[dict]:
        return [body for url, body in self.requests if url.endswith("/Calls.json")]

    @property
    def hung_up(self) -> list[str]:
        return [
            url.rsplit("/", 1)[1].removesuffix(".json")
            for url, _body in self.requests
            if not url.endswith("/Calls.json")
        ]


@pytest.fixture
def twilio(settings, monkeypatch):
    settings.TELEPHONY_BACKEND = "twilio"
    settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN, settings.TWILIO_FROM = "AC1", TOKEN, "+35929394747"
    settings.FORUM_PUBLIC_URL = "http://testserver"
    settings.SMS_BACKEND = "locmem"
    fake = FakeTwilio([FIRST_SID, SECOND_SID, REQUESTER_SID])
    monkeypatch.setattr(telephony, "urlopen", fake)
    return fake


@pytest.fixture
def interpreters(reference_data):
    """Two Arabic phone interpreters in line: Layla first (a trained medical interpreter), then Omar."""
    layla = make_mediator("Layla", credential="trained_medical", phone="+359881000001")
    omar = make_mediator("Omar", gender="male", phone="+359881000002")
    return layla, omar


def only_call() -> PhoneCall:
    return PhoneCall.objects.select_related("request").get()


def start(client, staff, **changes):
    """A consultant in Sofia asks for an Arabic (Levantine) interpreter by phone from the page."""
    signed_in(client, staff["consultant.sofia"])
    data = {
        "requester_phone": "088 765 4321",
        "centre": Centre.objects.get(slug="sofia").pk,
        "language": "ar",
        "dialect": "levantine",
        "direction": "bg",
        "subject": "medical",
        "client_label": "A. K.",
        "key": "k1",
    }
    data.update(changes)
    return client.post("/en/staff/interpreting/phone/", data)


def tokens():
    return [a.token for a in PhoneAttempt.objects.order_by("position")]
