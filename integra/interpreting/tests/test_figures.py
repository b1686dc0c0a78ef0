"""Item 9: the interpreting figures (figures.py and its page): by institution, language and dialect, mode,
subject; filled within target; median time to confirm; cancellations, late ones and no-shows per institution
and side; hours per mediator; feedback; fewer than 3 for managers; a constant number of queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from integra.accounts.models import User
from integra.interpreting import services
from integra.interpreting.figures import interpreting_figures
from integra.interpreting.tests.conftest import in_days, make_confirmed, make_done, make_mediator, make_request, tie
from tests.base import signed_in


def period():
    today = timezone.localdate()
    return {"date_from": today - timedelta(days=29), "date_to": today + timedelta(days=30)}


@pytest.fixture
def jobs(staff, partner):
    layla = make_mediator("Layla", languages=(("ar", "levantine"), ("fa", "dari")))
    done = make_done(partner, layla, minutes=90, mode="in_person")
    services.feedback_give(by=partner, request=done, understood="yes")
    late = make_request(partner, language="fa", dialect="dari", starts_at=timezone.now() + timedelta(hours=5))
    services.request_cancel(by=partner, request=late, reason="Discharged")
    burgas = tie(staff["partner.burgas"], "hospital-burgas")
    missed = make_confirmed(burgas, make_mediator("Omar", centres=("burgas",)), centre="burgas", subject="legal")
    services.request_no_show(by=burgas, request=missed, side="interpreter")
    return done, late, missed


def test_the_coordinator_sees_every_figure_of_the_network(staff, jobs):
    figures = interpreting_figures(user=staff["coordinator"], **period())
    assert figures.total.value == 3 and not figures.suppress_small
    assert {(label, str(n)) for label, n in figures.by_subject} == {("Medical", "2"), ("Legal", "1")}
    assert any("Dari (Afghanistan)" in label and n.value == 1 for label, n in figures.by_language)
    assert figures.target_counted == 2 and figures.target_met == 2  # the withdrawn request is not counted
    assert figures.median_to_confirm == timedelta(days=1) and figures.median_to_confirm_hours == "24.0"
    closures = {(side, str(c), str(late), str(no)) for _inst, side, c, late, no in figures.closures}
    assert closures == {("The institution or the client", "1", "1", "0"), ("The interpreter", "0", "0", "1")}
    assert [(name, code.startswith("M-"), str(n), hours) for name, code, n, hours in figures.hours] == [
        ("Layla", True, "1", "1.5")
    ]
    by_side = {row[0]: row for row in figures.feedback}
    assert str(by_side["The institution"][1]) == "1" and by_side["The institution"][5] == "100 %"


def test_a_manager_sees_their_centre_with_small_counts_hidden(staff, jobs):
    figures = interpreting_figures(user=staff["manager.sofia"], **period())
    assert figures.suppress_small and figures.total.value == 2
    assert str(figures.total) == "fewer than 3"
    assert all(str(n) == "fewer than 3" for _label, n in figures.by_subject)
    assert [side for _inst, side, *_counts in figures.closures] == ["The institution or the client"]
    burgas = interpreting_figures(user=staff["manager.burgas"], **period())
    assert burgas.total.value == 1 and burgas.hours == []


def test_the_figures_cost_the_same_number_of_queries_for_more_requests(staff, partner, django_assert_num_queries):
    make_done(partner, make_mediator())
    # 9 for the figures, 3 for the user's roles and permissions (read once per request)
    user = User.objects.get(username="coordinator")
    with django_assert_num_queries(12):
        interpreting_figures(user=user, **period())
    for hours in (5, 7, 9):
        make_done(partner, make_mediator(f"M{hours}"), hours_ago=hours, subject="legal")
    make_request(partner, language="ku", starts_at=in_days(4))
    user = User.objects.get(username="coordinator")
    with django_assert_num_queries(12):
        interpreting_figures(user=user, **period())


def test_the_figures_page_for_the_desk_only(client, staff, jobs):
    signed_in(client, staff["coordinator"])
    page = client.get("/en/staff/interpreting/figures/")
    assert page.status_code == 200 and "Filled within target" in page.content.decode()
    bad = client.get("/en/staff/interpreting/figures/", {"date_from": "2026-12-01", "date_to": "2026-11-01"})
    assert bad.status_code == 200 and "must be after its start" in bad.content.decode()
    signed_in(client, staff["manager.sofia"])
    assert "fewer than 3" in client.get("/en/staff/interpreting/figures/").content.decode()
    for username in ("partner.sofia", "mediator.sofia", "consultant.sofia"):
        signed_in(client, staff[username])
        assert client.get("/en/staff/interpreting/figures/").status_code == 403
