"""Background tasks of the project app (Django tasks, settings.TASKS)."""

from __future__ import annotations

from django.tasks import task

from udavtal import list_exports


@task()
def build_list_export(export_id: str) -> str:
    """Write a stored list export's XLSX; returns its status."""
    return list_exports.list_export_build(export_id=export_id).status
