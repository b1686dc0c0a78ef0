"""Background work for the figures: funder reports asked for on the dashboard, their deletion after
FIGURES_EXPORT_HOURS, and recomputing the stored values whose records changed (integra.figures.stored).
`manage.py db_worker` runs the queued tasks; `manage.py refresh_figures --all` recomputes every stored value
(nightly, from cron or a systemd timer)."""

from django_tasks import task

from integra.figures import export


@task()
def build_export(export_id: int) -> str:
    """Make a funder report asked for on the dashboard (a PDF, or a long period); returns its status."""
    return export.export_build(export_id=export_id)


@task()
def delete_expired_exports() -> int:
    """Delete the reports made more than FIGURES_EXPORT_HOURS ago (24 by default); returns how many."""
    return export.exports_delete_expired()


@task()
def refresh_stored_figures() -> int:
    from integra.figures.services import refresh_stored  # noqa: PLC0415 - services import the tasks module

    return refresh_stored()
