from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integra.centres.models import Centre
from integra.clients.models import Client
from integra.consultations.forms import LANGUAGE_CHOICES
from integra.consultations.models import Consultation
from integra.consultations.services import consultation_rules_check
from integra.core.forms import PhoneField, ServerCheckedLengths, add_errors
from integra.forum.models import Question
from integra.knowledge.models import Article
from integra.topics.models import Topic

TITLE_MAX = 200
BODY_MAX = 10_000
ANSWER_MAX = 20_000
REPLY_MAX = 5_000


def too_long(limit: int):
    return {
        "max_length": _(
            "Your text is too long: it can have at most %(limit_value)d characters (it has %(show_value)d). "
            "Please shorten it."
        )
    }


NoBrowserLimit = ServerCheckedLengths  # lengths checked on the server, with a message (integra.core.forms)


class QuestionForm(NoBrowserLimit, forms.Form):
    title = forms.CharField(
        label=_("Your question in one sentence"),
        help_text=_("For example “How do I get health insurance?”. Write in any language."),
        max_length=TITLE_MAX,
        error_messages={"required": _("Write your question."), **too_long(TITLE_MAX)},
    )
    body = forms.CharField(
        label=_("Tell us more"),
        help_text=_("What happened, what you need to know. Do not write your name, phone number or document numbers."),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Describe your question."), **too_long(BODY_MAX)},
    )
    # The honeypot: hidden from people and screen readers; a bot that fills it is dropped silently.
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        max_length=200,
        template_name="forum/_honeypot.html",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


class TopicForm(forms.Form):
    topic = forms.ModelChoiceField(
        label=_("What is your question about?"),
        queryset=Topic.objects.active(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose a topic."), "invalid_choice": _("Choose a topic.")},
    )


class CityForm(ServerCheckedLengths, forms.Form):
    city = forms.CharField(
        label=_("In which city or town do you live?"),
        help_text=_("Answers can depend on the place. You can leave this empty."),
        required=False,
        max_length=100,
        error_messages=too_long(100),
    )


class NotifyForm(ServerCheckedLengths, forms.Form):
    notify_by = forms.ChoiceField(
        label=_("How should we tell you about an answer?"),
        choices=Question.Notify.choices,
        widget=forms.RadioSelect,
        help_text=_("After sending you get a private link. With it you can always read the answers."),
        error_messages={"required": _("Choose how we should tell you about an answer.")},
    )
    email = forms.EmailField(label=_("E-mail address"), required=False, help_text=_("Only if you chose e-mail."))
    phone = PhoneField(label=_("Mobile phone number"), required=False, help_text=_("Only if you chose a text message."))

    def clean(self):
        data = super().clean()
        how = data.get("notify_by")
        if how == Question.Notify.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Write the e-mail address we should write to."))
        if how == Question.Notify.SMS and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Write the mobile phone number for the text message."))
        return data


class SimilarForm(forms.Form):
    """The results step: similar questions already answered; nothing to fill in."""


class ReplyForm(NoBrowserLimit, forms.Form):
    body = forms.CharField(
        label=_("Write a reply"),
        help_text=_("Add information or ask about the answer. Only you and our experts can read it."),
        max_length=REPLY_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write your reply."), **too_long(REPLY_MAX)},
    )


# --- back office ---------------------------------------------------------------------------


class ModerationForm(NoBrowserLimit, forms.Form):
    title = forms.CharField(label=_("Question"), max_length=TITLE_MAX, error_messages=too_long(TITLE_MAX))
    body = forms.CharField(
        label=_("Details"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages=too_long(BODY_MAX),
    )
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.active())
    city = forms.CharField(label=_("City"), required=False, max_length=100)


class MergeForm(forms.Form):
    into = forms.IntegerField(
        label=_("Number of the published question it duplicates"),
        min_value=1,
        error_messages={"required": _("Write the number of the question to merge into.")},
    )

    def clean_into(self):
        """The number read as a question; the moderation service decides whether it can be merged into."""
        target = Question.objects.filter(pk=self.cleaned_data["into"]).first()
        if target is None:
            raise ValidationError(_("There is no published question with this number."))
        return target


class ReferForm(forms.Form):
    centre = forms.ModelChoiceField(
        label=_("Refer to which centre?"),
        queryset=Centre.objects.active(),
        error_messages={"required": _("Choose the centre.")},
    )
    note = forms.CharField(
        label=_("Note for the centre"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ConsultationRecordForm(forms.Form):
    """The consultation a centre held on a referred question; prefilled with its topic and language."""

    held_on = forms.DateField(label=_("Date held"), widget=forms.DateInput(attrs={"type": "date"}))
    channel = forms.ChoiceField(label=_("Channel"), widget=forms.RadioSelect)
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"), queryset=Topic.objects.active(), widget=forms.CheckboxSelectMultiple
    )
    language = forms.ChoiceField(label=_("Language used"))
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), initial=30)
    outcome = forms.ChoiceField(label=_("Outcome"))
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Encrypted; only staff of the centre read them."),
    )
    client = forms.CharField(
        label=_("Client file (optional)"),
        required=False,
        max_length=16,
        help_text=_("The reference of a client file of this centre, if the asker has one."),
    )

    def __init__(self, *args, question: Question, user, **kwargs):

        super().__init__(*args, **kwargs)
        self.question, self.user = question, user
        self.fields["channel"].choices = [
            (Consultation.Channel.ONLINE, Consultation.Channel.ONLINE.label),
            (Consultation.Channel.PHONE, Consultation.Channel.PHONE.label),
            (Consultation.Channel.IN_PERSON, Consultation.Channel.IN_PERSON.label),
        ]
        self.fields["channel"].initial = Consultation.Channel.ONLINE
        self.fields["outcome"].choices = Consultation.Outcome.choices
        self.fields["outcome"].initial = Consultation.Outcome.INFORMED
        self.fields["language"].choices = LANGUAGE_CHOICES
        self.fields["language"].initial = question.language
        self.fields["topics"].initial = [question.topic_id]
        self.fields["held_on"].initial = timezone.localdate()

    def clean_client(self):

        reference = self.cleaned_data["client"].strip()
        if not reference:
            return None
        client = (
            Client.objects.for_user(self.user)
            .filter(reference__iexact=reference, centre_id=self.question.referred_centre_id, erased_at__isnull=True)
            .first()
        )
        if client is None:
            raise ValidationError(_("There is no client file of this centre with this reference."))
        return client

    def clean(self):
        data = super().clean()
        try:  # the consultations service's rules (date, duration, consent), shown next to the fields
            consultation_rules_check(
                held_on=data.get("held_on"), duration_minutes=data.get("duration_minutes"), client=data.get("client")
            )
        except ValidationError as error:
            add_errors(self, error)
        return data


class AnswerForm(NoBrowserLimit, forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Write the answer."), **too_long(ANSWER_MAX)},
    )
    show_name = forms.BooleanField(
        label=_("Show my name with this answer"),
        required=False,
        help_text=_("Otherwise the answer shows only your role and centre."),
    )
    articles = forms.ModelMultipleChoiceField(
        label=_("Link knowledge-base articles"),
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["articles"].queryset = Article.objects.public().order_by("slug")
