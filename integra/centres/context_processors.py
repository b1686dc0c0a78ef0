from django.utils.functional import SimpleLazyObject

from integra.centres.models import Hotline
from integra.core.pagecache import remember


def hotlines(request):
    """The hotline numbers shown in every page's footer: read only when a page shows them (the footer is
    itself a fragment kept per content version), once per process and content version (Hotline saves bump it)."""
    return {"footer_hotlines": SimpleLazyObject(lambda: remember(("footer-hotlines",), _all_hotlines))}


def _all_hotlines() -> list[Hotline]:
    return list(Hotline.objects.all())
