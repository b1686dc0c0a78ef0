"""The moderation queue: edit out personal data, publish, merge, mark spam, refer to a centre."""

import pytest

from integra.forum.models import Question
from integra.forum.tests.helpers import make_question
from integra.knowledge import search
from integra.topics.models import Topic
from tests.base import signed_in

pytestmark = pytest.mark.django_db


def hits(query):
    return [hit.key for hit in search.search(query, kinds=["question"]).hits]


def test_the_queue_lists_pending_questions_oldest_first_with_flagged_personal_data(client, staff):
    first = make_question("First pending", "Call me +359 88 123 4567", published=False)
    second = make_question("Second pending", "Nothing personal", published=False)
    make_question("Already public")
    signed_in(client, staff["moderator"])
    body = client.get("/en/staff/forum/moderation/").content.decode()
    assert body.index("First pending") < body.index("Second pending")
    assert "Already public" not in body and "1 finding" in body
    page = client.get(f"/en/staff/forum/moderation/{first.pk}/").content.decode()
    assert "Likely personal data" in page and "Phone number" in page and "+359 88 123 4567" in page
    assert second.flags == []


def test_the_moderation_queue_makes_the_same_number_of_queries_however_long_it_is(client, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    signed_in(client, staff["moderator"])
    make_question("One", published=False)
    client.get("/en/staff/forum/moderation/")
    with CaptureQueriesContext(connection) as few:
        client.get("/en/staff/forum/moderation/")
    for n in range(10):
        make_question(f"More {n}", published=False, topic="housing" if n % 2 else "residence")
    with CaptureQueriesContext(connection) as many:
        client.get("/en/staff/forum/moderation/")
    assert len(many) == len(few)


def test_a_moderator_edits_out_personal_data_and_publishes(client, staff):
    question = make_question("My name is Amira Haddad", "Call +359 88 123 4567", published=False)
    assert {flag["kind"] for flag in question.flags} == {"name", "phone"}
    signed_in(client, staff["moderator"])
    response = client.post(
        f"/en/staff/forum/moderation/{question.pk}/",
        {
            "action": "publish",
            "title": "Can I get help?",
            "body": "Call [removed]",
            "topic": Topic.objects.get(slug="residence").pk,
            "city": "",
        },
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED and question.flags == []
    assert question.moderated_by == staff["moderator"] and question.published_at is not None
    assert client.get(f"/en/questions/{question.pk}/").status_code == 200
    assert hits("help") == [str(question.pk)]
    assert hits("Amira") == []


def test_an_edit_with_an_empty_title_keeps_the_text_and_shows_the_error(client, staff):
    question = make_question(published=False)
    signed_in(client, staff["moderator"])
    response = client.post(
        f"/en/staff/forum/moderation/{question.pk}/",
        {"action": "save", "title": "", "body": "kept text", "topic": question.topic_id},
    )
    assert response.status_code == 200 and "kept text" in response.content.decode()
    assert 'class="error-summary"' in response.content.decode()


def test_spam_leaves_the_queue_and_never_becomes_public(client, staff):
    question = make_question("Cheap watches", published=False)
    signed_in(client, staff["moderator"])
    client.post(f"/en/staff/forum/moderation/{question.pk}/", {"action": "spam"})
    question.refresh_from_db()
    assert question.status == Question.Status.SPAM
    assert "Cheap watches" not in client.get("/en/staff/forum/moderation/").content.decode()
    assert client.get(f"/en/questions/{question.pk}/").status_code == 404


def test_hiding_a_published_question_removes_it_from_the_archive_and_the_search(client, staff):
    question = make_question("Visible residence question")
    assert hits("visible") == [str(question.pk)]
    signed_in(client, staff["moderator"])
    client.post(f"/en/staff/forum/moderation/{question.pk}/", {"action": "hide"})
    assert hits("visible") == []
    client.logout()
    assert client.get(f"/en/questions/{question.pk}/").status_code == 404


def test_a_duplicate_is_merged_and_its_page_leads_to_the_other_question(client, staff):
    original = make_question("Renew a residence permit")
    duplicate = make_question("Renewing residence permit again", published=False)
    signed_in(client, staff["moderator"])
    response = client.post(f"/en/staff/forum/moderation/{duplicate.pk}/", {"action": "merge", "into": original.pk})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.status == Question.Status.MERGED and duplicate.merged_into == original
    client.logout()
    page = client.get(f"/en/questions/{duplicate.pk}/")
    assert page.status_code == 302 and page["Location"] == f"/en/questions/{original.pk}/"
    private = client.get(f"/en/questions/private/{duplicate.token}/", follow=True).content.decode()
    assert f'href="/en/questions/{original.pk}/"' in private


def test_merging_into_a_question_that_is_not_published_is_refused(client, staff):
    pending = make_question("Pending one", published=False)
    other = make_question("Pending two", published=False)
    signed_in(client, staff["moderator"])
    response = client.post(f"/en/staff/forum/moderation/{other.pk}/", {"action": "merge", "into": pending.pk})
    assert response.status_code == 200
    assert "There is no published question with this number." in response.content.decode()


def test_a_matter_is_taken_private_by_referring_it_to_a_centre(client, staff):
    from integra.centres.models import Centre

    question = make_question("My employer kept my passport", published=False)
    signed_in(client, staff["moderator"])
    burgas = Centre.objects.get(slug="burgas")
    client.post(
        f"/en/staff/forum/moderation/{question.pk}/", {"action": "refer", "centre": burgas.pk, "note": "Urgent"}
    )
    question.refresh_from_db()
    assert question.status == Question.Status.REFERRED and question.referred_centre == burgas
    assert question.referral_note == "Urgent"
    client.logout()
    assert client.get(f"/en/questions/{question.pk}/").status_code == 404
    private = client.get(f"/en/questions/private/{question.token}/", follow=True).content.decode()
    assert "personal consultation" in private


def test_an_unknown_action_is_a_404(client, staff):
    question = make_question(published=False)
    signed_in(client, staff["moderator"])
    assert client.post(f"/en/staff/forum/moderation/{question.pk}/", {"action": "explode"}).status_code == 404


def test_a_referred_question_reaches_the_staff_of_that_centre_only(client, staff):
    from integra.centres.models import Centre
    from integra.core.models import AuditEntry
    from integra.forum import services

    question = make_question(
        "Employer kept my passport", published=False, notify_by=Question.Notify.EMAIL, email="asker@example.net"
    )
    services.question_moderate(
        question=question, by=None, action="refer", centre=Centre.objects.get(slug="burgas"), note="Call her"
    )
    signed_in(client, staff["consultant.burgas"])
    listing = client.get("/en/staff/forum/referred/").content.decode()
    assert "Employer kept my passport" in listing
    page = client.get(f"/en/staff/forum/questions/{question.pk}/").content.decode()
    assert "asker@example.net" in page and "Call her" in page and "Write an answer" not in page
    assert AuditEntry.objects.filter(object_pk=str(question.pk), action=AuditEntry.Action.ACCESS).exists()
    signed_in(client, staff["consultant.sofia"])
    assert "Employer kept my passport" not in client.get("/en/staff/forum/referred/").content.decode()
    assert client.get(f"/en/staff/forum/questions/{question.pk}/").status_code == 404
    signed_in(client, staff["moderator"])
    assert "Employer kept my passport" in client.get("/en/staff/forum/referred/").content.decode()


# --- the one moderation service: the rules hold for every caller ----------------------------------------


def test_the_service_refuses_to_merge_a_question_into_itself(staff):
    from django.core.exceptions import ValidationError

    from integra.forum import services

    question = make_question("Published once")
    with pytest.raises(ValidationError) as refused:
        services.question_moderate(question=question, by=staff["moderator"], action="merge", into=question)
    assert "into" in refused.value.message_dict
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED and question.merged_into is None


def test_the_service_refuses_to_merge_into_a_question_that_is_not_public_or_to_refer_without_a_centre(staff):
    from django.core.exceptions import ValidationError

    from integra.centres.models import Centre
    from integra.forum import services

    pending, other = make_question("Pending", published=False), make_question("Other", published=False)
    with pytest.raises(ValidationError) as refused:
        services.question_moderate(question=other, by=staff["moderator"], action="merge", into=pending)
    assert refused.value.message_dict == {"into": ["There is no published question with this number."]}
    with pytest.raises(ValidationError) as refused:
        services.question_moderate(question=other, by=staff["moderator"], action="refer")
    assert "centre" in refused.value.message_dict
    closed = Centre.objects.get(slug="kardzhali")
    Centre.objects.filter(pk=closed.pk).update(is_active=False)
    closed.refresh_from_db()
    with pytest.raises(ValidationError):
        services.question_moderate(question=other, by=staff["moderator"], action="refer", centre=closed)
    other.refresh_from_db()
    assert other.status == Question.Status.PENDING


def test_the_service_rejects_an_unknown_action(staff):
    from integra.forum import services

    question = make_question(published=False)
    with pytest.raises(ValueError, match="explode"):
        services.question_moderate(question=question, by=staff["moderator"], action="explode")


def test_publishing_through_the_service_keeps_the_texts_not_given_and_recomputes_the_flags(staff):
    from integra.forum import services

    question = make_question("Call me on +359 88 123 4567", "Kept body", published=False)
    services.question_moderate(question=question, by=staff["moderator"], action="publish", title="Can you call?")
    question.refresh_from_db()
    assert (question.title, question.body, question.flags) == ("Can you call?", "Kept body", [])
    assert question.status == Question.Status.PUBLISHED and question.moderated_by == staff["moderator"]
    assert hits("call") == [str(question.pk)]


def test_the_page_refuses_to_merge_a_question_into_itself_with_the_services_message(client, staff):
    question = make_question("Published and alone")
    signed_in(client, staff["moderator"])
    response = client.post(f"/en/staff/forum/moderation/{question.pk}/", {"action": "merge", "into": question.pk})
    assert response.status_code == 200
    assert "A question cannot be merged into itself" in response.content.decode()
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED
