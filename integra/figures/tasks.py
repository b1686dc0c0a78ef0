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
