"""Background work for courses: the message offering a freed place, and the offers that lapse.

Enqueue `expire_offers` every hour (`manage.py course_offers`, from cron or a systemd timer);
`manage.py db_worker` runs the queued tasks.
"""

from django.urls import reverse
from django.utils import translation
from django_tasks import task

from integra.core import waitlist
from integra.courses import services
from integra.courses.models import Enrolment


@task()
def send_offer(enrolment_id: int) -> bool:
    """Tell the first on the waiting list that a place is theirs if they accept before the deadline."""
    enrolment = (
        Enrolment.objects.select_related("group__course", "group__centre", "member").filter(pk=enrolment_id).first()
    )
    if enrolment is None or enrolment.status != Enrolment.Status.OFFERED:
        return False
    to = waitlist.message_to(enrolment)
    with translation.override(to.language):
        url = waitlist.public_url(reverse("courses:offer", args=[services.offer_token(enrolment)]))
    context = {"enrolment": enrolment, "group": enrolment.group, "url": url}
    waitlist.notify(to=to, template="courses/messages/offer", context=context)
    return True


@task()
def expire_offers() -> int:
    return services.offers_expire()
