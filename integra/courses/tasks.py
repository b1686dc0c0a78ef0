"""Background work for courses: the message offering a freed place, and the offers that lapse.

Enqueue `expire_offers` every hour (`manage.py course_offers`, from cron or a systemd timer);
`manage.py db_worker` runs the queued tasks.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from integra.core.sms import send_sms
from integra.courses import services
from integra.courses.models import Enrolment


def _language(code: str) -> str:
    return code if code in {c for c, _n in settings.LANGUAGES} else "bg"


@task()
def send_offer(enrolment_id: int) -> bool:
    """Tell the first on the waiting list that a place is theirs if they accept before the deadline."""
    enrolment = Enrolment.objects.select_related("group__course", "group__centre").filter(pk=enrolment_id).first()
    if enrolment is None or enrolment.status != Enrolment.Status.OFFERED:
        return False
    with translation.override(_language(enrolment.language)):
        url = settings.SITE_PUBLIC_URL.rstrip("/") + reverse("courses:offer", args=[services.offer_token(enrolment)])
        context = {"enrolment": enrolment, "group": enrolment.group, "url": url}
        if enrolment.email:
            subject = render_to_string("courses/messages/offer_subject.txt", context).strip()
            send_mail(subject, render_to_string("courses/messages/offer.txt", context), None, [enrolment.email])
        if enrolment.phone:
            send_sms(str(enrolment.phone), render_to_string("courses/messages/offer_sms.txt", context).strip())
    return True


@task()
def expire_offers() -> int:
    return services.offers_expire()
