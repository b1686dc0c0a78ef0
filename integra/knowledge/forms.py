from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integra.centres.models import Centre, Place
from integra.knowledge.models import Article, ArticleTranslation, Material
from integra.topics.models import Topic

BODY_HELP = _(
    "Plain text: leave an empty line between paragraphs; start lines with “- ” for a list. "
    "Or HTML: p, h2, h3, ul, ol, li, a, strong, em, table. Anything else is removed when you save."
)


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class TranslationFields(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=400,
        required=False,
        help_text=_("One or two sentences shown in lists and search results."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    body = forms.CharField(
        label=_("Text"), help_text=BODY_HELP, max_length=100_000, widget=forms.Textarea(attrs={"rows": 20})
    )


class ArticleCreateForm(TranslationFields):
    field_order = ["slug", "topic", "source_language", "title", "summary", "body"]

    slug = forms.SlugField(
        label=_("Web address"),
        max_length=80,
        help_text=_("Lower-case letters, numbers and hyphens, for example health-insurance."),
    )
    topic = TopicChoiceField(label=_("Topic"), queryset=Topic.objects.active())
    source_language = forms.ChoiceField(
        label=_("Written in"),
        choices=settings.LANGUAGES,
        initial=settings.KNOWLEDGE_SOURCE_LANGUAGE,
        help_text=_("The other languages are translated from this one."),
    )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Article.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Another article already has this address. Choose another one."))
        return slug


class ArticleSettingsForm(forms.Form):
    topic = TopicChoiceField(label=_("Topic"), queryset=Topic.objects.active())
    position = forms.IntegerField(label=_("Position in the topic"), min_value=0, max_value=32767, initial=0)
    related = forms.ModelMultipleChoiceField(
        label=_("Related articles"),
        queryset=Article.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class TranslationForm(TranslationFields):
    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("What needs to change"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        label=_("Was this page helpful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    comment = forms.CharField(
        label=_("What could we improve?"),
        required=False,
        max_length=1000,
        help_text=_("Please do not write your name, phone number or other personal details."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the information pages"), required=False, max_length=1000, strip=True)

    def query(self) -> str:
        # A query that is too long is cut, not refused: the visitor still gets an answer.
        return (self.data.get("q") or "")[:1000]


class ArticleFilterForm(forms.Form):
    topic = TopicChoiceField(label=_("Topic"), queryset=Topic.objects.all(), required=False)
    language = forms.ChoiceField(label=_("Language"), choices=[("", "—"), *settings.LANGUAGES], required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", "—"), *ArticleTranslation.Status.choices], required=False
    )


class MaterialForm(forms.ModelForm):
    class Meta:
        model = Material
        fields = ["title", "kind", "language", "edition", "print_run", "printed_on", "article"]
        widgets = {"printed_on": forms.DateInput(attrs={"type": "date"})}


class DeliveryForm(forms.Form):
    centre = forms.ModelChoiceField(label=_("Centre"), queryset=Centre.objects.none())
    quantity = forms.IntegerField(label=_("Copies"), min_value=1, max_value=1_000_000)
    delivered_on = forms.DateField(
        label=_("Date"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = Centre.objects.for_user(user).active()


class DistributionForm(forms.Form):
    material = forms.ModelChoiceField(label=_("Material"), queryset=Material.objects.all())
    centre = forms.ModelChoiceField(label=_("From the stock of"), queryset=Centre.objects.none())
    distributed_on = forms.DateField(
        label=_("Date"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )
    place = forms.ModelChoiceField(
        label=_("Outreach place"),
        queryset=Place.objects.all(),
        required=False,
        help_text=_("Leave empty when the copies were handed out at the centre."),
    )
    organisation = forms.CharField(
        label=_("Event or community organisation"),
        max_length=200,
        required=False,
        help_text=_("For example an information day, a school or a community association."),
    )
    quantity = forms.IntegerField(label=_("Copies"), min_value=1, max_value=1_000_000)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = Centre.objects.for_user(user).active()

    def clean_distributed_on(self):
        day = self.cleaned_data["distributed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day
