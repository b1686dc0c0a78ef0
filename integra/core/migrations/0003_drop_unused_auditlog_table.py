"""Drop django-auditlog's own log table, which Integra never uses.

Integra keeps its audit log in core.AuditEntry (AUDITLOG_LOGENTRY_MODEL). django-auditlog's
migrations still create auditlog_logentry; left in place, its foreign key to accounts_user
makes PostgreSQL refuse to empty the user table (TRUNCATE in the test runner's flush), and an
unused table of personal data is one more place to forget. When upgrading django-auditlog,
check that its new migrations do not touch auditlog_logentry.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_audit_append_only"),
        ("auditlog", "0017_add_actor_email"),
    ]
    operations = [migrations.RunSQL("DROP TABLE IF EXISTS auditlog_logentry", reverse_sql=migrations.RunSQL.noop)]
