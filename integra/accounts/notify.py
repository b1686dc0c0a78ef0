"""Where and in which language a message about a record reaches its person (issue 17): a record tied to a
member account follows the member's choice (SMS, e-mail or no messages) and language; a record made without
an account keeps the phone, e-mail and language given with it."""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Reach:
    email: str
    phone: str
    language: str


def reach(*, member, email: str, phone, language: str) -> Reach:
    """The e-mail and phone to write to ("" for none) and the language, for a record with these contacts."""
    interface = {code for code, _name in settings.LANGUAGES}
    email, phone = email or "", str(phone or "")
    if member is not None and member.is_active:
        if member.preferred_language in interface:
            language = member.preferred_language
        if member.notify_by == "none":
            email = phone = ""
        elif member.notify_by == "sms":
            email, phone = "", phone or str(member.phone or "")
        elif member.notify_by == "email":
            email, phone = email or member.email, ""
    return Reach(email=email, phone=phone, language=language if language in interface else settings.LANGUAGE_CODE)
