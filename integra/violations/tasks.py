from django_tasks import task

from integra.violations import services


@task()
def delete_expired_reports() -> int:
    """Delete reports closed longer ago than VIOLATIONS_RETENTION_DAYS; returns how many."""
    return services.retention_run().reports_deleted
