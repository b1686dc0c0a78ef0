"""The public enrolment: one question per page, check your answers, a confirmation with a reference.

Nothing is stored before "Send". A full group's check page says that sending puts the person on the
waiting list; the service decides (with the group's row locked), so the last place goes to one person.
"""

from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from integra.accounts.services import visiting_member
from integra.core import ratelimit
from integra.core.crypto import derive_key
from integra.core.wizard import STATE_FIELD, Step, Wizard, unseal
from integra.courses import services
from integra.courses.forms import AboutStep, ContactStep, LanguageStep, NameStep

CONFIRMATION_SALT = "integra.courses.enrolment"
CONFIRMATION_MAX_AGE = 366 * 86400

allowed = ratelimit.limiter("courses", setting="COURSE_RATE_LIMITS", key=lambda: derive_key("courses:rate-limit"))


def confirmation_token(enrolment) -> str:
    return signing.dumps(enrolment.pk, salt=CONFIRMATION_SALT)


def enrolment_pk_from(token: str) -> int | None:
    try:
        return signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
    except signing.BadSignature:
        return None


class EnrolmentWizard(Wizard):
    name = "course-enrolment"
    steps = [
        Step("name", NameStep, _("What is your name?")),
        Step("contact", ContactStep, _("How can we reach you?")),
        Step("language", LanguageStep, _("Which language do you read best?")),
        Step("about", AboutStep, _("A little about you (you may skip this)")),
    ]
    check_template_name = "courses/public/enrol_check.html"
    error = ""

    def dispatch(self, request, pk):
        self.group = services.get_public_group(pk)
        if not self.group.enrolment_open():
            return HttpResponseRedirect(reverse("courses:group", args=[pk]))
        return super().dispatch(request)

    def build_form(self, request, step, answers, data=None):
        form = super().build_form(request, step, answers, data=data)
        if step.name == "language" and data is None and not answers.get("language"):
            form.initial = {"language": get_language()}
        return form

    def extra_context(self, request, data):
        return {"group": self.group, "full": self.group.places_left() == 0, "service_error": self.error}

    def done(self, request, data, submission_key):
        if not allowed(request, "enrol"):
            return self._check_again(
                request, _g("We have received several enrolments from you. Please try again later or call the centre.")
            )
        try:
            enrolment = services.enrolment_create(
                group=self.group,
                name=data["name"],
                phone=data.get("phone") or "",
                email=data.get("email", ""),
                language=data.get("language", ""),
                gender=data.get("gender", ""),
                age_band=data.get("age_band", ""),
                nationality=data.get("nationality", ""),
                member=visiting_member(request.user),
                submission_key=submission_key,
            )
        except ValidationError as error:
            return self._check_again(request, " ".join(error.messages))
        return HttpResponseRedirect(reverse("courses:enrolled", args=[confirmation_token(enrolment)]))

    def _check_again(self, request, message):
        """The check page again, with the answers kept and the reason on top."""
        self.error = message
        state = unseal(request.POST[STATE_FIELD], f"wizard:{self.name}", self.max_age)
        return self.render_check(request, state.get("a", {}), state.get("k", ""))
