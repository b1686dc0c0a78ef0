"""A report sent with a known phrase from a known address leaves neither in the database, the
files on disk, the cache keys or the logs."""

import logging
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models import DateTimeField

from integra.core.models import AuditEntry
from integra.core.wizard import SESSION_KEY
from integra.violations.models import Attachment, Message, Report
from integra.violations.tests.helpers import FOLLOW_URL, KNOWN_ADDRESS, KNOWN_PHRASE, receipt_of, submit, token_of
from integra.violations.tests.test_attachments import png_with_gps

pytestmark = pytest.mark.django_db

SECRETS = (KNOWN_PHRASE, KNOWN_ADDRESS, "Amira Haddad", "reporter@example.net", "Kneginya Maria Luiza")


def database_dump() -> str:
    rows = []
    tables = set(connection.introspection.table_names())
    for model in apps.get_models():
        if model._meta.db_table not in tables:  # a model without a table holds nothing
            continue
        for row in model.objects.values():
            rows.append(str(row))
            # Binary columns (memoryview on PostgreSQL) as their raw bytes, so plaintext in them would show.
            rows += [bytes(v).decode("latin-1") for v in row.values() if isinstance(v, bytes | memoryview)]
    return "\n".join(rows)


def sqlite_file_bytes(tmp_path) -> bytes:
    """The bytes of the SQLite database as a file (the test database lives in memory: back it up to one)."""
    if connection.vendor != "sqlite":
        return b""
    connection.ensure_connection()
    copy = tmp_path / "dump.sqlite3"
    copy.write_bytes(connection.connection.serialize())  # what the file on disk would hold
    return copy.read_bytes()


def media_bytes() -> bytes:
    root = Path(django_settings.MEDIA_ROOT)
    return b"".join(p.read_bytes() for p in root.rglob("*") if p.is_file()) if root.exists() else b""


def test_a_known_phrase_and_address_appear_nowhere_after_reporting(client, officer, caplog, settings, tmp_path):
    caplog.set_level(logging.DEBUG)
    extra = {"REMOTE_ADDR": KNOWN_ADDRESS, "HTTP_USER_AGENT": "KnownAgent/1.0"}
    confirmation = submit(client, **extra)
    image = png_with_gps()
    image.name = "photo.png"
    client.post(
        FOLLOW_URL,
        {"token": token_of(confirmation), "text": f"More: {KNOWN_PHRASE} again", "files": [image]},
        **extra,
    )
    assert Report.objects.count() == 1 and Message.objects.count() == 1 and Attachment.objects.count() == 1
    settings.VIOLATIONS_RATE_LIMITS = {**settings.VIOLATIONS_RATE_LIMITS, "receipt": (0, 60)}
    assert client.post(FOLLOW_URL, {"receipt": "1234"}, **extra).status_code == 429  # logged by django.request
    assert any(r.name == "django.request" for r in caplog.records)

    dump = database_dump()
    for secret in (*SECRETS, "KnownAgent"):
        assert secret not in dump, secret
    database_file = sqlite_file_bytes(tmp_path)
    if connection.vendor == "sqlite":
        assert Report.objects.get().reference.encode() in database_file  # the copy holds the report's rows
    file_bytes = database_file + media_bytes()
    assert media_bytes()  # the encrypted file is there
    for secret in (*SECRETS, "KnownAgent"):
        assert secret.encode() not in file_bytes, secret
    logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    for secret in SECRETS:
        assert secret not in logged, secret
    from django.core.cache import cache

    keys = list(getattr(cache, "_cache", {}).keys())
    assert keys and not any(KNOWN_ADDRESS in str(key) for key in keys)  # only keyed hashes


def test_reporting_keeps_nothing_readable_in_the_session_and_no_audit_entry_with_an_address(client, officer):
    """The wizard keeps the answers, then the receipt page, sealed in the session (issue 11 item 2: Back
    and reload never lose them); a dump of the session table holds neither the words nor the receipt."""
    confirmation = submit(client, REMOTE_ADDR=KNOWN_ADDRESS)
    client.post(FOLLOW_URL, {"token": token_of(confirmation), "text": "More"}, REMOTE_ADDR=KNOWN_ADDRESS)
    stored = "\n".join(str(s.get_decoded()) + s.session_data for s in Session.objects.all())
    assert list(client.session.keys()) == [SESSION_KEY]
    for secret in (*SECRETS, receipt_of(confirmation), token_of(confirmation)):
        assert secret not in stored, secret
    assert not AuditEntry.objects.exclude(remote_addr=None).exists()
    assert not AuditEntry.objects.filter(content_type__app_label="violations").exists()


def test_reports_messages_and_files_keep_only_the_day_not_the_time():
    for model in (Report, Message, Attachment):
        assert [f.name for f in model._meta.concrete_fields if isinstance(f, DateTimeField)] == []
