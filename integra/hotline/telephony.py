"""Telephony behind a small interface: the console backend (default: nothing is placed, webhooks answer 403)
and Twilio (webhook signatures, TwiML built with the standard library's XML).

Twilio signs each webhook: base64(HMAC-SHA1(auth token, full URL + every POST parameter name and value,
sorted by name)). `TwilioBackend.is_valid(request)` recomputes it and compares in constant time; with no
token configured nothing is ever valid, so an unsigned request is never accepted.
"""

import base64
import hashlib
import hmac
import json
import logging
import secrets
from urllib.parse import urlencode
from urllib.request import Request, urlopen
from xml.etree import ElementTree as ET

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# The phone menu: keypad digit → language, each prompt in its own language.
MENU = ["bg", "en", "ar", "fa", "ru", "uk", "tr"]
VOICE_LANGUAGE = {"bg": "bg-BG", "en": "en-GB", "ar": "arb", "fa": "fa-IR", "ru": "ru-RU", "uk": "uk-UA", "tr": "tr-TR"}
PROMPTS = {
    "bg": {
        "menu": "За български натиснете 1.",
        "connecting": "Свързваме ви с консултант. Моля, изчакайте.",
        "closed": "Линията в момента не работи. За да ви се обадим на този номер, натиснете 1.",
        "window": (
            "Кога да ви се обадим? Сутрин натиснете 1, около обяд натиснете 2, следобед натиснете 3, "
            "по всяко време натиснете 0."
        ),
        "booked": "Благодарим ви. Ще ви се обадим в рамките на един работен ден. Довиждане.",
        "busy": "В момента няма свободен консултант. Моля, обадете се по-късно.",
    },
    "en": {
        "menu": "For English, press 2.",
        "connecting": "We are connecting you to a consultant. Please wait.",
        "closed": "The line is closed now. To be called back on this number, press 1.",
        "window": (
            "When should we call you? For the morning press 1, around midday press 2, for the "
            "afternoon press 3, for any time press 0."
        ),
        "booked": "Thank you. We will call you back within one working day. Goodbye.",
        "busy": "No consultant is free at the moment. Please call again later.",
    },
    "ar": {
        "menu": "للعربية، اضغط 3.",
        "connecting": "نقوم بتحويلك إلى مستشار. يرجى الانتظار.",
        "closed": "الخط مغلق الآن. لكي نتصل بك على هذا الرقم، اضغط 1.",
        "window": "متى نتصل بك؟ للصباح اضغط 1، وقت الظهر اضغط 2، بعد الظهر اضغط 3، في أي وقت اضغط 0.",
        "booked": "شكراً لك. سنتصل بك خلال يوم عمل واحد. مع السلامة.",
        "busy": "لا يوجد مستشار متاح الآن. يرجى الاتصال لاحقاً.",
    },
    "fa": {
        "menu": "برای فارسی، ۴ را فشار دهید.",
        "connecting": "شما را به یک مشاور وصل می‌کنیم. لطفاً منتظر بمانید.",
        "closed": "خط اکنون بسته است. برای تماس برگشتی با همین شماره، ۱ را فشار دهید.",
        "window": (
            "چه زمانی با شما تماس بگیریم؟ برای صبح ۱، حوالی ظهر ۲، بعدازظهر ۳ و برای هر زمانی ۰ را "
            "فشار دهید."
        ),
        "booked": "سپاسگزاریم. ظرف یک روز کاری با شما تماس می‌گیریم. خدانگهدار.",
        "busy": "اکنون مشاوری در دسترس نیست. لطفاً بعداً تماس بگیرید.",
    },
    "ru": {
        "menu": "Для русского языка нажмите 5.",
        "connecting": "Соединяем вас с консультантом. Пожалуйста, подождите.",
        "closed": "Сейчас линия не работает. Чтобы мы перезвонили на этот номер, нажмите 1.",
        "window": (
            "Когда вам перезвонить? Утром — нажмите 1, около полудня — 2, после обеда — 3, в любое "
            "время — 0."
        ),
        "booked": "Спасибо. Мы перезвоним вам в течение одного рабочего дня. До свидания.",
        "busy": "Сейчас нет свободного консультанта. Пожалуйста, позвоните позже.",
    },
    "uk": {
        "menu": "Для української мови натисніть 6.",
        "connecting": "З'єднуємо вас із консультантом. Будь ласка, зачекайте.",
        "closed": "Зараз лінія не працює. Щоб ми передзвонили на цей номер, натисніть 1.",
        "window": (
            "Коли вам передзвонити? Уранці — натисніть 1, близько полудня — 2, після обіду — 3, "
            "будь-коли — 0."
        ),
        "booked": "Дякуємо. Ми передзвонимо вам протягом одного робочого дня. До побачення.",
        "busy": "Зараз немає вільного консультанта. Будь ласка, зателефонуйте пізніше.",
    },
    "tr": {
        "menu": "Türkçe için 7'ye basın.",
        "connecting": "Sizi bir danışmana bağlıyoruz. Lütfen bekleyin.",
        "closed": "Hat şu anda kapalı. Bu numaradan geri aranmak için 1'e basın.",
        "window": (
            "Sizi ne zaman arayalım? Sabah için 1'e, öğle saatleri için 2'ye, öğleden sonra için 3'e, "
            "herhangi bir saat için 0'a basın."
        ),
        "booked": "Teşekkürler. Sizi bir iş günü içinde geri arayacağız. Hoşça kalın.",
        "busy": "Şu anda müsait danışman yok. Lütfen daha sonra tekrar arayın.",
    },
}


def signature(url: str, params, token: str) -> str:
    """Twilio's request signature: HMAC-SHA1 over the URL and the sorted parameters, in base64."""
    payload = url
    for name in sorted(params.keys()):
        values = params.getlist(name) if hasattr(params, "getlist") else [params[name]]
        for value in values:
            payload += name + value
    digest = hmac.new(token.encode(), payload.encode("utf-8"), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class ConsoleBackend:
    """The default: no provider. Webhooks are refused (nothing can sign them); calls are only logged."""

    name = "console"

    def is_valid(self, request) -> bool:
        return False

    def place_call(self, *, operator: str, caller: str, status_url: str) -> str:
        """Click to call, simulated: nothing rings; the id stands for the call in the log."""
        call_id = "CONSOLE" + secrets.token_hex(12)
        logger.info("console telephony: would ring the operator, then connect the caller (%s)", call_id)
        return call_id

    def call_out(self, *, to: str, status_url: str, answer_url: str = "", twiml: str = "", timeout: int = 30) -> str:
        """An outgoing call, simulated: nothing rings. The id is logged; the caller drives the rest by hand."""
        call_id = "CONSOLE" + secrets.token_hex(12)
        logger.info("console telephony: would call a number, ringing %ss, then report to %s (%s)",
                    timeout, status_url, call_id)  # fmt: skip
        return call_id

    def hang_up(self, call_id: str) -> None:
        logger.info("console telephony: would hang up %s", call_id)


class TwilioBackend:
    name = "twilio"

    def is_valid(self, request) -> bool:
        token = settings.TWILIO_AUTH_TOKEN
        given = request.headers.get("X-Twilio-Signature", "")
        if not token or not given:
            return False
        expected = signature(request.build_absolute_uri(), request.POST, token)
        return hmac.compare_digest(expected.encode(), given.encode())

    def place_call(self, *, operator: str, caller: str, status_url: str) -> str:
        """Click to call: Twilio rings the operator's phone, then dials the caller. Returns the CallSid, under
        which the status webhook later completes the same call log entry."""
        sid, token = settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN
        if not (sid and token and settings.TWILIO_FROM):
            raise TelephonyError("Twilio is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM).")
        twiml = Twiml()
        twiml.dial(caller)
        params = {"To": operator, "From": settings.TWILIO_FROM, "Twiml": twiml.render().decode()}
        return self._calls(params | {"StatusCallback": status_url})

    def call_out(self, *, to: str, status_url: str, answer_url: str = "", twiml: str = "", timeout: int = 30) -> str:
        """Ring a number for up to `timeout` seconds (Twilio's `Timeout`: then the status callback says no-answer).
        When answered, Twilio fetches the TwiML from `answer_url` (a signed webhook) or plays `twiml` as given.
        Every status change (initiated, ringing, answered, completed) is posted to `status_url`."""
        params = {"To": to, "From": settings.TWILIO_FROM, "Timeout": str(timeout), "StatusCallback": status_url}
        params["StatusCallbackEvent"] = "initiated ringing answered completed"
        params |= {"Url": answer_url, "Method": "POST"} if answer_url else {"Twiml": twiml}
        return self._calls(params)

    def hang_up(self, call_id: str) -> None:
        """End a call in progress (Twilio: update the call with Status=completed)."""
        self._calls({"Status": "completed"}, call_id=call_id)

    def _calls(self, params: dict, *, call_id: str = "") -> str:
        sid, token = settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN
        if not (sid and token and settings.TWILIO_FROM):
            raise TelephonyError("Twilio is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM).")
        path = f"/Calls/{call_id}.json" if call_id else "/Calls.json"
        body = urlencode(params).encode()
        request = Request(f"{TWILIO_API}/Accounts/{sid}{path}", data=body, method="POST")  # noqa: S310
        request.add_header("Authorization", "Basic " + base64.b64encode(f"{sid}:{token}".encode()).decode())
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with urlopen(request, timeout=10) as response:  # noqa: S310 - a fixed https URL
                answer = json.loads(response.read().decode())
        except (OSError, ValueError) as error:
            raise TelephonyError(f"Twilio did not place the call: {error}") from error
        call_id = str(answer.get("sid", ""))
        if not call_id.isalnum():
            raise TelephonyError("Twilio answered without a call id.")
        return call_id


class TelephonyError(Exception):
    """The provider could not place a call (not configured, unreachable, refused)."""


TWILIO_API = "https://api.twilio.com/2010-04-01"


BACKENDS = {"console": ConsoleBackend, "twilio": TwilioBackend}


def backend():
    name = settings.TELEPHONY_BACKEND
    cls = BACKENDS.get(name) or import_string(name)
    return cls()


# -- TwiML ------------------------------------------------------------------------------------------


class Twiml:
    def __init__(self):
        self.root = ET.Element("Response")

    def say_or_play(self, parent, language: str, key: str):
        url = settings.TELEPHONY_PROMPT_URLS.get(f"{language}:{key}") or (
            settings.TELEPHONY_PROMPT_URLS.get(language) if key == "menu" else None
        )
        if url:
            ET.SubElement(parent, "Play").text = url
        else:
            ET.SubElement(parent, "Say", language=VOICE_LANGUAGE[language]).text = PROMPTS[language][key]

    def gather(self, action: str, timeout: int = 6):
        return ET.SubElement(self.root, "Gather", numDigits="1", action=action, method="POST", timeout=str(timeout))

    def dial(self, number: str):
        ET.SubElement(self.root, "Dial").text = number

    def say(self, parent, language: str, text: str):
        """Text read out in a language of VOICE_LANGUAGE (prompts built elsewhere, e.g. for interpreters)."""
        ET.SubElement(parent, "Say", language=VOICE_LANGUAGE[language]).text = text

    def conference(self, name: str, *, status_url: str = "", end_on_exit: bool = False):
        """Join the call to a named conference room (three-way calls): it starts when the first person enters."""
        dial = ET.SubElement(self.root, "Dial")
        room = ET.SubElement(
            dial, "Conference", startConferenceOnEnter="true", endConferenceOnExit="true" if end_on_exit else "false",
            beep="false",
        )  # fmt: skip
        if status_url:
            room.set("statusCallback", status_url)
            room.set("statusCallbackEvent", "start end join leave")
        room.text = name

    def redirect(self, url: str):
        ET.SubElement(self.root, "Redirect", method="POST").text = url

    def hangup(self):
        ET.SubElement(self.root, "Hangup")

    def render(self) -> bytes:
        return b'<?xml version="1.0" encoding="UTF-8"?>' + ET.tostring(self.root, encoding="utf-8")
