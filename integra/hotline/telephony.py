"""Telephony behind a small interface: the console backend (default: nothing is placed, webhooks answer 403)
and Twilio (webhook signatures, TwiML built with the standard library's XML).

Twilio signs each webhook: base64(HMAC-SHA1(auth token, full URL + every POST parameter name and value,
sorted by name)). `TwilioBackend.is_valid(request)` recomputes it and compares in constant time; with no
token configured nothing is ever valid, so an unsigned request is never accepted.
"""

import base64
import hashlib
import hmac
import logging
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
        "booked": "Благодарим ви. Ще ви се обадим в рамките на един работен ден. Довиждане.",
        "busy": "В момента няма свободен консултант. Моля, обадете се по-късно.",
    },
    "en": {
        "menu": "For English, press 2.",
        "connecting": "We are connecting you to a consultant. Please wait.",
        "closed": "The line is closed now. To be called back on this number, press 1.",
        "booked": "Thank you. We will call you back within one working day. Goodbye.",
        "busy": "No consultant is free at the moment. Please call again later.",
    },
    "ar": {
        "menu": "للعربية، اضغط 3.",
        "connecting": "نقوم بتحويلك إلى مستشار. يرجى الانتظار.",
        "closed": "الخط مغلق الآن. لكي نتصل بك على هذا الرقم، اضغط 1.",
        "booked": "شكراً لك. سنتصل بك خلال يوم عمل واحد. مع السلامة.",
        "busy": "لا يوجد مستشار متاح الآن. يرجى الاتصال لاحقاً.",
    },
    "fa": {
        "menu": "برای فارسی، ۴ را فشار دهید.",
        "connecting": "شما را به یک مشاور وصل می‌کنیم. لطفاً منتظر بمانید.",
        "closed": "خط اکنون بسته است. برای تماس برگشتی با همین شماره، ۱ را فشار دهید.",
        "booked": "سپاسگزاریم. ظرف یک روز کاری با شما تماس می‌گیریم. خدانگهدار.",
        "busy": "اکنون مشاوری در دسترس نیست. لطفاً بعداً تماس بگیرید.",
    },
    "ru": {
        "menu": "Для русского языка нажмите 5.",
        "connecting": "Соединяем вас с консультантом. Пожалуйста, подождите.",
        "closed": "Сейчас линия не работает. Чтобы мы перезвонили на этот номер, нажмите 1.",
        "booked": "Спасибо. Мы перезвоним вам в течение одного рабочего дня. До свидания.",
        "busy": "Сейчас нет свободного консультанта. Пожалуйста, позвоните позже.",
    },
    "uk": {
        "menu": "Для української мови натисніть 6.",
        "connecting": "З'єднуємо вас із консультантом. Будь ласка, зачекайте.",
        "closed": "Зараз лінія не працює. Щоб ми передзвонили на цей номер, натисніть 1.",
        "booked": "Дякуємо. Ми передзвонимо вам протягом одного робочого дня. До побачення.",
        "busy": "Зараз немає вільного консультанта. Будь ласка, зателефонуйте пізніше.",
    },
    "tr": {
        "menu": "Türkçe için 7'ye basın.",
        "connecting": "Sizi bir danışmana bağlıyoruz. Lütfen bekleyin.",
        "closed": "Hat şu anda kapalı. Bu numaradan geri aranmak için 1'e basın.",
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


class TwilioBackend:
    name = "twilio"

    def is_valid(self, request) -> bool:
        token = settings.TWILIO_AUTH_TOKEN
        given = request.headers.get("X-Twilio-Signature", "")
        if not token or not given:
            return False
        expected = signature(request.build_absolute_uri(), request.POST, token)
        return hmac.compare_digest(expected.encode(), given.encode())


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

    def gather(self, action: str):
        return ET.SubElement(self.root, "Gather", numDigits="1", action=action, method="POST", timeout="6")

    def dial(self, number: str):
        ET.SubElement(self.root, "Dial").text = number

    def redirect(self, url: str):
        ET.SubElement(self.root, "Redirect", method="POST").text = url

    def hangup(self):
        ET.SubElement(self.root, "Hangup")

    def render(self) -> bytes:
        return b'<?xml version="1.0" encoding="UTF-8"?>' + ET.tostring(self.root, encoding="utf-8")
