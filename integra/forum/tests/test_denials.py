"""Every back-office URL: anonymous visitors go to the login page, the wrong role gets 403."""

import pytest

from integra.forum.tests.helpers import make_question
from tests.base import CENTRES, NETWORK, PER_CENTRE, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls(staff):
    question = make_question(answered_by=staff["consultant.sofia"])
    answer = question.answers.get()
    return {
        "moderation": ("get", "/en/staff/forum/moderation/", {"moderator"}),
        "moderate": ("get", f"/en/staff/forum/moderation/{question.pk}/", {"moderator"}),
        "moderate_post": ("post", f"/en/staff/forum/moderation/{question.pk}/", {"moderator"}),
        "unanswered": ("get", "/en/staff/forum/unanswered/", {"moderator", "consultant.sofia", "coordinator"}),
        "question": (
            "get",
            f"/en/staff/forum/questions/{question.pk}/",
            {"moderator", "consultant.sofia", "coordinator"},
        ),
        "accept": ("post", f"/en/staff/forum/questions/{question.pk}/accept/{answer.pk}/", {"moderator"}),
        "article": (
            "post",
            f"/en/staff/forum/questions/{question.pk}/article/{answer.pk}/",
            {"coordinator", "moderator"},
        ),
        "figures": ("get", "/en/staff/forum/figures/", {"moderator", "coordinator"}),
        "referred": ("get", "/en/staff/forum/referred/", {"moderator", "consultant.sofia", "coordinator"}),
    }


ROUTES = [
    "moderation",
    "moderate",
    "moderate_post",
    "unanswered",
    "question",
    "accept",
    "article",
    "figures",
    "referred",
]
EVERY_USER = [f"{prefix}.{centre}" for prefix in PER_CENTRE for centre in CENTRES] + list(NETWORK) + ["member"]
ALL_CONSULTANTS = {f"consultant.{centre}" for centre in CENTRES}


@pytest.mark.parametrize("route", ROUTES)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, urls, route):
    method, url, _allowed = urls[route]
    response = getattr(client, method)(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("route", ROUTES)
def test_every_user_without_the_role_gets_403_and_every_user_with_it_gets_in(client, staff, urls, route):
    method, url, allowed = urls[route]
    if "consultant.sofia" in allowed:
        allowed = allowed | ALL_CONSULTANTS
    for name in EVERY_USER:
        signed_in(client, staff[name])
        response = getattr(client, method)(url, {"action": "save"} if method == "post" else {})
        expected = (200, 302) if name in allowed else (403,)
        assert response.status_code in expected, (name, response.status_code)
        client.logout()


def test_an_expert_cannot_moderate_or_see_figures(client, expert):
    signed_in(client, expert)
    assert client.get("/en/staff/forum/moderation/").status_code == 403
    assert client.get("/en/staff/forum/figures/").status_code == 403
    assert client.get("/en/staff/forum/unanswered/").status_code == 200


def test_an_expert_cannot_open_a_question_that_is_not_published(client, expert):
    question = make_question(published=False)
    signed_in(client, expert)
    assert client.get(f"/en/staff/forum/questions/{question.pk}/").status_code == 404
