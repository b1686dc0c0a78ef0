"""Background work for the figures: recomputing the stored values whose records changed
(integra.figures.stored). `manage.py db_worker` runs the queued tasks; `manage.py refresh_figures --all`
recomputes every stored value (nightly, from cron or a systemd timer)."""

from django_tasks import task


@task()
def refresh_stored_figures() -> int:
    from integra.figures.services import refresh_stored

    return refresh_stored()
