"""Telling the asker that their question was answered, by e-mail or SMS, in the question's language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from integra.accounts.notify import reach
from integra.core.sms import send_sms
from integra.forum.models import Answer, Question


@task()
def notify_answered(answer_id: int) -> bool:
    answer = Answer.objects.select_related("question__member").filter(pk=answer_id).first()
    if answer is None:
        return False
    question = answer.question
    if question.notify_by == Question.Notify.LINK:
        return False
    # The asker's choice for this question; a member who chose no messages at all gets none (issue 17).
    to = reach(member=question.member, email=question.email, phone=question.phone, language=question.language)
    if question.member is not None and question.member.notify_by == "none":
        return False
    with translation.override(to.language):
        url = settings.FORUM_PUBLIC_URL.rstrip("/") + reverse("forum:detail", args=[question.pk])
        context = {"question": question, "url": url}
        if question.notify_by == Question.Notify.EMAIL and question.email:
            subject = render_to_string("forum/email/answered_subject.txt", context).strip()
            send_mail(subject, render_to_string("forum/email/answered.txt", context), None, [question.email])
            return True
        if question.notify_by == Question.Notify.SMS and question.phone:
            send_sms(str(question.phone), render_to_string("forum/email/answered_sms.txt", context).strip())
            return True
    return False
