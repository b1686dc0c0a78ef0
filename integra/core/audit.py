"""Audit helpers: who did it (with role and centre) and logging reads of sensitive records."""

from auditlog.cid import set_cid
from auditlog.context import set_extra_data
from auditlog.middleware import AuditlogMiddleware
from auditlog.signals import accessed
from django.conf import settings


def actor_context(user) -> dict:
    """The actor fields every audit entry gets, for a user (or None)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return {"actor": None, "actor_roles": "", "actor_centres": ""}
    return {
        "actor": user,
        "actor_roles": ",".join(sorted(user.roles)),
        "actor_centres": ",".join(sorted(user.centre_slugs)),
    }


class AuditMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware, adding the actor's roles and centres and never an address.

    A request without a session cookie has no actor (request.user is anonymous before the view runs, which is
    when the actor is read), so its entries would carry no actor, roles, centres or address either way: the
    actor context (a signal connected and disconnected per request) is skipped, the correlation id is still set.
    """

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return super().__call__(request)
        set_cid(request)
        return self.get_response(request)

    def get_extra_data(self, request):
        data = super().get_extra_data(request)
        data.update(actor_context(getattr(request, "user", None)))
        data["remote_addr"] = None
        data["remote_port"] = None
        return data


def as_actor(user):
    """Context manager for work done outside a request (API calls, commands, tasks)."""
    return set_extra_data(context_data=actor_context(user))


def log_read(instance) -> None:
    """Record that the current actor opened a sensitive record (an ACCESS entry)."""
    accessed.send(sender=instance.__class__, instance=instance)
