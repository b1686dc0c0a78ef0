"""The report wizard cleans the carried answers once per request (issue 10, item 4)."""

import pytest
from django.contrib.contenttypes.models import ContentType

from integra.violations.tests.helpers import ANSWERS, URL, wizard_post

pytestmark = pytest.mark.django_db

SEND_QUERIES = 9



@pytest.fixture(autouse=True)
def cold_content_type_cache():
    """Sending writes an audit entry, which looks up its content type once per process: always count it."""
    ContentType.objects.clear_cache()

def test_each_report_step_makes_one_query_and_sending_a_fixed_number(client, officer, django_assert_num_queries):
    page = client.get(URL)
    for step, fields in ANSWERS:
        with django_assert_num_queries(1):  # the same for the last step as for the first
            page = wizard_post(client, page, step, fields)
        assert page.status_code == 200
    with django_assert_num_queries(SEND_QUERIES):
        done = wizard_post(client, page, "check", {})
    assert done.status_code == 200
