"""The interpreting services: the suggested mode, flags, matching, offers, cancellations and sessions."""

from datetime import time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from integra.clients.models import Client
from integra.core import sms
from integra.interpreting import services
from integra.interpreting.models import AvailabilityException, DoNotSend, Mode, Offer, Request
from integra.interpreting.tests.conftest import in_days, make_mediator, make_request


@pytest.fixture(autouse=True)
def empty_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.mark.parametrize(
    ("duration", "subject", "urgency", "bad_news", "children", "mode", "reason"),
    [
        (20, "medical", "routine", False, False, Mode.PHONE, "short"),
        (90, "medical", "routine", False, False, Mode.IN_PERSON, "long"),
        (20, "mental_health", "routine", False, False, Mode.IN_PERSON, "mental_health"),
        (20, "school", "routine", False, False, Mode.IN_PERSON, "children"),
        (20, "medical", "urgent", True, False, Mode.IN_PERSON, "bad_news"),
        (45, "medical", "urgent", False, False, Mode.PHONE, "urgent"),
        (45, "social_services", "routine", False, False, Mode.VIDEO, "medium"),
    ],
)
def test_the_suggested_mode_follows_the_appointment(duration, subject, urgency, bad_news, children, mode, reason):
    suggestion = services.mode_suggestion(
        duration_minutes=duration, subject=subject, urgency=urgency, bad_news=bad_news, children=children
    )
    assert suggestion == (mode, reason)


def test_a_request_without_a_mode_takes_the_suggested_one_and_keeps_the_one_asked_for(staff, partner):
    assert make_request(partner, duration_minutes=20).mode == Mode.PHONE
    asked = make_request(partner, duration_minutes=20, mode=Mode.IN_PERSON)
    assert (asked.mode, asked.suggested_mode) == (Mode.IN_PERSON, Mode.PHONE)
    assert asked.institution.slug == "pirogov" and asked.requested_by == partner


def test_a_language_nobody_speaks_is_saved_and_flagged(staff, partner):
    make_mediator(languages=[("ar", "")])
    nobody = make_request(partner, language="ti", dialect="")
    assert Request.objects.filter(pk=nobody.pk, flagged_no_speaker=True).exists()
    assert make_request(partner).flagged_no_speaker is False


def test_a_request_in_the_past_is_refused_with_a_message(staff, partner):
    with pytest.raises(ValidationError) as error:
        make_request(partner, starts_at=timezone.now() - timedelta(hours=2))
    assert "in the past" in error.value.message_dict["starts_at"][0]
    assert not Request.objects.exists()


def test_the_same_submission_twice_stores_one_request(staff, partner):
    first = make_request(partner, submission_key="k-1")
    assert make_request(partner, submission_key="k-1") == first and Request.objects.count() == 1


def test_candidates_are_ranked_and_the_unsuitable_left_out(staff, partner, django_assert_max_num_queries):
    client = Client.objects.create(centre=staff["consultant.sofia"].centres.get())
    make_mediator("Best", credential="trained_medical")
    make_mediator("Iraqi", languages=[("ar", "iraqi")])
    make_mediator("Male", gender="male", credential="trained_medical")
    away = make_mediator("Away", credential="trained_medical")
    AvailabilityException.objects.create(mediator=away, date=timezone.localdate(in_days()), available=False)
    make_mediator("Plovdiv", centres=["plovdiv"], credential="trained_medical")
    make_mediator("Phone only", modes=["phone"])
    make_mediator("English only", directions=["en"])
    blocked = make_mediator("Blocked", credential="trained_medical")
    DoNotSend.objects.create(mediator=blocked, client=client, reason="know_each_other")
    busy = make_mediator("Busy", credential="trained_medical")
    other = make_request(partner, mode=Mode.PHONE)
    services.request_confirm(by=staff["coordinator"], request=other, mediator=busy)
    make_mediator("Farsi", languages=[("fa", "dari")])
    request = make_request(partner, mode=Mode.IN_PERSON, interpreter_gender="female", client=client)
    with django_assert_max_num_queries(8):
        ranked = services.candidates_rank(request)
    names = [c.mediator.name for c in ranked]
    assert names[0] == "Best"
    assert set(names) == {"Best", "Iraqi", "Male", "Away", "Plovdiv"}
    by_name = {c.mediator.name: c for c in ranked}
    assert "Another dialect: Iraqi" in by_name["Iraqi"].warnings
    assert "Away that day" in by_name["Away"].warnings
    assert "Would travel from another city" in by_name["Plovdiv"].warnings
    assert by_name["Best"].available and by_name["Best"].score > by_name["Male"].score


def test_ranking_makes_the_same_number_of_queries_for_more_mediators(staff, partner, django_assert_num_queries):
    request = make_request(partner)
    make_mediator("One")
    services.candidates_rank(request)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        services.candidates_rank(request)
    for n in range(15):
        make_mediator(f"M{n}")
    with django_assert_num_queries(len(few)):
        assert len(services.candidates_rank(request)) == 16


def test_fewer_recent_sessions_come_first_when_all_else_is_equal(staff, partner):
    busy, fresh = make_mediator("Aaa busy"), make_mediator("Zzz fresh")
    done = make_request(partner, starts_at=timezone.now(), mode="phone")
    services.request_confirm(by=staff["coordinator"], request=done, mediator=busy)
    now = timezone.now() + timedelta(days=1)
    services.session_log(
        by=staff["coordinator"], request=done, started_at=done.starts_at, ended_at=done.ends_at,
        mode="phone", outcome="completed", now=now,
    )  # fmt: skip
    ranked = services.candidates_rank(make_request(partner, starts_at=in_days(3)))
    assert [c.mediator for c in ranked] == [fresh, busy]


def test_offers_go_out_by_sms_and_e_mail_and_the_first_to_accept_gets_the_job(
    staff, partner, django_capture_on_commit_callbacks
):
    first, second = make_mediator("A", email="a@example.org"), make_mediator("B")
    request = make_request(partner)
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.offers_send(by=staff["manager.sofia"], request=request, mediators=[first, second])
    assert Request.objects.get(pk=request.pk).status == Request.Status.OFFERED
    assert len(sms.outbox) == 2 and len(mail.outbox) == 1
    token_a, token_b = sent[0][1], sent[1][1]
    assert f"/interpreting/offer/{token_a}/" in sms.outbox[0].body and request.job_number in sms.outbox[0].body
    assert Offer.objects.filter(token_hash=token_a).count() == 0  # only the hash is stored
    services.offer_accept(token=token_a)
    with pytest.raises(services.OfferTaken, match="already taken"):
        services.offer_accept(token=token_b)
    request.refresh_from_db()
    assert (request.status, request.mediator) == (Request.Status.CONFIRMED, first)
    assert sorted(Offer.objects.values_list("state", flat=True)) == ["accepted", "withdrawn"]
    assert services.offer_accept(token=token_a).state == Offer.State.ACCEPTED  # tapping twice is fine


def test_when_everyone_declines_the_request_goes_back_to_the_desk(staff, partner):
    request = make_request(partner)
    [(offer, token)] = services.offers_send(by=staff["coordinator"], request=request, mediators=[make_mediator()])
    assert services.offer_decline(token=token).state == Offer.State.DECLINED
    assert Request.objects.get(pk=request.pk).status == Request.Status.REQUESTED
    with pytest.raises(ValidationError, match="not valid"):
        services.offer_accept(token="nonsense")


def test_a_late_cancellation_is_flagged_and_the_interpreter_told(staff, partner, django_capture_on_commit_callbacks):
    mediator = make_mediator()
    soon = make_request(partner, starts_at=timezone.now() + timedelta(hours=3))
    services.request_confirm(by=staff["coordinator"], request=soon, mediator=mediator)
    sms.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = services.request_cancel(by=partner, request=soon, reason="The patient went home")
    assert cancelled.late_cancellation and cancelled.closed_side == Request.Side.REQUESTER
    assert cancelled.status == Request.Status.CANCELLED and soon.job_number in sms.outbox[0].body
    early = make_request(partner, starts_at=in_days(10))
    assert services.request_cancel(by=partner, request=early, reason="Moved").late_cancellation is False
    with pytest.raises(ValidationError, match="already closed"):
        services.request_cancel(by=partner, request=early, reason="Again")


def test_a_friday_afternoon_cancellation_for_monday_morning_is_late(staff, partner):
    friday = timezone.make_aware(timezone.datetime(2027, 3, 5, 15, 0))  # a Friday, no holiday
    monday = friday + timedelta(days=3, hours=-6)
    request = make_request(partner, starts_at=monday, now=friday)
    assert services.is_late(request, friday)
    assert not services.is_late(request, friday - timedelta(days=1))


def test_a_session_that_ends_before_it_starts_is_refused(staff, partner):
    request = make_request(partner, starts_at=timezone.now())
    services.request_confirm(by=staff["coordinator"], request=request, mediator=make_mediator())
    with pytest.raises(ValidationError) as error:
        services.session_log(
            by=staff["coordinator"], request=request, started_at=request.starts_at,
            ended_at=request.starts_at - timedelta(minutes=1), mode="phone", outcome="completed",
        )  # fmt: skip
    assert "ends before it starts" in error.value.message_dict["ended_at"][0]


def test_availability_rows_must_end_after_they_start(staff):
    mediator = make_mediator()
    with pytest.raises(ValidationError, match="ends before it starts"):
        services.availability_set(by=staff["coordinator"], mediator=mediator, weekly=[(0, time(12), time(9))])
