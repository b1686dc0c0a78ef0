"""Forms for courses: the public enrolment's steps, the catalogue's filters, leaving a course, the desk
enrolment, one register row, the levels and the certificate. Rules live in services.py; a service's
ValidationError is shown on these forms with core.forms.add_errors."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from integra.accounts import roles
from integra.accounts.models import User
from integra.centres.forms import add_centre_filter, chosen_centre
from integra.centres.models import WEEKDAYS, Centre
from integra.clients.forms import add_demographic_filters, filter_demographics
from integra.clients.models import AgeBand, Gender
from integra.core.forms import TOO_LONG, DateRangeForm, PhoneField, ServerCheckedLengths
from integra.core.languages import SPOKEN_LANGUAGES, endonym
from integra.courses.models import Attendance, Course, Enrolment, Group, Level

LANGUAGE_CHOICES = list(SPOKEN_LANGUAGES.items())
NAME_HELP = _("Your name as it should appear on the certificate, in Latin or Cyrillic letters or your own.")


class NameStep(ServerCheckedLengths, forms.Form):
    name = forms.CharField(
        label=_("Your full name"),
        max_length=150,
        help_text=NAME_HELP,
        error_messages={"required": _("Enter your name.")},
    )


class ContactStep(ServerCheckedLengths, forms.Form):
    phone = PhoneField(
        label=_("Mobile phone"),
        required=False,
        help_text=_("For an SMS if a place frees or the group changes. For example +359 88 123 4567 or 088 123 4567."),
        error_messages={"invalid": _("Enter a phone number, for example +359 88 123 4567.")},
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Enter an e-mail address like name@example.com.")},
    )

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("phone") and not data.get("email"):
            raise forms.ValidationError(
                _("Give a phone number or an e-mail address, so that we can tell you about your place.")
            )
        return data


class LanguageStep(forms.Form):
    language = forms.ChoiceField(
        label=_("The language you read best"),
        choices=[("", "—"), *LANGUAGE_CHOICES],
        help_text=_("We write to you in it, and your certificate is in Bulgarian and in this language."),
        error_messages={"required": _("Choose a language.")},
    )


class AboutStep(forms.Form):
    """Optional: counted in the funder's figures without the name."""

    gender = forms.ChoiceField(label=_("Sex"), choices=Gender.choices, initial=Gender.UNDISCLOSED, required=False)
    age_band = forms.ChoiceField(label=_("Age"), choices=AgeBand.choices, required=False)
    nationality = LazyTypedChoiceField(label=_("Nationality"), choices=[("", "—"), *countries], required=False)


class CatalogueFilterForm(forms.Form):
    centre = forms.ModelChoiceField(
        label=_("Centre"),
        queryset=Centre.objects.active(),
        required=False,
        empty_label=_("All centres"),
        to_field_name="slug",
    )
    kind = forms.ChoiceField(
        label=_("Kind of course"), choices=[("", _("All courses")), *Course.Kind.choices], required=False
    )
    level = forms.ChoiceField(label=_("Level"), choices=[("", _("Any level")), *Level.choices], required=False)

    def filter(self, groups):
        if not self.is_valid():
            return groups
        data = self.cleaned_data
        if data.get("centre"):
            groups = groups.filter(centre=data["centre"])
        if data.get("kind"):
            groups = groups.filter(course__kind=data["kind"])
        if data.get("level"):
            groups = groups.filter(course__level=data["level"])
        return groups


class FindEnrolmentForm(forms.Form):
    reference = forms.CharField(
        label=_("Your reference"), max_length=16, help_text=_("For example CR-ABC-DEF, from your confirmation.")
    )
    contact = forms.CharField(
        label=_("The phone number or e-mail you gave"), max_length=254, widget=forms.TextInput(attrs={"dir": "ltr"})
    )


class DeskEnrolmentForm(ServerCheckedLengths, forms.Form):
    """Staff enrol someone at the desk, from a consultation or from a call."""

    name = forms.CharField(label=_("Full name"), max_length=150, help_text=_("As it should appear on the certificate."))
    phone = PhoneField(
        label=_("Mobile phone"),
        required=False,
        error_messages={"invalid": _("Enter a phone number, for example +359 88 123 4567.")},
    )
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)
    language = forms.ChoiceField(
        label=_("The language they read best"), choices=[("", "—"), *LANGUAGE_CHOICES], required=False
    )
    gender = forms.ChoiceField(label=_("Sex"), choices=Gender.choices, initial=Gender.UNDISCLOSED, required=False)
    age_band = forms.ChoiceField(label=_("Age"), choices=AgeBand.choices, required=False)
    nationality = LazyTypedChoiceField(label=_("Nationality"), choices=[("", "—"), *countries], required=False)
    client_reference = forms.CharField(
        label=_("Client file reference"),
        max_length=16,
        required=False,
        help_text=_("Only with the person's consent: the enrolment then shows on their client file."),
    )
    consent = forms.BooleanField(
        label=_("The person agrees to link the enrolment to their client file"), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("client_reference") and not data.get("consent"):
            self.add_error("consent", _("Ask the person first: a file is linked only with their consent."))
        return data


class MarkForm(ServerCheckedLengths, forms.Form):
    """One row of the register: saved on its own, so a dropped connection loses at most that row."""

    mark = forms.ChoiceField(
        label=_("Attendance"),
        choices=Attendance.Mark.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose present, late, excused or absent.")},
    )
    remark = forms.CharField(label=_("Remark"), max_length=200, required=False)


class LevelsForm(forms.ModelForm):
    class Meta:
        model = Enrolment
        fields = ["entry_level", "entry_score", "exit_level"]
        help_texts = {
            "entry_level": _("From the placement test or your assessment at the start."),
            "exit_level": _("Your assessment at the end: the funder counts who improved by at least one level."),
        }


class CertificateForm(ServerCheckedLengths, forms.Form):
    name_as_printed = forms.CharField(
        label=_("Name as printed"), max_length=150, help_text=_("Check the spelling with the learner.")
    )


class RevokeForm(ServerCheckedLengths, forms.Form):
    reason = forms.CharField(label=_("Why the certificate is revoked"), max_length=200)


class CertificateCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Certificate code"),
        max_length=16,
        help_text=_("The code printed under the QR code, for example ABCDE-FGH23."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocapitalize": "characters"}),
    )


class GroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, group):
        left = group.places_left()
        places = (
            ngettext("%(count)d place left", "%(count)d places left", left) % {"count": left}
            if left
            else gettext("full: waiting list")
        )
        return f"{group.course} · {group.place_name} · {group.start_date:%d.%m.%Y} · {places}"


class EnrolFromForm(DeskEnrolmentForm):
    """Enrol the person of a consultation or a call in one step: the group, then their details prefilled."""

    group = GroupChoiceField(
        label=_("Group"), queryset=None, empty_label="—", error_messages={"required": _("Choose a group.")}
    )
    key = forms.CharField(widget=forms.HiddenInput, required=False)
    field_order = ["group"]

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups


class FiguresForm(forms.Form):
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    centre = forms.ModelChoiceField(
        label=_("Centre"), queryset=Centre.objects.none(), required=False, empty_label=_("All my centres")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = Centre.objects.for_user(user)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end of the period must be after its start."))
        return data


class GroupForm(ServerCheckedLengths, forms.ModelForm):
    """A new group with its schedule: the sessions are made on these weekdays from the first to the last day."""

    languages = forms.MultipleChoiceField(
        label=_("Languages of support"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Languages the trainer can explain in."),
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Meets on"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the days the group meets.")},
    )
    starts_at = forms.TimeField(label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}))
    minutes = forms.IntegerField(label=_("Length of a session (minutes)"), min_value=15, max_value=480, initial=120)
    skip_public_holidays = forms.BooleanField(
        label=_("No session on Bulgarian public holidays (kept as cancelled)"), required=False, initial=True
    )

    class Meta:
        model = Group
        fields = [
            "course",
            "centre",
            "place",
            "trainer",
            "room",
            "capacity",
            "languages",
            "start_date",
            "end_date",
            "enrolment_opens",
            "enrolment_closes",
            "is_public",
        ]
        widgets = {
            name: forms.DateInput(attrs={"type": "date"})
            for name in ("start_date", "end_date", "enrolment_opens", "enrolment_closes")
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.active()
        self.fields["centre"].queryset = Centre.objects.for_user(user)
        self.fields["trainer"].queryset = User.objects.filter(groups__name=roles.TRAINER, is_active=True).distinct()

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last session cannot be before the first."))
        opens, closes = data.get("enrolment_opens"), data.get("enrolment_closes")
        if opens and closes and closes < opens:
            self.add_error("enrolment_closes", _("Enrolment cannot close before it opens."))
        return data

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


def _direction(code: str) -> str:
    return "rtl" if code in settings.LANGUAGES_BIDI else "ltr"


class CourseForm(ServerCheckedLengths, forms.ModelForm):
    """A course with its title, description and what to bring in each interface language (one title at least).

    A language left empty is shown in another language with a notice, like an article."""

    TRANSLATED = {"title": (_("Title – %(language)s"), 200), "description": (_("Description – %(language)s"), 4000),
                  "what_to_bring": (_("What to bring – %(language)s"), 500)}  # fmt: skip

    class Meta:
        model = Course
        fields = ["slug", "kind", "level", "completion_attendance", "completion_needs_exit_level", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for prefix, (label, limit) in self.TRANSLATED.items():
            for code, _name in settings.LANGUAGES:
                attrs = {"lang": code, "dir": _direction(code)}
                widget = (
                    forms.TextInput(attrs=attrs) if prefix == "title" else forms.Textarea(attrs={"rows": 3, **attrs})
                )
                self.fields[f"{prefix}_{code}"] = forms.CharField(
                    label=label % {"language": endonym(code)},
                    required=False,
                    max_length=limit,
                    initial=(getattr(self.instance, prefix) or {}).get(code, ""),
                    widget=widget,
                )
                self.fields[f"{prefix}_{code}"].widget.attrs.pop("maxlength", None)
                self.fields[f"{prefix}_{code}"].error_messages.setdefault("max_length", TOO_LONG)

    def translations(self, prefix: str) -> dict[str, str]:
        return {
            code: self.cleaned_data[f"{prefix}_{code}"].strip()
            for code, _name in settings.LANGUAGES
            if (self.cleaned_data.get(f"{prefix}_{code}") or "").strip()
        }

    def clean(self):
        data = super().clean()
        if not self.translations("title"):
            self.add_error(f"title_{settings.LANGUAGES[0][0]}", _("Give the course a title in at least one language."))
        if data.get("kind") == Course.Kind.LANGUAGE and not data.get("level"):
            self.add_error("level", _("A language course has a CEFR level."))
        return data

    def service_kwargs(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return {**fields, **{prefix: self.translations(prefix) for prefix in self.TRANSLATED}}


class GroupListFilterForm(DateRangeForm):
    """The groups list filtered to the groups running on at least one day between "from" and "to", by centre
    (network-wide roles), kind of course and course: the list the "Course groups held" figure links to."""

    kind = forms.ChoiceField(label=_("Kind of course"), required=False)
    course = forms.ModelChoiceField(
        label=_("Course"), queryset=Course.objects.order_by("slug"), required=False, to_field_name="slug"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Every kind")), *Course.Kind.choices]
        self.fields["course"].empty_label = _("Every course")
        add_centre_filter(self, user)

    def filter(self, groups):
        groups = self.overlapping(groups, "start_date", "end_date")
        if not self.is_bound or not self.is_valid():
            return groups
        centre = chosen_centre(self)
        if centre is not None:
            groups = groups.filter(centre=centre)
        if self.cleaned_data["kind"]:
            groups = groups.filter(course__kind=self.cleaned_data["kind"])
        if self.cleaned_data["course"]:
            groups = groups.filter(course=self.cleaned_data["course"])
        return groups


class EnrolmentListFilterForm(DateRangeForm):
    """The enrolments of every group of my centres, filtered: the groups running on at least one of the days
    (or, with "ended", the groups whose last day is one of them), centre (network-wide roles), kind of course,
    course, status and a CEFR level gained. The list the participants and CEFR figures link to."""

    TOOK_PART = "took_part"
    ENDED = "ended"
    YES = "yes"

    groups = forms.ChoiceField(label=_("Groups"), required=False)
    kind = forms.ChoiceField(label=_("Kind of course"), required=False)
    course = forms.ModelChoiceField(
        label=_("Course"), queryset=Course.objects.order_by("slug"), required=False, to_field_name="slug"
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    improved = forms.ChoiceField(label=_("Levels"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].choices = [
            ("", _("Running on at least one of the days")),
            (self.ENDED, _("Ended on one of the days")),
        ]
        self.fields["kind"].choices = [("", _("Every kind")), *Course.Kind.choices]
        self.fields["course"].empty_label = _("Every course")
        self.fields["status"].choices = [
            ("", _("Every status")),
            (self.TOOK_PART, _("Took part (enrolled, completed or left)")),
            *Enrolment.Status.choices,
        ]
        self.fields["improved"].choices = [("", _("Any levels")), (self.YES, _("Improved by at least one CEFR level"))]
        add_centre_filter(self, user)
        add_demographic_filters(self)

    def filter(self, enrolments):
        if not self.is_bound:
            return enrolments
        if not self.is_valid():
            return enrolments.none()
        data = self.cleaned_data
        if data["groups"] == self.ENDED:
            enrolments = self.days(enrolments, "group__end_date")
        else:
            enrolments = self.overlapping(enrolments, "group__start_date", "group__end_date")
        centre = chosen_centre(self)
        if centre is not None:
            enrolments = enrolments.filter(group__centre=centre)
        if data["kind"]:
            enrolments = enrolments.filter(group__course__kind=data["kind"])
        if data["course"]:
            enrolments = enrolments.filter(group__course=data["course"])
        if data["status"] == self.TOOK_PART:
            enrolments = enrolments.filter(status__in=Enrolment.TOOK_PART)
        elif data["status"]:
            enrolments = enrolments.filter(status=data["status"])
        if data["improved"] == self.YES:
            enrolments = enrolments.improved()
        return filter_demographics(self, enrolments)
