"""One question per page, a check-your-answers page and a confirmation; Back and reload always work.

A `Wizard` is a list of steps, each a small form. What the visitor has answered so far is one
state, encrypted and authenticated (AES-GCM under a key derived from SECRET_KEY) and valid for a
limited time (`max_age`). It travels in a hidden field of every page, and a copy is kept in the
visitor's session under the wizard's name and a random instance id (two tabs are two instances):

- every POST answers one step and is answered with a redirect to a GET page of the same instance
  (`?w=<instance>&step=<name>`; post/redirect/get), also when the answer has errors (the page
  shows them again from the stored answer). So the browser's Back button and reload always show
  a page, never "Confirm form resubmission", and never lose an answer;
- the session holds only the sealed state, never a readable answer: a dump of the database or of
  the session table without SECRET_KEY reveals nothing, and a tampered or expired state is
  refused with a clear message, never a server error;
- it works with JavaScript off.

Every step is validated when answered and all steps again before `done()`; each carried answer
is cleaned once per request (`validated`). The final POST carries a random submission key;
`done()` must create at most one record per key, so a double-clicked "Send" makes one record.

After sending, the answers are forgotten. What `done()` returns with `self.sent(response)` (a
receipt, a private link) or as a redirect is kept, sealed, in the session for `sent_max_age`
(30 minutes): reloading it, or going Back to the wizard, shows it again and never sends again.
After that it is gone (`includes/wizard_sent_gone.html` says so).

Subclass, list `steps`, set `template_name`/`check_template_name`, implement `done()`:

    class BookingWizard(Wizard):
        name = "booking"
        steps = [Step("centre", CentreForm, _("Which centre?")), ...]

        def done(self, request, data, submission_key): ...  # a redirect, or self.sent(render(...))
"""

import base64
import json
import os
import secrets
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django import forms
from django.db import models
from django.http import Http404, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from integra.core.answers import display_answer
from integra.core.crypto import derive_key

STATE_FIELD = "wizard_state"
CHECK = "check"
SENT = "sent"
SESSION_KEY = "integra.wizards"  # {"<wizard name>:<instance>": {"s": sealed state | "p": sealed sent page, "t": time}}
KEEP_INSTANCES = 8  # per session: older instances are dropped first
KEPT_HEADERS = ("Content-Type", "Referrer-Policy", "X-Robots-Tag")


@dataclass(frozen=True)
class Step:
    name: str
    form_class: type[forms.Form]
    title: str
    condition: object = None  # callable(data) -> bool: skip the step when it returns False

    def applies(self, data: dict) -> bool:
        return self.condition is None or bool(self.condition(data))


class StateError(Exception):
    pass


def seal(payload: dict, purpose: str) -> str:
    nonce = os.urandom(12)
    body = json.dumps(payload, separators=(",", ":")).encode()
    sealed = AESGCM(derive_key(purpose)).encrypt(nonce, body, purpose.encode())
    return base64.urlsafe_b64encode(nonce + sealed).decode()


def unseal(token: str, purpose: str, max_age: int) -> dict:
    try:
        raw = base64.urlsafe_b64decode(token.encode())
        body = AESGCM(derive_key(purpose)).decrypt(raw[:12], raw[12:], purpose.encode())
        payload = json.loads(body)
    except Exception as error:  # noqa: BLE001 - any malformed state is the same refusal
        raise StateError from error
    if not isinstance(payload, dict) or time.time() - payload.get("t", 0) > max_age:
        raise StateError
    return payload


def raw_values(form: forms.Form) -> dict:
    """What the visitor typed for this form's fields, as JSON-friendly strings and lists."""
    values = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if isinstance(field.widget, forms.SelectMultiple | forms.CheckboxSelectMultiple):
            values[name] = form.data.getlist(key)
        elif key in form.data:
            values[name] = form.data.get(key)
    return values


class Wizard(ABC):
    name = "wizard"
    steps: list[Step] = []
    template_name = "includes/wizard_step.html"
    check_template_name = "includes/wizard_check.html"
    max_age = 4 * 3600  # a visitor has four hours to finish
    sent_max_age = 30 * 60  # the receipt or private link can be shown again for 30 minutes
    gone_template_name = "includes/wizard_sent_gone.html"
    instance = ""

    # -- to implement -----------------------------------------------------------------
    @abstractmethod
    def done(self, request, data: dict, submission_key: str):
        """Create the record (at most one per submission_key) and return a redirect."""

    def form_kwargs(self, request, step: Step, data: dict) -> dict:
        """Extra keyword arguments for a step's form (e.g. the centre chosen earlier)."""
        return {}

    def extra_context(self, request, data: dict) -> dict:
        return {}

    # -- the flow -----------------------------------------------------------------------
    @classmethod
    def as_view(cls):
        def view(request, *args, **kwargs):
            response = cls().dispatch(request, *args, **kwargs)
            add_never_cache_headers(response)  # answers are private; Back fetches the GET page again
            return response

        view.__name__ = cls.__name__
        return view

    def active_steps(self, answers: dict) -> list[Step]:
        cleaned = self.cleaned(answers, stop_at_error=True)
        return [step for step in self.steps if step.applies(cleaned)]

    def step_by_name(self, name: str) -> Step:
        for step in self.steps:
            if step.name == name:
                return step
        raise Http404

    def build_form(self, request, step: Step, answers: dict, data=None):
        cleaned = self.cleaned(answers, stop_at_error=True)
        kwargs = self.form_kwargs(request, step, cleaned)
        if data is not None:
            return step.form_class(data, prefix=step.name, **kwargs)
        initial = answers.get(step.name, {})
        return step.form_class(initial=initial, prefix=step.name, **kwargs)

    def validated(self, answers: dict) -> tuple[list[tuple[Step, object, dict]], dict]:
        """Every step validated once per request: ([(step, bound form or None, data before it) …], data).

        A step's form depends only on its own answer and the steps before it, so each bound form
        is kept (on this wizard instance, a new one per request) under the answers up to and
        including its step: when the visitor's new answer for one step is added, the steps before
        it are not validated again. The number of queries of a request therefore does not grow
        with the number of steps answered: each carried answer is cleaned once.
        """
        cache = self.__dict__.setdefault("_validated", {})
        passed, data, prefix = [], {}, []
        for step in self.steps:
            if step.name not in answers or not step.applies(data):
                passed.append((step, None, dict(data)))
                continue
            prefix.append([step.name, answers[step.name]])
            signature = json.dumps(prefix, sort_keys=True, default=str)
            if signature not in cache:
                cache[signature] = self._rebind(step, answers[step.name], data)
            bound = cache[signature]
            passed.append((step, bound, dict(data)))
            if bound.is_valid():
                data.update(bound.cleaned_data)
        return passed, data

    def remember(self, step: Step, form, answers: dict) -> None:
        """The visitor's just-validated form for `step` stands for its carried answer in this request.

        It was built from the same earlier answers and validated at least as strictly (with the
        request), so validating the carried copy again would only repeat its queries.
        """
        names = [s.name for s in self.steps]
        earlier = {name: answers[name] for name in names[: names.index(step.name)] if name in answers}
        passed, data = self.validated(earlier)
        answered = [(s, bound) for s, bound, _before in passed if bound is not None]
        if not step.applies(data) or not form.is_valid() or not all(bound.is_valid() for _s, bound in answered):
            return
        prefix = [[s.name, answers[s.name]] for s, _bound in answered] + [[step.name, answers[step.name]]]
        self.__dict__.setdefault("_validated", {})[json.dumps(prefix, sort_keys=True, default=str)] = form

    def cleaned(self, answers: dict, stop_at_error: bool = False) -> dict:
        """Validate every answered step in order; the cleaned values of all of them, flat."""
        passed, data = self.validated(answers)
        if stop_at_error:
            for _step, bound, before in passed:
                if bound is not None and not bound.is_valid():
                    return before
        return data

    @staticmethod
    def _query(step: Step, values: dict) -> QueryDict:
        """A stored answer as the POST data its form was bound to."""
        query = QueryDict(mutable=True)
        for key, value in values.items():
            if isinstance(value, list):
                query.setlist(f"{step.name}-{key}", value)
            else:
                query[f"{step.name}-{key}"] = value
        return query

    def _rebind(self, step: Step, values: dict, data: dict):
        return step.form_class(self._query(step, values), prefix=step.name, **self.form_kwargs(None, step, data))

    def first_unanswered(self, answers: dict) -> str:
        passed, _data = self.validated(answers)
        for step, bound, before in passed:
            if not step.applies(before):
                continue
            if bound is None or not bound.is_valid():
                return step.name
        return CHECK

    # -- the session copy of the state ----------------------------------------------------------
    def _entry_key(self, instance: str) -> str:
        return f"{self.name}:{instance}"

    def _entry(self, request, instance: str) -> dict:
        return dict(request.session.get(SESSION_KEY, {}).get(self._entry_key(instance), {})) if instance else {}

    def _store(self, request, instance: str, **entry) -> None:
        now = time.time()
        keep = max(self.max_age, self.sent_max_age)
        entries = {k: v for k, v in request.session.get(SESSION_KEY, {}).items() if now - v.get("t", 0) <= keep}
        entries.pop(self._entry_key(instance), None)
        entries[self._entry_key(instance)] = {**entry, "t": now}
        newest = sorted(entries.items(), key=lambda item: item[1]["t"])[-KEEP_INSTANCES:]
        request.session[SESSION_KEY] = dict(newest)

    def _step_url(self, request, step: str, to_check: bool = False) -> str:
        query = {"w": self.instance, "step": step} | ({"change": "1"} if to_check else {})
        return f"{request.path}?{urlencode(query)}"

    def _go(self, request, answers: dict, key: str, step: str, to_check=False, show_errors=False):
        """Keep the state in the session and send the browser to the GET page of `step` (303)."""
        state = {"a": answers, "k": key, "i": self.instance, "t": time.time()} | ({"e": step} if show_errors else {})
        self._store(request, self.instance, s=seal(state, f"wizard:{self.name}"))
        return HttpResponseRedirect(self._step_url(request, step, to_check), status=303)

    def sent(self, response):
        """Mark done()'s page (a receipt, a private link) as the one to show again on reload."""
        response.wizard_sent = True
        return response

    def _keep_sent(self, request, response):
        if response.status_code in (301, 302, 303):
            page = {"r": response["Location"]}
        elif getattr(response, "wizard_sent", False):
            page = {"c": response.content.decode(), "h": {h: response[h] for h in KEPT_HEADERS if h in response}}
        else:
            return response  # an error page (rate limit, slot taken): the answers stay
        self._store(request, self.instance, p=seal(page | {"t": time.time()}, f"wizard:{self.name}:sent"))
        if "r" in page:
            return response
        return HttpResponseRedirect(self._step_url(request, SENT), status=303)

    def _gone(self, request):
        return render(request, self.gone_template_name, {"wizard": self, "start": request.path}, status=410)

    def _show_sent(self, request, entry: dict):
        try:
            page = unseal(entry["p"], f"wizard:{self.name}:sent", self.sent_max_age)
        except StateError:
            return self._gone(request)
        if "r" in page:
            return HttpResponseRedirect(page["r"])
        response = HttpResponse(page["c"])
        for header, value in page.get("h", {}).items():
            response[header] = value
        return response

    def _state(self, token: str) -> tuple[dict, str, dict]:
        state = unseal(token, f"wizard:{self.name}", self.max_age)
        return state.get("a", {}), state.get("k") or secrets.token_urlsafe(16), state

    # -- the flow ----------------------------------------------------------------------------------
    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            return self.post(request)
        return self.get(request)

    def get(self, request):
        expired = _("Your answers have expired or could not be read. Please start again.")
        self.instance = request.GET.get("w", "")[:40]
        entry = self._entry(request, self.instance)
        if "p" in entry:
            return self._show_sent(request, entry)
        if self.instance and request.GET.get("step") == SENT:  # sent longer ago than sent_max_age
            return self._gone(request)
        if "s" not in entry:  # a new visit, or an instance this session does not hold (any more)
            error = expired if self.instance else None
            self.instance = secrets.token_urlsafe(9)
            return self.render_step(request, self.steps[0], {}, secrets.token_urlsafe(16), error=error)
        try:
            answers, key, state = self._state(entry["s"])
        except StateError:
            self.instance = secrets.token_urlsafe(9)
            return self.render_step(request, self.steps[0], {}, secrets.token_urlsafe(16), error=expired)
        first_open = self.first_unanswered(answers)
        active = [s.name for s in self.active_steps(answers)]
        wanted = request.GET.get("step", "")
        to_check = request.GET.get("change") == "1"
        if wanted == CHECK and first_open == CHECK:
            return self.render_check(request, answers, key)
        later = first_open in active and wanted in active and active.index(wanted) > active.index(first_open)
        if wanted not in active or later:
            wanted = first_open  # not a step of this journey, or one after the first open question
            if wanted == CHECK:
                return self.render_check(request, answers, key)
        step = self.step_by_name(wanted)
        form = None
        if state.get("e") == step.name and step.name in answers:  # the answer had errors: show them again
            form = self.build_form(request, step, answers, data=self._query(step, answers[step.name]))
            form.is_valid()
        return self.render_step(request, step, answers, key, form=form, to_check=to_check)

    def post(self, request):
        answers, key, error = {}, secrets.token_urlsafe(16), None
        try:
            answers, key, state = self._state(request.POST.get(STATE_FIELD, ""))
            self.instance = str(state.get("i") or "")[:40] or secrets.token_urlsafe(9)
        except StateError:
            error = _("Your answers have expired or could not be read. Please start again.")
        if error:
            self.instance = secrets.token_urlsafe(9)
            return self.render_step(request, self.steps[0], {}, key, error=error)
        entry = self._entry(request, self.instance)
        if "p" in entry:  # already sent from this instance (a second click, or Send again after Back)
            return self._show_sent(request, entry)
        if "s" in entry:  # the session's copy is the newest (a page shown from the history may be older)
            try:
                answers, key, _state = self._state(entry["s"])
            except StateError:
                pass

        current = request.POST.get("wizard_step", "")
        if "wizard_goto" in request.POST:
            target = request.POST["wizard_goto"]
            if target == CHECK:
                return self._go(request, answers, key, CHECK)
            return self._go(request, answers, key, self.step_by_name(target).name, to_check=True)
        if current == CHECK:
            first_open = self.first_unanswered(answers)
            if first_open != CHECK:
                return self._go(request, answers, key, first_open)
            return self._keep_sent(request, self.done(request, self.cleaned(answers), key))

        step = self.step_by_name(current)
        form = self.build_form(request, step, answers, data=request.POST)
        answers[step.name] = raw_values(form)  # keep what was typed, even if not yet valid
        to_check = "wizard_to_check" in request.POST
        if "wizard_back" in request.POST:
            return self._go(request, answers, key, self.previous(step, answers).name)
        if not form.is_valid():
            return self._go(request, answers, key, step.name, to_check=to_check, show_errors=True)
        self.remember(step, form, answers)
        following = self.following(step, answers)
        if following is None or (to_check and self.first_unanswered(answers) == CHECK):
            return self._go(request, answers, key, CHECK)
        return self._go(request, answers, key, following.name)

    def following(self, step: Step, answers: dict) -> Step | None:
        active = self.active_steps(answers)
        names = [s.name for s in active]
        index = names.index(step.name) if step.name in names else -1
        return active[index + 1] if index + 1 < len(active) else None

    def previous(self, step: Step, answers: dict) -> Step:
        active = self.active_steps(answers)
        names = [s.name for s in active]
        index = names.index(step.name) if step.name in names else 0
        return active[max(index - 1, 0)]

    def state_token(self, answers: dict, key: str) -> str:
        return seal({"a": answers, "k": key, "i": self.instance, "t": time.time()}, f"wizard:{self.name}")

    def _context(self, request, answers, key):
        active = self.active_steps(answers)
        return {
            "wizard": self,
            "state": self.state_token(answers, key),
            "state_field": STATE_FIELD,
            "step_count": len(active),
            **self.extra_context(request, self.cleaned(answers, stop_at_error=True)),
        }

    def render_step(self, request, step: Step, answers: dict, key: str, form=None, error=None, to_check=False):
        form = form or self.build_form(request, step, answers)
        active = [s.name for s in self.active_steps(answers)]
        context = self._context(request, answers, key) | {
            "step": step,
            "form": form,
            "step_number": active.index(step.name) + 1 if step.name in active else 1,
            "is_first": step.name == self.steps[0].name,
            "state_error": error,
            "to_check": to_check,
        }
        return render(request, self.template_name, context, status=200)

    def summary(self, request, answers: dict) -> list[tuple[Step, list[tuple[str, str]]]]:
        """[(step, [(label, shown value) …]) …] for the check-your-answers page."""
        rows = []
        passed, _data = self.validated(answers)
        for step, bound, _before in passed:
            if bound is None:
                continue
            cleaned = getattr(bound, "cleaned_data", {}) if bound.is_valid() or hasattr(bound, "cleaned_data") else {}
            shown = []
            for name, field in bound.fields.items():
                if isinstance(field.widget, forms.HiddenInput):
                    continue
                shown.append((field.label, self.display_value(field, cleaned.get(name))))
            rows.append((step, shown))
        return rows

    def display_value(self, field, value) -> str:
        """The answer as shown on the check page (dates in words, phone numbers isolated): core.answers."""
        if isinstance(field, forms.ModelChoiceField) and isinstance(value, models.Model):
            return str(value)  # the chosen object itself: listing the field's choices would query again
        return display_answer(field, value)

    def render_check(self, request, answers: dict, key: str):
        context = self._context(request, answers, key) | {"summary": self.summary(request, answers), "step": None}
        return render(request, self.check_template_name, context)
