"""The private link's page in a real browser (issue 11): its reply and accept forms pass the CSRF check
(Chromium posts "Origin: null" under "Referrer-Policy: no-referrer", which Django refuses)."""

from integra.accounts import roles
from integra.forum import services
from integra.topics.models import Topic
from tests.base import make_user


def test_a_reply_and_an_accept_from_the_private_page_are_saved(site, new_context):
    question, token = services.question_submit(
        title="Health insurance for my child", body="Which office?", topic=Topic.objects.first(), language="ar"
    )
    expert = make_user("expert.e2e", roles.MODERATOR)
    services.question_moderate(question=question, by=expert, action="publish")
    services.answer_create(question=question, author=expert, body="Ask the NHIF office.")
    page = new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False).new_page()
    page.goto(f"{site}/ar/questions/private/{token}/")
    assert page.url.endswith("/ar/questions/private/")
    page.get_by_role("textbox").fill("شكرًا، وأين يقع المكتب؟")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="إرسال الرد").click()
    assert answer.value.status == 200
    assert question.replies.get().body == "شكرًا، وأين يقع المكتب؟"
    with page.expect_response(lambda r: r.request.method == "POST") as accepted:
        page.locator("form.inline-form button[name=accept]").click()
    assert accepted.value.status in (200, 302)
    question.refresh_from_db()
    assert question.accepted_answer is not None
