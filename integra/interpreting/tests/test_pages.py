"""The interpreting pages over HTTP: asking, the scoped list, matching, the offer link, the public page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from integra.core import sms
from integra.interpreting import services
from integra.interpreting.models import Offer, Request
from integra.interpreting.tests.conftest import in_days, make_mediator, make_request, tie
from tests.base import signed_in


def form_data(**changes):
    data = {
        "centre": "",
        "language": "ar",
        "dialect": "levantine",
        "direction": "bg",
        "mode": "",
        "starts_at": in_days().strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "20",
        "place": "Room 12",
        "subject": "medical",
        "urgency": "routine",
        "client_label": "A. K.",
        "key": "key-1",
    }
    data.update(changes)
    return data


def test_a_partner_asks_and_sees_the_job_number_and_the_suggested_mode(client, staff, partner):
    from integra.centres.models import Centre

    signed_in(client, partner)
    assert client.get("/en/staff/interpreting/new/").status_code == 200
    response = client.post(
        "/en/staff/interpreting/new/", form_data(centre=Centre.objects.get(slug="sofia").pk), follow=True
    )
    job = Request.objects.get()
    assert job.institution.slug == "pirogov" and job.mode == "phone"
    page = response.content.decode()
    assert job.job_number in page and "a phone interpreter is quickest" in page


def test_bad_input_keeps_what_was_typed_and_says_why(client, staff, partner):
    from integra.centres.models import Centre

    signed_in(client, partner)
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    data = form_data(centre=Centre.objects.get(slug="sofia").pk, starts_at=past, client_label="Ahmed Karimi",
                     notes="Second floor")  # fmt: skip
    response = client.post("/en/staff/interpreting/new/", data)
    page = response.content.decode()
    assert response.status_code == 200 and not Request.objects.exists()
    assert "in the past" in page and "looks like a full name" in page and "Second floor" in page


def test_a_partner_sees_only_its_institution_s_requests(client, staff, partner):
    mine = make_request(partner)
    other = tie(staff["partner.burgas"], "hospital-burgas")
    theirs = make_request(other, centre="burgas")
    signed_in(client, partner)
    page = client.get("/en/staff/interpreting/").content.decode()
    assert mine.job_number in page and theirs.job_number not in page
    assert client.get(f"/en/staff/interpreting/{theirs.pk}/").status_code == 404
    assert client.get(f"/en/staff/interpreting/{mine.pk}/").status_code == 200
    assert client.get(f"/en/staff/interpreting/{mine.pk}/candidates/").status_code == 403


def test_denials_anonymous_wrong_role_and_another_centre(client, staff, partner):
    job = make_request(partner)
    assert client.get(f"/en/staff/interpreting/{job.pk}/").status_code == 302
    signed_in(client, staff["trainer.sofia"])
    assert client.get("/en/staff/interpreting/").status_code == 403
    assert client.get("/en/staff/interpreting/new/").status_code == 403
    client.logout()
    signed_in(client, staff["manager.plovdiv"])
    assert client.get(f"/en/staff/interpreting/{job.pk}/").status_code == 404
    assert client.get(f"/en/staff/interpreting/{job.pk}/candidates/").status_code == 404
    client.logout()
    signed_in(client, staff["manager.sofia"])
    assert client.get(f"/en/staff/interpreting/{job.pk}/candidates/").status_code == 200


def test_the_desk_sends_offers_and_the_mediator_accepts_from_the_link(
    client, staff, partner, django_capture_on_commit_callbacks
):
    sms.outbox.clear()
    first, second = make_mediator("Layla", credential="trained_medical"), make_mediator("Omar", phone="+359881000002")
    job = make_request(partner)
    signed_in(client, staff["manager.sofia"])
    page = client.get(f"/en/staff/interpreting/{job.pk}/candidates/").content.decode()
    assert page.index("Layla") < page.index("Omar")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/staff/interpreting/{job.pk}/candidates/", {"mediator": [first.pk, second.pk], "action": "offer"}
        )
    assert response.status_code == 302 and len(sms.outbox) == 2
    paths = [body[body.index("/bg/interpreting/offer/") :] for body in (m.body for m in sms.outbox)]
    assert "Задача за превод" in sms.outbox[0].body  # in the mediator's language (Bulgarian by default)
    paths = [path.replace("/bg/", "/en/", 1) for path in paths]
    client.logout()
    assert client.get(paths[0]).status_code == 200
    accepted = client.post(paths[0], {"answer": "accept"}, follow=True)
    assert "The job is yours" in accepted.content.decode()
    refused = client.post(paths[1], {"answer": "accept"})
    assert refused.status_code == 409 and "already taken" in refused.content.decode()
    job.refresh_from_db()
    assert job.mediator == first and job.status == Request.Status.CONFIRMED
    signed_in(client, partner)
    detail = client.get(f"/en/staff/interpreting/{job.pk}/").content.decode()
    assert "Layla" in detail and first.code in detail


def test_an_unknown_offer_link_is_a_clear_404(client, reference_data):
    response = client.get("/en/interpreting/offer/not-a-token/")
    assert response.status_code == 404 and "not valid" in response.content.decode()


def test_a_session_ending_before_it_starts_is_refused_on_the_page(client, staff, partner):
    mediator = make_mediator()
    job = make_request(partner, starts_at=timezone.now())
    services.request_confirm(by=staff["coordinator"], request=job, mediator=mediator)
    signed_in(client, staff["coordinator"])
    start = timezone.localtime(job.starts_at)
    response = client.post(f"/en/staff/interpreting/{job.pk}/session/", {
        "started_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ended_at": (start - timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M"),
        "mode": "phone", "outcome": "completed",
    })  # fmt: skip
    assert response.status_code == 422 and "ends before it starts" in response.content.decode()
    assert not Request.objects.filter(status="done").exists()


def test_a_late_cancellation_is_flagged_on_the_page(client, staff, partner):
    job = make_request(partner, starts_at=timezone.now() + timedelta(hours=2))
    signed_in(client, partner)
    response = client.post(f"/en/staff/interpreting/{job.pk}/cancel/", {"reason": "Discharged"}, follow=True)
    assert "late cancellation" in response.content.decode()
    assert Request.objects.get().late_cancellation


def test_a_mediator_keeps_their_own_week_and_days_away(client, staff):
    mediator = make_mediator(user=staff["mediator.sofia"])
    signed_in(client, staff["mediator.sofia"])
    assert client.get("/en/staff/interpreting/my-availability/").status_code == 200
    bad = client.post("/en/staff/interpreting/my-availability/", {"from_0": "14:00", "until_0": "09:00"})
    assert "ends before it starts" in bad.content.decode() and mediator.availability.count() == 7
    client.post("/en/staff/interpreting/my-availability/", {"from_0": "09:00", "until_0": "13:00"})
    assert [(a.weekday, a.starts.hour, a.ends.hour) for a in mediator.availability.all()] == [(0, 9, 13)]
    day = (timezone.localdate() + timedelta(days=5)).isoformat()
    client.post("/en/staff/interpreting/my-availability/", {"away-date": day})
    assert mediator.exceptions.get().available is False
    client.logout()
    signed_in(client, staff["mediator.plovdiv"])  # no registry entry of their own
    assert client.get("/en/staff/interpreting/my-availability/").status_code == 404


@pytest.mark.parametrize("language", ["en", "bg", "ar", "fa", "ru", "uk", "tr"])
def test_the_public_page_answers_in_every_language(client, reference_data, language):
    response = client.get(f"/{language}/interpreting/")
    assert response.status_code == 200 and f'href="/{language}/book/"' in response.content.decode()


def test_offers_of_a_taken_job_say_so(staff, partner):
    job = make_request(partner)
    [(offer, token)] = services.offers_send(by=staff["coordinator"], request=job, mediators=[make_mediator()])
    services.request_cancel(by=partner, request=job, reason="Not needed")
    assert Offer.objects.get().state == Offer.State.WITHDRAWN
