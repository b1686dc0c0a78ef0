from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from integra.accounts import throttle
from integra.accounts.models import User
from integra.core.languages import endonym


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("The username, e-mail or password is not right. Check them and try again."),
        "inactive": _("This account is not active."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Username or e-mail")

    def clean(self):
        username = self.cleaned_data.get("username")
        if username:
            wait = throttle.seconds_to_wait(username)
            if wait:
                # Checked before the password: a guess made too early is not tried at all.
                raise ValidationError(
                    _("Too many wrong passwords for this account. Wait %(seconds)s seconds and try again."),
                    code="throttled",
                    params={"seconds": wait},
                )
        return super().clean()


class MemberSignupForm(forms.Form):
    """A member signs up with their e-mail address; there is no username to choose (so sign-up can
    never confirm that a staff username, or any account, exists)."""

    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_(
            "We send a link to this address. Follow it to choose your password. You sign in with this address."
        ),
    )


class MemberPasswordForm(forms.Form):
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters. A few words you can remember work well."),
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif p1:
            try:
                password_validation.validate_password(p1, self.user)
            except ValidationError as error:
                self.add_error("password1", error)
        return data


class TokenForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        min_length=6,
        max_length=6,
        help_text=_("Six digits. A code can be used only once."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}),
    )

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"].strip().replace(" ", "")
        if not token.isdigit():
            raise ValidationError(_("Enter the six digits shown in your authenticator app."))
        return token


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("What the token is for"), max_length=100)


class ClaimStartForm(forms.Form):
    """The phone or e-mail a member says they used without an account (issue 17)."""

    target = forms.CharField(
        label=_("Phone number or e-mail address"),
        max_length=254,
        help_text=_(
            "The one you gave when you booked, asked a question, enrolled, registered or asked for a call-back. "
            "A phone number from outside Bulgaria starts with + and the country code."
        ),
    )

    def clean_target(self):
        from integra.accounts.claims import target_parse

        target = target_parse(self.cleaned_data["target"])
        if target is None:
            raise ValidationError(
                _("Enter a phone number, like 0888 123 456 or +359 888 123 456, or an e-mail address."),
                code="invalid",
            )
        return target


class ClaimCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=12,
        help_text=_("The 6 digits in the message we sent you."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class PreferencesForm(forms.ModelForm):
    """How a member wants to hear about their bookings and questions, and in which language."""

    preferred_language = forms.ChoiceField(label=_("Language"), choices=())

    class Meta:
        model = User
        fields = ["notify_by", "preferred_language"]
        widgets = {"notify_by": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].choices = [(code, endonym(code)) for code, _name in settings.LANGUAGES]
        self.fields["notify_by"].help_text = _(
            "Reminders of your bookings and news of answers to your questions. With no messages, look at this page."
        )

    def clean_notify_by(self):
        value = self.cleaned_data["notify_by"]
        if value == User.Notify.SMS and not self.instance.phone:
            raise ValidationError(
                _("To get text messages, first confirm your phone number with a code (below, under “Add records”)."),
                code="no_phone",
            )
        if value == User.Notify.EMAIL and not self.instance.email:
            raise ValidationError(_("Your account has no e-mail address. Choose another way."), code="no_email")
        return value
