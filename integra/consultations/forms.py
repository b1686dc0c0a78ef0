from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integra.accounts.models import User
from integra.centres.forms import add_centre_filter, chosen_centre
from integra.centres.models import Centre, Institution
from integra.clients.forms import CentreChoiceField, add_demographic_filters, filter_demographics
from integra.clients.models import CASE_ROLES
from integra.consultations import services
from integra.consultations.models import ClosedDay, Consultation, FollowUp, Referral, Rota
from integra.core.forms import DateRangeForm, add_errors
from integra.core.languages import SPOKEN_LANGUAGES
from integra.interpreting.models import Mediator
from integra.topics.models import Topic

LANGUAGE_CHOICES = list(SPOKEN_LANGUAGES.items())


class MediatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


class TopicsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


# What each field is for and what the client is told (issue 11 item 16): one sentence under each label.
CONSULTATION_HELP = {
    "centre": _("Where the consultation was held. Only this centre's staff (and coordinators) read the record."),
    "held_on": _("The day of the consultation. It cannot be in the future."),
    "channel": _("How you talked: in person, by phone, online, or on an outreach visit."),
    "topics": _("Everything you talked about. The figures count topics, never names."),
    "language": _("The language the consultation was held in, with or without an interpreter."),
    "interpreting": _(
        "Whether an interpreter or a cultural mediator took part. Tell the client that they keep what they hear "
        "confidential."
    ),
    "interpreter_name": _(
        "So that the centre can find the same interpreter again. Family members, friends and children of the "
        "client are never recorded as interpreters: if one of them helped, choose “No” above."
    ),
    "mediator": _(
        "The interpreter or mediator from the registry who took part: the record shows their name and ID. "
        "For someone not in the registry, write their name below."
    ),
    "duration_minutes": _("Roughly how long, in minutes."),
    "outcome": _("What the client leaves with. If someone has to act next, add a follow-up below."),
    "notes": _(
        "What a colleague needs to help the client next time. Encrypted and read only by the centre's staff; "
        "the client may ask to see their data, so write it as you would say it to them."
    ),
    "gender": _('For the figures only. Ask only if the client is comfortable; "Not said" is fine.'),
    "age_band": _("For the figures only, never to identify anyone."),
    "referral_institution": _("If you send the client to an institution: tell them where it is and what to bring."),
    "referral_reason": _("Why the client is referred and what they should ask for there."),
    "follow_up_task": _(
        'Something that must be done next, e.g. "call the client with the migration office\'s answer". '
        "It appears on your Today page."
    ),
    "follow_up_due": _("When it must be done by. Tell the client when to expect to hear from the centre."),
}
REFERRAL_HELP = {
    "institution": _("Where the client is sent. Give them the address and the opening hours."),
    "reason": _(
        "Why the client is referred and what they should ask for. Details go to the institution only if the "
        "client agreed to it."
    ),
    "status": _("Update it when you learn what happened."),
    "outcome": _("What the institution did or said, in a sentence or two."),
}
FOLLOW_UP_HELP = {"task": CONSULTATION_HELP["follow_up_task"], "due_on": CONSULTATION_HELP["follow_up_due"]}


def add_help(form: forms.BaseForm, texts: dict) -> None:
    for name, text in texts.items():
        if name in form.fields:
            form.fields[name].help_text = text


class ConsultationForm(forms.ModelForm):
    """Everything about one consultation on one screen, with an optional referral and follow-up."""

    centre = CentreChoiceField(label=_("Centre"), queryset=Centre.objects.none(), empty_label=None)
    topics = TopicsField(label=_("Topics"), queryset=Topic.objects.active(), widget=forms.CheckboxSelectMultiple)
    language = forms.ChoiceField(label=_("Language used"), choices=LANGUAGE_CHOICES, initial="bg")
    referral_institution = forms.ModelChoiceField(
        label=_("Refer to an institution"),
        queryset=Institution.objects.all(),
        required=False,
        empty_label=_("No referral"),
    )
    referral_reason = forms.CharField(
        label=_("Reason for the referral"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    interpreter_not_family = forms.BooleanField(
        label=_("This interpreter is not a family member, friend or child of the client"),
        required=False,
        help_text=_("Needed when you write the name of an interpreter who is not in the registry."),
    )
    follow_up_task = forms.CharField(label=_("Follow-up: what to do"), required=False, max_length=200)
    follow_up_due = forms.DateField(
        label=_("Follow-up due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Consultation
        fields = [
            "centre", "held_on", "channel", "topics", "language", "interpreting", "mediator", "interpreter_name",
            "duration_minutes", "outcome", "notes", "nationality", "gender", "age_band",
        ]  # fmt: skip
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "channel": forms.RadioSelect,
            "interpreting": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "nationality": _("For a walk-in without a client file; taken from the file otherwise."),
        }

    def __init__(self, *args, user=None, client=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client
        self.fields["centre"].queryset = Centre.objects.for_user(user).filter(is_active=True)
        if client is not None:
            self.fields["centre"].initial = client.centre_id
            for name in ("nationality", "gender", "age_band"):
                del self.fields[name]
        if self.instance.pk:
            del self.fields["centre"]
            for name in ("referral_institution", "referral_reason", "follow_up_task", "follow_up_due"):
                del self.fields[name]
        else:
            self.fields["held_on"].initial = timezone.localdate()
        mediators = Mediator.objects.available_to(
            user, centre=self.instance.centre if self.instance.pk else None, keep=self.instance.mediator_id
        )
        self.fields["mediator"] = MediatorChoiceField(
            label=_("Interpreter from the registry"),
            queryset=mediators,
            required=False,
            empty_label=_("Not from the registry"),
        )
        names = list(self.fields)  # the confirmation right below the name it confirms
        names.remove("interpreter_not_family")
        names.insert(names.index("interpreter_name") + 1, "interpreter_not_family")
        self.order_fields(names)
        add_help(self, CONSULTATION_HELP)

    def clean(self):
        data = super().clean()
        try:  # the service's rules (date, duration, consent), shown next to the fields
            services.consultation_rules_check(
                held_on=data.get("held_on"),
                duration_minutes=data.get("duration_minutes"),
                client=None if self.instance.pk else self.client,
            )
        except ValidationError as error:
            add_errors(self, error)
        mediator = data.get("mediator")
        centre = data.get("centre") or (self.instance.centre if self.instance.pk else None)
        if mediator is not None and centre is not None and not mediator.covers(centre):
            self.add_error("mediator", _("This interpreter does not work for this centre. Choose another one."))
        if mediator is not None and data.get("interpreting") == Consultation.Interpreting.NONE:
            self.add_error("interpreting", _("Say whether an interpreter or a cultural mediator took part."))
        if self.names_an_unconfirmed_interpreter(data):
            self.add_error(
                "interpreter_not_family",
                _(
                    "Family members, friends and children of the client are never recorded as interpreters. "
                    "Confirm that this person is none of them, or leave the name empty."
                ),
            )
        data.pop("interpreter_not_family", None)  # a confirmation, not a field of the record
        if data.get("referral_institution") and not data.get("referral_reason", "").strip():
            self.add_error("referral_reason", _("Say why the client is referred."))
        if bool(data.get("follow_up_task")) != bool(data.get("follow_up_due")):
            field = "follow_up_due" if data.get("follow_up_task") else "follow_up_task"
            self.add_error(field, _("A follow-up needs both what to do and a due date."))
        if data.get("follow_up_due") and data["follow_up_due"] < timezone.localdate():
            self.add_error("follow_up_due", _("The due date cannot be in the past."))
        return data

    def names_an_unconfirmed_interpreter(self, data: dict) -> bool:
        """A new name typed for an interpreter outside the registry, without the confirmation (issue 13 item 2).
        A name kept unchanged on an edit was confirmed when it was recorded (or before the rule existed)."""
        name = (data.get("interpreter_name") or "").strip()
        if not name or data.get("mediator") is not None or data.get("interpreting") == Consultation.Interpreting.NONE:
            return False
        if self.instance.pk and name == self.instance.interpreter_name:
            return False
        return not data.get("interpreter_not_family")

    def record_kwargs(self) -> dict:
        """The cleaned data as keyword arguments for services.consultation_record."""
        data = dict(self.cleaned_data)
        institution, reason = data.pop("referral_institution", None), data.pop("referral_reason", "")
        task, due = data.pop("follow_up_task", ""), data.pop("follow_up_due", None)
        if data.get("nationality") is not None:
            data["nationality"] = str(data["nationality"] or "")
        data["referral"] = services.ReferralData(institution, reason.strip()) if institution else None
        data["follow_up"] = services.FollowUpData(task, due) if task and due else None
        return data


class ConsultationFilterForm(DateRangeForm):
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.all(), required=False, to_field_name="slug", empty_label=_("All")
    )
    consultant = forms.ModelChoiceField(label=_("Consultant"), queryset=User.objects.none(), required=False)
    channel = forms.ChoiceField(label=_("Channel"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [("", _("All")), *Consultation.Channel.choices]
        colleagues = User.objects.filter(groups__name__in=CASE_ROLES).distinct().order_by("username")
        if not user.is_network_wide:
            colleagues = colleagues.filter(centres__in=user.centres.all())
        self.fields["consultant"].queryset = colleagues
        self.fields["consultant"].label_from_instance = lambda u: u.get_full_name() or u.username
        add_centre_filter(self, user)
        add_demographic_filters(self)

    def filter(self, queryset):
        if not self.is_bound:
            return queryset
        if not self.is_valid():
            return queryset.none()  # an error is shown; never every record under a filter that was refused
        data = self.cleaned_data
        centre = chosen_centre(self)
        if centre is not None:
            queryset = queryset.filter(centre=centre)
        queryset = queryset.filtered(
            date_from=data["date_from"],
            date_to=data["date_to"],
            topic_slug=data["topic"].slug if data["topic"] else None,
            consultant_id=data["consultant"].pk if data["consultant"] else None,
            channel=data["channel"] or None,
        )
        return filter_demographics(self, queryset)


class LinkClientForm(forms.Form):
    reference = forms.CharField(
        label=_("Client file reference"),
        max_length=16,
        help_text=_("The reference on the client file, e.g. C-ABC-234. Find it with the client search above."),
    )


class ReferralCreateForm(forms.ModelForm):
    class Meta:
        model = Referral
        fields = ["institution", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_help(self, REFERRAL_HELP)


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["task", "due_on"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_help(self, FOLLOW_UP_HELP)

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot be in the past."))
        return due_on


class ReferralForm(forms.ModelForm):
    class Meta:
        model = Referral
        fields = ["status", "outcome"]
        widgets = {"status": forms.RadioSelect, "outcome": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_help(self, REFERRAL_HELP)


class RotaForm(forms.ModelForm):
    class Meta:
        model = Rota
        fields = ["slot_minutes", "is_bookable"]

    def clean_slot_minutes(self):
        minutes = self.cleaned_data["slot_minutes"]
        if not 10 <= minutes <= 120:
            raise forms.ValidationError(_("Enter a length between 10 and 120 minutes."))
        return minutes


class ClosedDayForm(forms.ModelForm):
    already_closed = _("This day is already marked as closed.")

    class Meta:
        model = ClosedDay
        fields = ["date", "reason"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, centre=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre = centre

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the past."))
        if ClosedDay.objects.filter(centre=self.centre, date=day).exists():
            raise forms.ValidationError(self.already_closed)
        return day


def parse_slot(value: str) -> datetime | None:
    """A slot value "2026-11-25T10:30" (local time) as an aware datetime, or None."""
    try:
        naive = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    if naive.tzinfo is not None or naive.second or naive.microsecond:
        return None
    return timezone.make_aware(naive)


def slot_value(start: datetime) -> str:
    return timezone.localtime(start).strftime("%Y-%m-%dT%H:%M")
