"""Short help under the fields of the forms a consultant uses every day (issue 11 item 16): what each field
is for and what the client is told, tied to its field for screen readers, in the user's language."""

import re
from html import unescape

import pytest
from django.utils import timezone

from integra.centres.models import Centre, Institution
from integra.clients import services as client_services
from integra.consultations import services
from integra.topics.models import Topic
from tests.base import signed_in

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.fixture
def records(staff):
    consultant = staff["consultant.sofia"]
    file = client_services.client_create(centre=Centre.objects.get(slug="sofia"), by=consultant)
    consultation = services.consultation_record(
        by=consultant, centre=Centre.objects.get(slug="sofia"), held_on=timezone.localdate(), channel="in_person",
        topics=[Topic.objects.get(slug="residence")], language="ar", client=file,
    )  # fmt: skip
    referral = services.referral_create(
        consultation=consultation, institution=Institution.objects.first(), reason="Residence permit renewal"
    )
    return {"file": file, "consultation": consultation, "referral": referral}


def described(page: str, field_id: str, text: str) -> bool:
    """The help text is shown and the field (or its fieldset) points at it with aria-describedby."""
    hint = re.search(rf'<p class="hint" id="{field_id}_helptext">([^<]*)</p>', page)
    return bool(hint) and text in unescape(hint.group(1)) and f"{field_id}_helptext" in page.replace(hint.group(0), "")


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/en/staff/consultations/new/", {
            "id_topics": "The figures count topics, never names.",
            "id_interpreting": "Tell the client that they keep what they hear confidential.",
            "id_notes": "the client may ask to see their data",
            "id_follow_up_task": "It appears on your Today page.",
            "id_referral_institution": "tell them where it is and what to bring",
        }),
        ("/en/staff/clients/new/", {
            "id_phone": "ask first whether they agree to be contacted",
            "id_residence_status": "It is not passed to any institution without the client's consent.",
            "id_languages": "to plan an interpreter",
        }),
        ("/en/staff/clients/{file}/consents/new/", {
            "id_purpose": "Explain each one in the client's language",
            "id_method": "they can withdraw their consent at any time",
        }),
        ("/en/staff/consultations/{consultation}/referrals/new/", {
            "id_institution": "Give them the address and the opening hours.",
            "id_reason": "Details go to the institution only if the client agreed to it.",
        }),
        ("/en/staff/consultations/referrals/{referral}/", {"id_outcome": "in a sentence or two"}),
        ("/en/staff/consultations/{consultation}/follow-ups/new/", {
            "id_due_on": "Tell the client when to expect to hear from the centre.",
        }),
        ("/en/staff/hotline/", {
            "id_language": "The language you spoke with the caller.",
            "id_outcome": "If you promised a call-back, tell them when to expect it.",
        }),
    ],
)  # fmt: skip
def test_everyday_forms_say_what_each_field_is_for(client, staff, records, path, fields):
    url = path.format(
        file=records["file"].reference, consultation=records["consultation"].pk, referral=records["referral"].pk
    )
    response = signed_in(client, staff["consultant.sofia"]).get(url)
    assert response.status_code == 200, url
    page = response.content.decode()
    for field_id, text in fields.items():
        assert described(page, field_id, text), (url, field_id)


def test_the_help_is_in_the_users_language(client, staff):
    page = signed_in(client, staff["consultant.sofia"]).get("/ar/staff/consultations/new/").content.decode()
    assert "The figures count topics, never names." not in page
    assert re.search(r'<p class="hint" id="id_topics_helptext">[^<]*[\u0600-\u06ff]', page)
