"""The paper sheet and the feedback over the API: the same forms and services as the pages."""

import pytest

from integra.events import services
from integra.events.tests.conftest import make_event
from integra.events.tests.test_api import auth  # noqa: F401 - the API token fixture

JSON = {"content_type": "application/json"}


@pytest.fixture
def held(reference_data):
    return make_event(days=-1)


def test_the_paper_sheet_is_entered_per_nationality_and_replaced(client, staff, auth, held):  # noqa: F811
    headers = auth("trainer.sofia")
    url = f"/api/v1/events/{held.pk}/paper-sheet"
    body = {"nationality": "sy", "cells": [{"gender": "female", "age_band": "25-34", "count": 4}]}
    for _ in range(2):
        answer = client.put(url, body, **JSON, **headers)
        assert answer.status_code == 200
    assert answer.json()["total"] == 4 and answer.json()["by_nationality"] == {"SY": 4}
    client.put(url, {"cells": [{"gender": "male", "count": 2}]}, **JSON, **headers)
    assert client.get(url, **headers).json()["by_nationality"] == {"": 2, "SY": 4}


def test_bad_numbers_and_early_entries_are_refused(client, staff, auth, held):  # noqa: F811
    headers = auth("trainer.sofia")
    url = f"/api/v1/events/{held.pk}/paper-sheet"
    assert client.put(url, {"cells": [{"gender": "male", "count": -1}]}, **JSON, **headers).status_code == 422
    assert client.put(url, {"nationality": "XX", "cells": []}, **JSON, **headers).status_code == 422
    early = make_event(days=3)
    refused = client.put(
        f"/api/v1/events/{early.pk}/paper-sheet", {"cells": [{"gender": "male", "count": 1}]}, **JSON, **headers
    )
    assert refused.status_code == 409 and "not started yet" in refused.json()["detail"]
    assert services.paper_attendance_table(held) == services.paper_attendance_table(early)


def test_the_feedback_and_the_paper_cards_tally(client, staff, auth, held):  # noqa: F811
    services.feedback_record(event=held, answer="yes")
    headers = auth("mediator.sofia")
    url = f"/api/v1/events/{held.pk}/feedback"
    answer = client.put(f"{url}/paper", {"yes": 2, "partly": 1, "no": 0}, **JSON, **headers)
    assert answer.status_code == 200
    assert answer.json() == {
        "online": {"yes": 1, "partly": 0, "no": 0},
        "paper": {"yes": 2, "partly": 1, "no": 0},
        "total": 4,
        "useful_share": 75,
    }
    assert client.put(f"{url}/paper", {"yes": -2, "partly": 0, "no": 0}, **JSON, **headers).status_code == 422
    assert client.get(url, **headers).json()["total"] == 4


def test_another_centre_is_a_404_and_no_permission_a_403(client, staff, auth, held):  # noqa: F811
    other = auth("consultant.plovdiv")
    assert client.get(f"/api/v1/events/{held.pk}/feedback", **other).status_code == 404
    assert client.get(f"/api/v1/events/{held.pk}/paper-sheet", **other).status_code == 404
    partner = auth("partner.sofia")
    assert client.get(f"/api/v1/events/{held.pk}/feedback", **partner).status_code == 403
    body = {"yes": 1, "partly": 0, "no": 0}
    assert client.put(f"/api/v1/events/{held.pk}/feedback/paper", body, **JSON, **partner).status_code == 403
    assert client.get(f"/api/v1/events/{held.pk}/paper-sheet").status_code == 401
