from django.db import connection
from django.test.utils import CaptureQueriesContext

from integra.hotline import services
from integra.hotline.callers import caller_hash
from integra.hotline.models import Call
from integra.hotline.tests.helpers import signed_in
from integra.topics.models import Topic

URL = "/en/staff/hotline/"


def call_data(hotline, user=None, **overrides):
    topic = Topic.objects.active().first()
    centre = user.centres.first() if user is not None else None
    data = {
        "hotline": hotline.pk,
        "centre": centre.pk if centre else "",
        "direction": "incoming",
        "language": "ar",
        "interpreter_joined": "on",
        "topics": [topic.pk],
        "nationality": "SY",
        "gender": "female",
        "age_band": "25-34",
        "duration_minutes": "7",
        "outcome": "informed",
        "note": "Asked about the health insurance of her children.",
        "caller_number": "088 123 4567",
        "save": "1",
    }
    data.update(overrides)
    return data


def test_a_consultant_logs_a_call_in_one_screen(client, staff, hotline):
    user = staff["consultant.sofia"]
    signed_in(client, user)
    assert client.get(URL).status_code == 200
    response = client.post(URL, call_data(hotline, user))
    assert response.status_code == 302
    call = Call.objects.get()
    assert call.operator == user and call.centre.slug == "sofia" and call.hotline == hotline
    assert call.language == "ar" and call.interpreter_joined and call.duration_seconds == 420
    assert call.nationality.code == "SY" and call.gender == "female" and call.age_band == "25-34"
    assert call.topics.count() == 1 and call.kind == Call.Kind.CONVERSATION
    assert call.note == "Asked about the health insurance of her children."


def test_the_note_is_encrypted_and_the_number_never_stored(client, staff, hotline):
    signed_in(client, staff["consultant.sofia"])
    client.post(URL, call_data(hotline, staff["consultant.sofia"]))
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM hotline_call")
        row = cursor.fetchone()
    stored = " ".join(str(value) for value in row)
    assert "health insurance" not in stored
    assert "1234567" not in stored and "881234567" not in stored
    call = Call.objects.get()
    assert call.caller_hash == caller_hash("+359881234567") and len(call.caller_hash) == 64


def test_bad_input_gets_a_message_and_keeps_what_was_typed(client, staff, hotline):
    signed_in(client, staff["consultant.sofia"])
    response = client.post(
        URL, call_data(hotline, staff["consultant.sofia"], topics=[], caller_number="not a phone", duration_minutes="x")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Choose at least one topic." in body
    assert "Enter a phone number" in body
    assert "Asked about the health insurance of her children." in body
    assert Call.objects.count() == 0


def test_a_non_data_call_is_one_click_and_counted(client, staff, hotline):
    signed_in(client, staff["mediator.burgas"])
    response = client.post(f"{URL}non-data/silent/", {})
    assert response.status_code == 302
    call = Call.objects.get()
    assert call.kind == Call.Kind.SILENT and call.centre.slug == "burgas" and call.hotline == hotline
    client.post(f"{URL}non-data/hang_up/", {})
    client.post(f"{URL}non-data/hang_up/", {})
    page = client.get(URL).content.decode()
    assert 'Silent call <span class="count">(1 today)' in page
    assert 'Hung up <span class="count">(2 today)' in page


def test_non_data_buttons_refuse_other_kinds_and_get(client, staff, hotline):
    signed_in(client, staff["consultant.sofia"])
    assert client.post(f"{URL}non-data/conversation/").status_code == 404
    assert client.post(f"{URL}non-data/anything/").status_code == 404
    assert client.get(f"{URL}non-data/silent/").status_code == 405
    assert Call.objects.count() == 0


def test_people_without_the_hotline_role_are_refused(client, staff, hotline):
    for name in ("trainer.sofia", "partner.sofia", "moderator", "member"):
        client.logout()
        signed_in(client, staff[name])
        assert client.get(URL).status_code == 403, name
        assert client.post(f"{URL}non-data/test/").status_code == 403, name
    assert Call.objects.count() == 0
    client.logout()
    assert client.get(URL).status_code == 302


def test_a_call_of_another_centre_is_not_found(client, staff, hotline):
    call = services.call_non_data(by=staff["consultant.plovdiv"], hotline=hotline, centre=None, kind="test")
    conversation = services.call_log(
        by=staff["consultant.plovdiv"], hotline=hotline, centre=staff["consultant.plovdiv"].centres.get(),
        topics=[Topic.objects.first()], language="bg",
    )  # fmt: skip
    signed_in(client, staff["consultant.sofia"])
    assert client.get(f"{URL}calls/{conversation.pk}/").status_code == 404
    assert client.get(f"{URL}calls/{call.pk}/").status_code == 404
    client.logout()
    signed_in(client, staff["consultant.plovdiv"])
    assert client.get(f"{URL}calls/{conversation.pk}/").status_code == 200


def test_an_operator_completes_an_automatically_logged_call(client, staff, hotline):
    call = Call.objects.create(hotline=hotline, status=Call.Status.ENDED, duration_seconds=95, language="fa")
    signed_in(client, staff["coordinator"])
    response = client.post(f"{URL}calls/{call.pk}/", call_data(hotline, language="fa", duration_minutes="2"))
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.operator == staff["coordinator"] and call.outcome == "informed" and call.topics.count() == 1


def test_the_operator_sees_a_repeat_caller_and_the_earlier_topics(client, staff, hotline):
    user = staff["consultant.sofia"]
    centre = user.centres.get()
    health = (
        Topic.objects.get(slug="healthcare")
        if Topic.objects.filter(slug="healthcare").exists()
        else Topic.objects.first()
    )
    for _ in range(3):
        services.call_log(by=user, hotline=hotline, centre=centre, topics=[health], caller_number="+359881234567")
    services.call_log(by=user, hotline=hotline, centre=centre, topics=[health], caller_number="+359887654321")
    signed_in(client, user)
    response = client.post(URL, call_data(hotline, user, caller_number="0881234567", save="", lookup="1"))
    body = response.content.decode()
    assert "This number called 3 times in the last 30 days." in body
    assert str(health) in body
    assert Call.objects.count() == 4  # looking up saves nothing


def test_the_repeat_count_covers_thirty_days_only(staff, hotline):
    import time_machine

    user = staff["consultant.sofia"]
    with time_machine.travel("2026-01-01 10:00 +0200", tick=False):
        services.call_log(by=user, hotline=hotline, centre=None, caller_number="+359881234567")
    with time_machine.travel("2026-01-25 10:00 +0200", tick=False):
        services.call_log(by=user, hotline=hotline, centre=None, caller_number="+359881234567")
    with time_machine.travel("2026-02-05 10:00 +0200", tick=False):
        repeat = services.repeat_caller(user=staff["coordinator"], hash_=caller_hash("+359881234567"))
    assert repeat.count == 1


def test_the_log_page_costs_the_same_with_many_calls(client, staff, hotline):
    user = staff["consultant.sofia"]
    centre = user.centres.get()
    topics = list(Topic.objects.all()[:2])
    signed_in(client, user)
    services.call_log(by=user, hotline=hotline, centre=centre, topics=topics)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for _ in range(12):
        services.call_log(by=user, hotline=hotline, centre=centre, topics=topics)
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(many) == len(few)


def test_a_call_back_promised_during_the_call_joins_the_centres_queue(client, staff, hotline):
    from integra.hotline.models import CallBack

    user = staff["consultant.sofia"]
    signed_in(client, user)
    response = client.post(URL, call_data(hotline, user, outcome="call_back_promised"), follow=True)
    assert "The promised call-back is in the queue." in response.content.decode()
    call_back = CallBack.objects.get()
    call = Call.objects.get()
    assert call_back.call == call and call_back.centre.slug == "sofia" and call_back.language == "ar"
    assert call_back.phone == "+359881234567" and call_back.source == CallBack.Source.OPERATOR
    assert call.caller_hash == call_back.caller_hash
