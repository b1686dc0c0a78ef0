"""Issue 11, item 17: our own 403 page, in the user's language and direction, with navigation and the way back."""

import pytest
from django.utils import translation

from tests.base import signed_in

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.mark.parametrize("lang,direction", [("en", "ltr"), ("ar", "rtl")])
def test_a_consultant_refused_a_page_gets_our_page_in_their_language(client, staff, lang, direction):
    signed_in(client, staff["consultant.sofia"])
    response = client.get(f"/{lang}/staff/hotline/figures/", headers={"referer": f"http://testserver/{lang}/staff/"})
    assert response.status_code == 403
    body = response.content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in body
    with translation.override(lang):
        assert translation.gettext("You cannot open this page") in body
        assert translation.gettext("Skip to main content") in body  # the site's layout and navigation
        assert translation.gettext("Back to the previous page") in body
    assert f'href="http://testserver/{lang}/staff/"' in body  # the way back
    assert f'href="/{lang}/staff/"' in body  # the back office
    assert f'href="/{lang}/"' in body  # the home page


def test_the_way_back_never_leads_to_another_site(client, staff):
    signed_in(client, staff["consultant.sofia"])
    response = client.get("/en/staff/hotline/figures/", headers={"referer": "https://evil.example/"})
    assert response.status_code == 403
    assert "evil.example" not in response.content.decode()
    assert "Back to the previous page" not in response.content.decode()


def test_a_member_refused_a_staff_page_is_told_it_is_for_staff_and_gets_no_back_office_link(client, staff):
    signed_in(client, staff["member"])
    response = client.get("/uk/staff/")
    assert response.status_code == 403
    body = response.content.decode()
    with translation.override("uk"):
        assert (
            translation.gettext("This page is for the staff of the centres. Your account does not give access to it.")
            in body
        )
    assert 'href="/uk/staff/"' not in body.split("<main", 1)[1]
