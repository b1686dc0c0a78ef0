"""Every public page in all seven languages, and the back office in English and Arabic, is valid HTML:
the W3C Nu validator (npm's vnu-jar, run by Debian's Java) reports no error (issue 11 items 11 and 18).

The pages are fetched through Django's test client with the demo data loaded, written to files, and
checked by one validator run per test (starting Java once keeps it fast).
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import LocalePrefixPattern, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from integra.accounts.demo import DEMO_PASSWORD
from integra.accounts.models import User
from integra.centres.models import Centre
from integra.core.permissions import PUBLIC, declaration
from integra.courses.models import Certificate, Group
from integra.events.models import Event
from integra.forum.models import Question
from integra.knowledge.models import Article
from tests.base import signed_in

ROOT = Path(__file__).resolve().parents[1]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LANGUAGES = ["bg", "en", "ar", "fa", "ru", "uk", "tr"]

# Public routes without parameters that are not pages: data for scripts, calendar files, actions.
NOT_PAGES = {
    "questions/similar/",  # JSON for the ask form's script
    "book/confirmation/consultation.ics",
    "book/change/booking/cancel/",  # actions: POST only
    "book/change/booking/reschedule/",
}
# Pages shown only after sending a form in the same session: without one, our own "not found" page (validated too).
AFTER_SENDING = {"book/confirmation/", "questions/private/"}

# A representative back-office day: (user, URL name, its arguments).
STAFF_PAGES = [
    ("consultant.sofia", "staff:dashboard", ()),
    ("consultant.sofia", "staff:today", ()),  # the landing page: bookings, follow-ups, questions, call-backs
    ("coordinator", "consultations_staff:appointments", ()),  # with the centre select
    ("coordinator", "hotline_staff:call_backs", ()),
    ("coordinator", "forum_staff:referred", ()),
    ("consultant.sofia", "consultations_staff:list", ()),
    ("consultant.sofia", "consultations_staff:create", ()),
    ("consultant.sofia", "consultations_staff:follow_ups", ()),
    ("consultant.sofia", "clients_staff:list", ()),
    ("consultant.sofia", "clients_staff:create", ()),
    ("consultant.sofia", "hotline_staff:log", ()),
    ("moderator", "forum_staff:moderation", ()),
    ("coordinator", "knowledge_staff:articles", ()),
    ("translator", "knowledge_staff:work", ()),  # the outdated translations, each with what changed
    ("translator", "knowledge_staff:translation", ("the-centres", "bg")),  # an outdated one: the diff box
    ("rights.officer", "violations_staff:list", ()),  # unlocked by the test first: the "Lock reports" form
    ("rights.officer", "violations_staff:statistics", ()),
    ("trainer.sofia", "courses_staff:list", ()),
    ("trainer.sofia", "courses_staff:detail", ("running group",)),  # learners, waiting list, desk form
    ("trainer.sofia", "courses_staff:register", ("running group",)),
    ("trainer.sofia", "courses_staff:session", ("running group", "a held session")),  # a form per learner
    ("manager.sofia", "courses_staff:figures", ()),  # tables by course, centre, nationality, gender, age band
    ("consultant.sofia", "courses_staff:enrol_from", ()),  # the group select and the desk's questions
    ("manager.sofia", "courses_staff:create", ()),  # a new group with its schedule
    ("coordinator", "courses_staff:course_create", ()),  # a course's texts in seven languages, RTL ones marked
    ("coordinator", "interpreting_staff:list", ()),
    ("coordinator", "courses_staff:enrolments", ()),  # the lists the figures link to, each with its filters
    ("coordinator", "hotline_staff:calls", ()),
    ("coordinator", "hotline_staff:call_back_list", ()),
    ("coordinator", "events_staff:list", ()),
    ("coordinator", "interpreting_staff:registry", ()),
]


def running_group() -> Group:
    today = timezone.localdate()
    return Group.objects.filter(centre__slug="sofia", start_date__lte=today, end_date__gte=today).order_by("pk").first()


def staff_page_args(name: str, args: tuple) -> tuple:
    """STAFF_PAGES' named arguments as the demo data's keys."""
    if name == "knowledge_staff:translation":
        return (Article.objects.get(slug=args[0]).pk, args[1])
    if args and args[0] == "running group":
        group = running_group()
        held = group.sessions.filter(cancelled=False, start__lte=timezone.now()).first()
        return (group.pk, held.pk)[: len(args)]
    return args


def public_routes() -> list[str]:
    """Every public page of the language-prefixed URL conf that needs no parameter, as a route."""
    routes = []
    stack = [(get_resolver(), "", False)]
    while stack:
        resolver, before, prefixed = stack.pop()
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                if isinstance(pattern.pattern, LocalePrefixPattern):
                    stack.append((pattern, before, True))
                else:
                    stack.append((pattern, before + str(pattern.pattern), prefixed))
            elif prefixed and isinstance(pattern, URLPattern) and declaration(pattern.callback) == PUBLIC:
                routes.append(before + str(pattern.pattern))
    return sorted(route for route in routes if "<" not in route and route not in NOT_PAGES)


def public_paths(lang: str) -> list[str]:
    """The public pages in one language: every page without parameters, and one of each kind with one."""
    question = Question.objects.published().order_by("pk").first()
    article = Article.objects.public().order_by("pk").first()
    topic = article.topic if article else None
    event = Event.objects.public().order_by("pk").first()
    assert question and article and topic and event, "the demo data has questions, articles, topics and events"
    open_group = next(g for g in Group.objects.public().order_by("pk") if g.enrolment_open())
    certificate = Certificate.objects.order_by("pk").first()
    with translation.override(lang):
        paths = [f"/{lang}/{route}" for route in public_routes()]
        paths += [reverse("centres:detail", args=[slug]) for slug in Centre.objects.values_list("slug", flat=True)]
        paths += [
            reverse("knowledge:topic", args=[topic.slug]),
            reverse("knowledge:article", args=[article.slug]),
            reverse("knowledge:search") + "?q=" + "visa",
            reverse("forum:detail", args=[question.pk]),
            reverse("events:event", args=[event.pk]),
            reverse("courses:group", args=[running_group().pk]),
            reverse("courses:enrol", args=[open_group.pk]),  # the first question
            reverse("courses:certificate", args=[certificate.code]),
        ]
    return paths


def validate(files: list[Path]) -> list[str]:
    """Run the Nu validator once over the files: one line per error."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        pytest.fail(f"The HTML validator needs Java and {VNU_JAR}: run `make test` (it installs both).")
    result = subprocess.run(  # noqa: S603 - our own files, a fixed command
        [java, "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{Path(message.get('url', '')).name}:{message.get('lastLine', '?')}: {message['message']}"
        f" — {message.get('extract', '').strip()[:160]!r}"
        for message in messages
        if message["type"] in ("error", "non-document-error") or message.get("subType") == "fatal"
    ]


def save(directory: Path, name: str, response) -> Path:
    file = directory / (re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-") + ".html")
    file.write_bytes(response.content)
    return file


def test_the_walk_finds_every_kind_of_public_page(demo_data):
    routes = public_routes()
    for route in ["", "centres/", "institutions/", "info/", "info/search/", "questions/", "questions/ask/"]:
        assert route in routes
    for route in ["book/", "book/start/", "report/", "call-back/", "accounts/login/", "accounts/signup/"]:
        assert route in routes
    assert len(public_paths("en")) >= 25


def test_every_public_page_is_valid_html_in_every_language(demo_data, client, tmp_path):
    files = []
    for lang in LANGUAGES:
        for path in public_paths(lang):
            response = client.get(path, follow=True)
            expected = 404 if path.removeprefix(f"/{lang}/") in AFTER_SENDING else 200
            assert response.status_code == expected, f"{path}: HTTP {response.status_code}"
            if response["Content-Type"].startswith("text/html"):
                files.append(save(tmp_path, path, response))
    assert len(files) >= 7 * 25
    errors = validate(files)
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)


def test_the_back_office_is_valid_html_in_english_and_arabic(demo_data, client, tmp_path):
    """As the demo's own staff (the same names as tests.base's), with the demo's rows in every list."""
    files = []
    for lang in ["en", "ar"]:
        for username, name, args in STAFF_PAGES:
            signed_in(client, User.objects.get(username=username))
            if name.startswith("violations_staff:"):
                unlocked = client.post(reverse("violations_staff:unlock"), {"password": DEMO_PASSWORD})
                assert unlocked.status_code == 302
            with translation.override(lang):
                path = reverse(name, args=staff_page_args(name, args))
            response = client.get(path)
            assert response.status_code == 200, f"{path} as {username}: HTTP {response.status_code}"
            files.append(save(tmp_path, path, response))
    errors = validate(files)
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)


def test_an_articles_language_alternates_are_absolute_urls(demo_data, client):
    article = Article.objects.public().order_by("pk").first()
    response = client.get(f"/ar/info/a/{article.slug}/")
    alternates = re.findall(r'<link rel="alternate" hreflang="([a-z]+)" href="([^"]+)">', response.content.decode())
    assert alternates, "the article names its other languages"
    for code, href in alternates:
        assert href == f"http://testserver/{code}/info/a/{article.slug}/"
