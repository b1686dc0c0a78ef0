from ninja import Field, Schema

Translations = dict[str, str]
CLOCK = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
SLUG = r"^[-a-zA-Z0-9_]{1,50}$"
REFERENCE = r"^[A-Za-z0-9-]{1,16}$"


def form_errors(form) -> str:
    """A form's errors as one line, "field: message …", for a 422 answer."""
    return " ".join(f"{field}: {' '.join(messages)}" for field, messages in form.errors.items())


class Error(Schema):
    detail: str


class TopicOut(Schema):
    slug: str
    name: Translations


class OpeningHoursOut(Schema):
    weekday: int = Field(..., ge=0, le=6, description="0 is Monday, 6 is Sunday.")
    opens: str = Field(..., pattern=CLOCK, description="Local time in Sofia, HH:MM.")
    closes: str = Field(..., pattern=CLOCK, description="Local time in Sofia, HH:MM.")


class CentreOut(Schema):
    slug: str
    name: Translations
    city: Translations
    address: Translations
    postcode: str
    phone: str
    email: str
    languages: list[str]
    services: list[str]
    opening_hours: list[OpeningHoursOut]


class InstitutionOut(Schema):
    slug: str
    kind: str
    name: Translations
    city: Translations
    address: Translations
    phone: str
    email: str
    website: str
    topics: list[str]


class InstitutionPage(Schema):
    count: int
    items: list[InstitutionOut]


class HotlineOut(Schema):
    name: Translations
    phone: str
    hours: Translations
    languages: list[str]


class MeOut(Schema):
    username: str
    roles: list[str]
    centres: list[str]
    network_wide: bool


class OpeningHoursIn(Schema):
    weekday: int = Field(..., ge=0, le=6, description="0 is Monday, 6 is Sunday.")
    opens: str = Field(..., pattern=CLOCK, description="HH:MM")
    closes: str = Field(..., pattern=CLOCK, description="HH:MM")


class CentrePatch(Schema):
    phone: str | None = Field(None, max_length=32, description="E.164, for example +35929394747.")
    email: str | None = Field(None, max_length=254)
    languages: list[str] | None = Field(None, max_length=20)
    services: list[str] | None = Field(None, max_length=50, description="Service codes.")
    opening_hours: list[OpeningHoursIn] | None = Field(None, max_length=21)
