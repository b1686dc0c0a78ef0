"""Issue 11, item 17: the back office shows a link only to people whose role can open it.

Each role signs in, walks the back office from its start page following every same-site link
(three clicks deep, on pages with content: articles, translations, materials, consultations,
client files, questions), and not one link may answer 403. A link that 403s is a dead end:
the template must guard it with the permission its view declares.
"""

import re
from collections import Counter
from html import unescape
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from integra.accounts import roles
from tests.base import make_user, signed_in

HREF = re.compile(r'<a\b[^>]*\bhref="([^"]+)"')
# Pages that answer with a file, or that sign out, are not pages to walk.
NOT_PAGES = ("/accounts/logout", ".ics", ".pdf", ".csv", ".xlsx", ".zip", "/export")


@pytest.fixture
def content(dead_ends_content, staff):
    """The staff, with the demo's articles, client files, consultations and questions (conftest.py)."""
    return staff


def links(body: str) -> list[str]:
    found = []
    for href in HREF.findall(body):
        url = urldefrag(unescape(href)).url
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not url.startswith("/"):
            continue  # another site, tel:, mailto:
        if any(marker in parts.path for marker in NOT_PAGES):
            continue
        found.append(url)
    return found


def kind(url: str) -> str:
    """The URL's view: a list of 50 consultations is walked through three of them, not fifty."""
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return url


def walk(client: Client, start: str, depth: int = 3, per_kind: int = 3) -> dict[str, list[str]]:
    """{url that answered 403: [pages linking to it]} for every link reachable from start
    (at most per_kind links to the same view are followed: the others are guarded by the same template)."""
    seen, forbidden, frontier, kinds = {start}, {}, [(start, None)], Counter()
    for _level in range(depth + 1):
        following = []
        for url, origin in frontier:
            response = client.get(url)
            if response.status_code == 403:
                forbidden.setdefault(url, []).append(origin)
                continue
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            if not urlsplit(url).path.startswith("/en/staff/"):
                continue  # public pages are open to everyone; their links are not the back office's
            for link in links(response.content.decode()):
                if link in seen:
                    if link in forbidden:
                        forbidden[link].append(url)
                    continue
                seen.add(link)
                kinds[kind(link)] += 1
                if kinds[kind(link)] > per_kind:
                    continue
                following.append((link, url))
        frontier = following
    return forbidden


ROLES = ["consultant.sofia", "manager.sofia", "trainer.sofia", "mediator.sofia", "coordinator", "moderator"]


@pytest.mark.parametrize("name", ROLES)
def test_no_back_office_link_answers_403_to_the_role_that_sees_it(client, content, name):
    signed_in(client, content[name])
    assert walk(client, "/en/staff/") == {}


@pytest.mark.parametrize("role", [roles.TRANSLATOR, roles.EDITOR])
def test_translators_and_editors_see_no_link_they_cannot_open(client, content, role):
    user = make_user(f"{role}.walker", role)
    signed_in(client, user)
    assert walk(client, "/en/staff/") == {}


def test_a_translator_sees_the_source_text_waiting_for_approval_without_a_link_to_edit_it(client, content):
    from integra.knowledge import services
    from integra.knowledge.models import Article

    article = Article.objects.get(slug="residence-permits")
    editor = content["coordinator"]
    source = services.translation_save(
        article=article, language=article.source_language, user=editor, title="Residence permits",
        summary="Changed summary", body="Changed body",
    )  # fmt: skip
    services.translation_submit(translation=source, user=editor)
    translator = make_user("translator.reviewer", roles.TRANSLATOR)
    signed_in(client, translator)
    queue = client.get("/en/staff/knowledge/review/").content.decode()
    assert "residence-permits · English" in queue
    assert f'href="/en/staff/knowledge/{article.pk}/en/"' not in queue
    assert client.get(f"/en/staff/knowledge/{article.pk}/en/").status_code == 403  # the guard matches the view
    detail = client.get(f"/en/staff/knowledge/{article.pk}/").content.decode()
    assert f'href="/en/staff/knowledge/{article.pk}/en/"' not in detail
    assert f'href="/en/staff/knowledge/{article.pk}/ar/"' in detail
