"""Phone interpretation now (issue 13 item 7): a request answered on the spot by calling phone interpreters one
after another until one accepts on the keypad; they and the requester (and, if given, the other party) are
joined into one conference call. Imported by models.py, so these are the interpreting app's models.

A `PhoneCall` is the live side of a `Request` with mode phone; each interpreter called is a `PhoneAttempt`, in
the order `candidates_rank` gave. The provider's webhooks move both forward only (see phone.py).
"""

import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integra.core.crypto import EncryptedTextField


def new_token() -> str:
    return secrets.token_hex(16)


class PhoneCallQuerySet(models.QuerySet):
    def with_attempts(self):
        return self.select_related("request__centre", "request__institution", "request__mediator").prefetch_related(
            models.Prefetch("attempts", queryset=PhoneAttempt.objects.select_related("mediator"))
        )


class PhoneCall(models.Model):
    class State(models.TextChoices):
        CALLING = "calling", _("Calling interpreters")
        CONNECTING = "connecting", _("An interpreter accepted: calling your phone")
        CONNECTED = "connected", _("Connected")
        ENDED = "ended", _("Ended")
        NOBODY = "nobody", _("No interpreter could be reached")
        UNREACHED = "unreached", _("Your phone did not answer")
        STOPPED = "stopped", _("Stopped")

    ACTIVE = (State.CALLING, State.CONNECTING, State.CONNECTED)

    request = models.OneToOneField(
        "interpreting.Request", on_delete=models.CASCADE, related_name="phone_call", verbose_name=_("request")
    )
    # Encrypted at rest; the other person's (the client's) number is erased when the call is over.
    requester_phone = EncryptedTextField(_("your phone number"))
    other_phone = EncryptedTextField(_("the other person's phone number"), blank=True)
    language = models.CharField(max_length=8, default="bg", editable=False)  # of the requester's prompts
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.CALLING)
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    room = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    requester_call_sid = models.CharField(max_length=64, blank=True, editable=False)
    other_call_sid = models.CharField(max_length=64, blank=True, editable=False)
    accepted_at = models.DateTimeField(null=True, blank=True)
    connected_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = PhoneCallQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("phone interpretation call")
        verbose_name_plural = _("phone interpretation calls")

    def __str__(self) -> str:
        return f"{self.request_id}: {self.state}"

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE

    def close(self, state: str, now) -> None:
        """End the call in a final state; the other person's number is no longer needed and is erased."""
        self.state, self.ended_at, self.other_phone = state, self.ended_at or now, ""
        self.save(update_fields=["state", "ended_at", "other_phone"])


class PhoneAttempt(models.Model):
    """One interpreter called for a phone request: waiting their turn, ringing, answered (hearing the offer),
    then accepted, declined, not answered (or busy, or the call failed), ended after interpreting, or skipped."""

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting their turn")
        RINGING = "ringing", _("Ringing")
        ANSWERED = "answered", _("Answered, hearing the request")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        NO_ANSWER = "no_answer", _("Did not answer")
        ENDED = "ended", _("Interpreted, call ended")
        SKIPPED = "skipped", _("Not called")

    LIVE = (State.RINGING, State.ANSWERED)

    phone_call = models.ForeignKey(PhoneCall, on_delete=models.CASCADE, related_name="attempts")
    mediator = models.ForeignKey("interpreting.Mediator", on_delete=models.PROTECT, related_name="phone_attempts")
    position = models.PositiveSmallIntegerField()
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    call_sid = models.CharField(max_length=64, blank=True, db_index=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.WAITING)
    rung_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("interpreter called")
        verbose_name_plural = _("interpreters called")
        constraints = [
            models.UniqueConstraint(fields=["phone_call", "position"], name="phone_attempt_position_once"),
            models.UniqueConstraint(fields=["phone_call", "mediator"], name="phone_attempt_mediator_once"),
            models.UniqueConstraint(
                fields=["phone_call"], condition=Q(state="accepted") | Q(state="ended"), name="phone_one_interpreter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.phone_call_id}#{self.position}: {self.state}"
