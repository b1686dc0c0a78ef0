from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integra.centres.models import Centre
from integra.hotline import services
from integra.hotline.figures import hotline_figures
from integra.hotline.models import CallBack
from integra.hotline.tests.helpers import signed_in
from integra.topics.models import Topic

NOW = datetime(2026, 12, 2, 11, 0, tzinfo=ZoneInfo("Europe/Sofia"))


def log_calls(staff, hotline):
    sofia, plovdiv = Centre.objects.get(slug="sofia"), Centre.objects.get(slug="plovdiv")
    topic = Topic.objects.active().first()
    user = staff["consultant.sofia"]
    for number in ("+359881234567", "+359881234567", "+359887654321"):
        services.call_log(by=user, hotline=hotline, centre=sofia, topics=[topic], language="ar",
                          outcome="informed", caller_number=number)  # fmt: skip
    services.call_non_data(by=user, hotline=hotline, centre=sofia, kind="silent")
    services.call_log(by=staff["consultant.plovdiv"], hotline=hotline, centre=plovdiv, topics=[topic], language="uk")


@time_machine.travel(NOW, tick=False)
def test_the_figures_count_the_call_records_of_the_managers_centres(staff, hotline):
    log_calls(staff, hotline)
    figures = hotline_figures(user=staff["manager.sofia"], date_from=NOW.date(), date_to=NOW.date())
    assert figures.total == 4 and figures.non_data == 1 and figures.non_data_share == "25 %"
    assert figures.repeat_calls == 2 and figures.with_number == 3
    assert ("العربية", 3) in figures.by_language
    network = hotline_figures(user=staff["coordinator"], date_from=NOW.date(), date_to=NOW.date())
    assert network.total == 5


@time_machine.travel(NOW, tick=False)
def test_call_backs_kept_within_the_promise_and_unreachable_are_counted(staff, hotline):
    kept = services.call_back_request(phone="+359881234567", language="fa")
    lost = services.call_back_request(phone="+359887654321", language="fa")
    user = staff["consultant.sofia"]
    services.call_back_take(call_back_id=kept.pk, by=user)
    services.call_back_attempt(call_back_id=kept.pk, by=user, result="answered")
    services.call_back_take(call_back_id=lost.pk, by=user)
    services.call_back_attempt(call_back_id=lost.pk, by=user, result="wrong_number")
    figures = hotline_figures(user=staff["coordinator"], date_from=NOW.date(), date_to=NOW.date())
    assert (figures.call_backs, figures.call_backs_kept, figures.call_backs_unreachable) == (2, 1, 1)
    assert CallBack.objects.filter(phone="").count() == 2


@time_machine.travel(NOW, tick=False)
def test_the_figures_page_is_for_managers_and_coordinators_in_constant_queries(client, staff, hotline):
    signed_in(client, staff["consultant.sofia"])
    assert client.get("/en/staff/hotline/figures/").status_code == 403
    client.logout()
    signed_in(client, staff["manager.sofia"])
    client.get("/en/staff/hotline/figures/")
    with CaptureQueriesContext(connection) as few:
        client.get("/en/staff/hotline/figures/")
    log_calls(staff, hotline)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/en/staff/hotline/figures/")
    assert len(many) == len(few)
    body = response.content.decode()
    assert "Calls from repeat callers" in body and "2 / 3 (67 %)" in body
    bad = client.get("/en/staff/hotline/figures/", {"date_from": "2026-12-10", "date_to": "2026-12-01"})
    assert "The end of the period must be after its start." in bad.content.decode()
