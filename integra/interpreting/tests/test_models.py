"""The database keeps the rules that must never break, whatever code writes the rows."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from integra.interpreting.models import Offer, Request, Session
from integra.interpreting.tests.conftest import make_mediator, make_request


def test_a_request_needs_a_positive_duration(staff, partner):
    request = make_request(partner)
    with pytest.raises(IntegrityError), transaction.atomic():
        Request.objects.filter(pk=request.pk).update(duration_minutes=0)


def test_a_session_cannot_end_before_it_starts(staff, partner):
    request = make_request(partner)
    mediator = make_mediator()
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.create(
            request=request, mediator=mediator, started_at=request.starts_at,
            ended_at=request.starts_at - timedelta(minutes=5), mode="phone", outcome="completed",
        )  # fmt: skip


def test_only_one_offer_of_a_request_can_be_accepted(staff, partner):
    request = make_request(partner)
    first, second = make_mediator("A"), make_mediator("B")
    Offer.objects.create(request=request, mediator=first, token_hash="a", state=Offer.State.ACCEPTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Offer.objects.create(request=request, mediator=second, token_hash="b", state=Offer.State.ACCEPTED)


def test_job_numbers_count_up_within_the_year(staff, partner):
    first, second = make_request(partner), make_request(partner)
    year = first.created_at.year
    assert first.job_number == f"INT-{year}-00001" and second.job_number == f"INT-{year}-00002"
