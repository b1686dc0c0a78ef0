from io import StringIO

from django.apps import apps
from django.core.management import call_command

from integra.core.models import AuditEntry


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"sessions", "core", "django_tasks_db"} and model is not AuditEntry
    }


def test_loading_the_demo_data_twice_neither_fails_nor_duplicates_anything(transactional_db, settings, capsys):
    # A real commit (transactional_db): the messages of the demo's records would go out once it is committed.
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    settings.SMS_BACKEND = "console"
    call_command("load_demo", stdout=StringIO())
    first = row_counts()
    assert first["centres.Centre"] == 4
    assert first["accounts.User"] >= 22
    call_command("load_demo", stdout=StringIO())
    assert row_counts() == first
    # The demo's made-up people are never sent an e-mail or an SMS, whatever the instance's backends.
    printed = capsys.readouterr().out
    assert "Subject:" not in printed and "SMS to" not in printed


def test_the_demo_logins_list_one_account_per_role_and_centre(demo_data):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    for username in (
        "consultant.sofia",
        "manager.kardzhali",
        "trainer.plovdiv",
        "mediator.burgas",
        "coordinator",
        "admin",
    ):
        assert username in text
    assert "integra-demo-2026" in text


def test_a_demo_code_signs_a_demo_staff_member_in(client, demo_data):
    out = StringIO()
    call_command("demo_code", "manager.sofia", stdout=out)
    client.post("/en/accounts/login/", {"username": "manager.sofia", "password": "integra-demo-2026"})
    response = client.post("/en/accounts/two-factor/", {"otp_token": out.getvalue().strip()})
    assert response.status_code == 302
    assert client.get("/en/staff/").status_code == 200
