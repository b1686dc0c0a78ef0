import pytest

from integra.violations.models import Report
from integra.violations.tests.helpers import KNOWN_PHRASE, fill_in, receipt_of, wizard_post
from tests.base import signed_in

pytestmark = pytest.mark.django_db

URL = "/en/staff/reports/new/"


@pytest.mark.parametrize("username", ["consultant.sofia", "manager.plovdiv", "rights.officer"])
def test_staff_take_a_report_on_someones_behalf_and_the_channel_is_recorded(client, staff, officer, username):
    signed_in(client, staff[username])
    check = fill_in(client, url=URL, first=("channel", {"channel-channel": "phone"}))
    assert "By phone" in check.content.decode()
    done = wizard_post(client, check, "check", {}, url=URL)
    assert done.status_code == 200
    assert len(receipt_of(done)) == 16
    report = Report.objects.get()
    assert report.channel == Report.Channel.PHONE
    assert report.sealed_keys.filter(officer=officer).exists()


def test_the_consultant_who_took_a_report_cannot_read_it_afterwards(client, staff, officer):
    signed_in(client, staff["consultant.sofia"])
    check = fill_in(client, url=URL, first=("channel", {"channel-channel": "in_person"}))
    wizard_post(client, check, "check", {}, url=URL)
    report = Report.objects.get()
    assert report.channel == Report.Channel.IN_PERSON
    response = client.get(f"/en/staff/reports/{report.reference}/")
    assert response.status_code == 403 and KNOWN_PHRASE not in response.content.decode()


def test_the_online_channel_cannot_be_chosen_by_staff(client, staff, officer):
    signed_in(client, staff["consultant.sofia"])
    page = client.get(URL)
    page = wizard_post(client, page, "channel", {"channel-channel": "online"}, url=URL)
    assert 'class="error-summary"' in page.content.decode()


@pytest.mark.parametrize("username", ["trainer.burgas", "mediator.kardzhali", "partner.sofia", "moderator", "member"])
def test_other_roles_cannot_take_reports(client, staff, officer, username):
    signed_in(client, staff[username])
    assert client.get(URL).status_code == 403


def test_anonymous_visitors_cannot_use_the_staff_form(client, officer):
    assert client.get(URL).status_code == 302
