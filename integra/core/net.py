"""The client's network address, the one way every rate limit and lockout reads it.

Behind a reverse proxy REMOTE_ADDR is the proxy's address, so every visitor would share one
counter. The forwarded header is believed only when the request comes from a configured trusted
proxy (settings.TRUSTED_PROXIES, set by BEHIND_TLS_PROXY / TRUSTED_PROXIES): then the address is
the right-most hop of X-Forwarded-For that is not itself a trusted proxy. A client can put
anything on the left of that header; it is never read. The address is used for counting only
and never stored by Integra.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=1)
def _trusted_networks(spec: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(item, strict=False) for item in spec)


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _trusted_networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request) -> str:
    """The visitor's address: REMOTE_ADDR, or the forwarded address when a trusted proxy sent it."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if not settings.TRUSTED_PROXIES or not _is_trusted(remote):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if _is_trusted(hop):
            continue
        try:
            return str(ipaddress.ip_address(hop))
        except ValueError:
            return remote  # a malformed hop: count the request against the proxy rather than trust it
    return remote
