from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from integra.centres.models import WEEKDAYS, Centre, Institution, Service
from integra.core.languages import SPOKEN_LANGUAGES, endonym
from integra.topics.models import Topic


class CentreForm(forms.ModelForm):
    phone = PhoneNumberField(
        label=_("Phone"), required=False, help_text=_("With the country code, for example +359 2 939 47 47.")
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=list(SPOKEN_LANGUAGES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    services = forms.ModelMultipleChoiceField(
        label=_("Services"),
        queryset=Service.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Centre
        fields = ["phone", "email", "languages", "services"]
        labels = {"email": _("E-mail")}

    TRANSPORT_MAX_LENGTH = 300

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Nearest public transport, one box per interface language; shown on the centre's public page.
        current = (self.instance.transport or {}) if self.instance else {}
        for position, (code, _name) in enumerate(settings.LANGUAGES):
            self.fields[f"transport_{code}"] = forms.CharField(
                label=_("Nearest public transport – %(language)s") % {"language": endonym(code)},
                required=False,
                max_length=self.TRANSPORT_MAX_LENGTH,
                initial=current.get(code, ""),
                help_text=(
                    _(
                        "Stops and lines near the centre, as a visitor should read them, for example: "
                        "Tram 20, stop Gogol, 200 m. Leave a language empty to show the English text there."
                    )
                    if position == 0
                    else ""
                ),
                widget=forms.Textarea(
                    attrs={"rows": 2, "lang": code, "dir": "rtl" if code in settings.LANGUAGES_BIDI else "ltr"}
                ),
            )

    def transport(self) -> dict[str, str]:
        """The cleaned transport texts as {language: text}, empty languages left out."""
        return {
            code: self.cleaned_data[f"transport_{code}"].strip()
            for code, _name in settings.LANGUAGES
            if self.cleaned_data.get(f"transport_{code}", "").strip()
        }


class OpeningHoursForm(forms.Form):
    weekday = forms.TypedChoiceField(label=_("Day"), choices=WEEKDAYS, coerce=int)
    opens = forms.TimeField(label=_("Opens"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    closes = forms.TimeField(label=_("Closes"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))

    def clean(self):
        data = super().clean()
        if data.get("opens") and data.get("closes") and data["closes"] <= data["opens"]:
            raise ValidationError(_("The closing time must be after the opening time."))
        return data


class BaseOpeningHoursFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        spans = sorted(
            (form.cleaned_data["weekday"], form.cleaned_data["opens"], form.cleaned_data["closes"])
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        )
        for (day_a, _open_a, close_a), (day_b, open_b, _close_b) in zip(spans, spans[1:], strict=False):
            if day_a == day_b and open_b < close_a:
                raise ValidationError(_("Opening hours on the same day must not overlap."))

    def hours(self) -> list[tuple]:
        return [
            (form.cleaned_data["weekday"], form.cleaned_data["opens"], form.cleaned_data["closes"])
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


OpeningHoursFormSet = forms.formset_factory(
    OpeningHoursForm, formset=BaseOpeningHoursFormSet, extra=2, can_delete=True, max_num=21, validate_max=True
)


class InstitutionFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *Institution.Kind.choices])
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Topic.objects.active(),
        empty_label=_("All topics"),
        to_field_name="slug",
    )


def add_centre_filter(form: forms.Form, user) -> None:
    """A "centre" select (sent by GET) on a back-office list for users who see every centre (coordinators,
    administrators): the list then shows one centre. Others see only their own centres and get no select,
    so the page costs them no query for it — unless the address names a centre (a figure's link does) and they
    work for several: then the select offers their own centres, so that the list shows the one centre the
    figure counted. An unknown slug is an error shown next to the select."""
    if user.is_network_wide:
        centres, everything = Centre.objects.all(), _("All centres")
    elif form.is_bound and form.data.get("centre") and len(user.centre_slugs) > 1:
        centres, everything = Centre.objects.for_user(user), _("All my centres")
    else:
        return
    form.fields["centre"] = forms.ModelChoiceField(
        label=_("Centre"), queryset=centres.order_by("slug"), required=False, to_field_name="slug",
        empty_label=everything,
    )  # fmt: skip


def chosen_centre(form: forms.Form):
    """The centre chosen on a form that add_centre_filter gave a select, or None (all the user's centres)."""
    if "centre" not in form.fields or not form.is_bound or not form.is_valid():
        return None
    return form.cleaned_data.get("centre")


class CentreFilterForm(forms.Form):
    """The centre select alone, for a list that has no other filter (bookings, follow-ups, call-backs, …)."""

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data if data and "centre" in data else None, **kwargs)
        add_centre_filter(self, user)

    @property
    def shown(self) -> bool:
        return "centre" in self.fields

    def filter(self, queryset, lookup: str = "centre"):
        centre = chosen_centre(self)
        return queryset.filter(**{lookup: centre}) if centre is not None else queryset
