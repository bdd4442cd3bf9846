"""Background tasks (Django tasks): the database backend with `manage.py db_worker` in
production, the immediate backend in development and tests (settings.TASKS)."""

from __future__ import annotations

from django.tasks import task

from reports.annual import services


@task()
def generate_annual_report(report_id: int) -> int:
    """Render a watermarked draft of the annual report; returns its page count."""
    return services.annual_report_generate_draft(report_id=report_id).page_count


@task()
def publish_annual_report(report_id: int, actor_id: int) -> str:
    """Render the final version once, publish it; returns its SHA-256."""
    return services.annual_report_publish(report_id=report_id, actor_id=actor_id).pdf_sha256
