import io
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from integra.violations import crypto, services
from integra.violations.models import OfficerKey, Report
from integra.violations.tests.helpers import KNOWN_PHRASE, submit
from tests.base import PASSWORD, make_user, signed_in

pytestmark = pytest.mark.django_db


def test_an_officers_private_key_is_stored_only_encrypted(officer):
    key = OfficerKey.objects.get(user=officer)
    private = services.officer_private_key(user=officer, password=PASSWORD)
    assert len(private) == 32
    assert private not in bytes(key.private_key_by_password) and private not in bytes(key.private_key_by_recovery)
    with pytest.raises(crypto.DecryptionError):
        services.officer_private_key(user=officer, password="a wrong password")


def test_the_recovery_key_opens_the_key_again_after_a_password_change(client, officer):
    submit(Client())
    officer.set_password("a brand new password 2026")
    officer.save()
    signed_in(client, officer)
    refused = client.post("/en/staff/reports/unlock/", {"password": "a brand new password 2026"})
    assert "also give your recovery key" in refused.content.decode()
    typed = officer.recovery_key.lower().replace("-", " ")
    ok = client.post("/en/staff/reports/unlock/", {"password": "a brand new password 2026", "recovery_key": typed})
    assert ok.status_code == 302
    report = Report.objects.get()
    assert KNOWN_PHRASE in client.get(f"/en/staff/reports/{report.reference}/").content.decode()
    assert services.officer_private_key(user=officer, password="a brand new password 2026")  # re-wrapped


def test_only_rights_officers_can_have_report_keys(staff):
    with pytest.raises(services.ValidationError):
        services.officer_keys_create(user=staff["administrator"], password=PASSWORD)


def test_the_command_sets_up_keys_and_prints_the_recovery_key_once(staff, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    out = StringIO()
    call_command("violations_keys", "rights.officer", "--password-stdin", stdout=out)
    recovery = out.getvalue().strip().splitlines()[-1]
    assert len(crypto.normalise_recovery_key(recovery)) == 32
    key = OfficerKey.objects.get(user=staff["rights.officer"])
    assert recovery not in str(OfficerKey.objects.filter(pk=key.pk).values().get())
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    with pytest.raises(CommandError, match="already has keys"):
        call_command("violations_keys", "rights.officer", "--password-stdin", stdout=StringIO())


def test_the_command_refuses_a_wrong_password_or_another_role(staff, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong\n"))
    with pytest.raises(CommandError, match="password is not right"):
        call_command("violations_keys", "rights.officer", "--password-stdin", stdout=StringIO())
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    with pytest.raises(CommandError, match="Only rights officers"):
        call_command("violations_keys", "administrator", "--password-stdin", stdout=StringIO())


def test_an_officer_shares_existing_reports_with_a_new_colleague(client, officer, monkeypatch):
    submit(Client())
    colleague = make_user("rights.officer.two", "rights_officer")
    services.officer_keys_create(user=colleague, password=PASSWORD)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    out = StringIO()
    call_command("violations_reseal", "rights.officer", "rights.officer.two", "--password-stdin", stdout=out)
    assert "Shared 1 report(s)" in out.getvalue()
    signed_in(client, colleague)
    client.post("/en/staff/reports/unlock/", {"password": PASSWORD})
    report = Report.objects.get()
    assert KNOWN_PHRASE in client.get(f"/en/staff/reports/{report.reference}/").content.decode()
    submit(Client())  # new reports are sealed to both officers
    assert Report.objects.first().sealed_keys.count() == 2


def test_the_demo_gives_the_demo_rights_officer_keys_with_the_demo_password(reference_data):
    from integra.accounts import demo as accounts_demo
    from integra.violations import demo

    accounts_demo.load()
    demo.load()
    demo.load()  # idempotent
    officer = OfficerKey.objects.get().user
    assert officer.username == "rights.officer"
    assert services.officer_private_key(user=officer, password=accounts_demo.DEMO_PASSWORD)
    assert Report.objects.count() == len(demo.SAMPLES)
    private = services.officer_private_key(user=officer, password=accounts_demo.DEMO_PASSWORD)
    for report in Report.objects.all():
        key = services.report_key_for_officer(report=report, user=officer, private_key=private)
        assert "Demo report" in services.report_content(report=report, key=key)["description"]
