from datetime import time

from django.db import transaction

from integra.centres.models import Centre, OpeningHours
from integra.core.pagecache import bump_content_version


@transaction.atomic
def centre_update(
    *,
    centre: Centre,
    phone=None,
    email: str | None = None,
    languages: list[str] | None = None,
    services=None,
    opening_hours: list[tuple[int, time, time]] | None = None,
    transport: dict[str, str] | None = None,
) -> Centre:
    """Change what a manager may change of their centre. Arguments left as None stay as they are."""
    fields = []
    if phone is not None:
        centre.phone = phone
        fields.append("phone")
    if email is not None:
        centre.email = email
        fields.append("email")
    if languages is not None:
        centre.languages = sorted(set(languages))
        fields.append("languages")
    if transport is not None:
        centre.transport = {code: text for code, text in transport.items() if text}
        fields.append("transport")
    if fields:
        centre.save(update_fields=fields)
    if services is not None:
        centre.services.set(services)
    if opening_hours is not None:
        centre.opening_hours.all().delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(centre=centre, weekday=day, opens=opens, closes=closes)
            for day, opens, closes in sorted(opening_hours)
        )
        bump_content_version()  # bulk_create sends no post_save: the centre's public page changes all the same
    return centre
