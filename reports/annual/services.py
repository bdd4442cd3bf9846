"""Writes for the annual report: create and edit (stale saves refused), ask for a draft, render
it (the background task), publish once.

A published report never changes: every service refuses it (`TransitionNotAllowed`) and a
PostgreSQL trigger refuses any UPDATE of its row (migration 0008). Publishing renders the final
version once, without the UTKAST watermark, from the data as they stand, and stores that file
with its SHA-256 in the same transaction that makes the row published; nothing renders it again.
Progress is written with plain UPDATEs outside any transaction so that the status page, served
by another process, sees it while the worker renders.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.models import AnnualReport
from udavtal.lib.concurrency import claim_version
from udavtal.lib.workflow import TransitionNotAllowed

EDITABLE_FIELDS = ("title", "case_number", "introduction", "assessment")


@dataclass
class AnnualReportInput:
    title: str
    case_number: str = ""
    introduction: str = ""
    assessment: str = ""


def _refuse_published(report: AnnualReport) -> None:
    if report.status == AnnualReport.Status.PUBLISHED:
        raise TransitionNotAllowed(_("Årsrapporten är publicerad och kan inte ändras."))


@transaction.atomic
def annual_report_create(*, year: int, data: AnnualReportInput, actor) -> AnnualReport:
    report = AnnualReport(year=year, **{f: getattr(data, f) for f in EDITABLE_FIELDS})
    report._history_user = actor
    report._change_reason = _("Skapad")
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def annual_report_update(
    *, report: AnnualReport, data: AnnualReportInput, expected_version: int, actor
) -> AnnualReport:
    locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
    _refuse_published(locked)
    claim_version(locked, expected_version=expected_version)
    for name in EDITABLE_FIELDS:
        setattr(locked, name, getattr(data, name))
    locked._history_user = actor
    locked._change_reason = _("Texter ändrade")
    locked.save()
    return locked


def _set_progress(report_id: int, percent: int, message: str) -> None:
    AnnualReport.objects.filter(pk=report_id, status=AnnualReport.Status.DRAFT).update(
        progress=percent, progress_message=message[:250]
    )


def annual_report_request_draft(*, report: AnnualReport, actor) -> None:
    """Queue the rendering of a draft (the task runs after the commit)."""
    from reports.annual.tasks import generate_annual_report

    with transaction.atomic():
        locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
        _refuse_published(locked)
        if locked.is_generating:
            raise TransitionNotAllowed(_("Årsrapporten håller redan på att tas fram."))
        _set_progress(locked.pk, 1, _("I kö"))
        transaction.on_commit(lambda: generate_annual_report.enqueue(locked.pk))


def annual_report_request_publication(*, report: AnnualReport, expected_version: int, actor):
    """Queue the publication: the final version is rendered once, without watermark."""
    from reports.annual.tasks import publish_annual_report

    with transaction.atomic():
        locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
        _refuse_published(locked)
        if locked.is_generating:
            raise TransitionNotAllowed(_("Årsrapporten håller redan på att tas fram."))
        if not locked.pdf:
            raise TransitionNotAllowed(_("Ta fram och granska ett utkast innan du publicerar."))
        claim_version(locked, expected_version=expected_version)
        AnnualReport.objects.filter(pk=locked.pk).update(
            progress=1, progress_message=_("I kö för publicering")
        )
        transaction.on_commit(lambda: publish_annual_report.enqueue(locked.pk, actor.pk))


def _render(report: AnnualReport, *, draft: bool):
    from reports.annual.pdf import build_annual_report_pdf

    return build_annual_report_pdf(
        report, draft=draft, progress=lambda p, m: _set_progress(report.pk, p, m)
    )


def annual_report_generate_draft(*, report_id: int) -> AnnualReport:
    """Render a watermarked draft and store it (replacing the previous draft). The task."""
    report = AnnualReport.objects.get(pk=report_id)
    _refuse_published(report)
    try:
        rendered = _render(report, draft=True)
    except Exception:
        _set_progress(report_id, 0, _("Utkastet kunde inte tas fram. Försök igen."))
        raise
    with transaction.atomic():
        locked = AnnualReport.objects.select_for_update().get(pk=report_id)
        _refuse_published(locked)
        if locked.pdf:
            locked.pdf.delete(save=False)
        locked.pdf.save(
            f"arsrapport-{locked.year}-utkast.pdf", ContentFile(rendered.pdf), save=False
        )
        locked.page_count = rendered.page_count
        locked.generated_at = timezone.now()
        locked.progress = 100
        locked.progress_message = _("Utkastet är klart")
        locked._change_reason = _("Utkast framtaget")
        locked.save()
    return locked


def annual_report_publish(*, report_id: int, actor_id: int) -> AnnualReport:
    """Render the final version once and publish it with its SHA-256. The task."""
    report = AnnualReport.objects.get(pk=report_id)
    _refuse_published(report)
    actor = get_user_model().objects.get(pk=actor_id)
    try:
        rendered = _render(report, draft=False)
    except Exception:
        _set_progress(report_id, 0, _("Årsrapporten kunde inte publiceras. Försök igen."))
        raise
    with transaction.atomic():
        locked = AnnualReport.objects.select_for_update().get(pk=report_id)
        _refuse_published(locked)
        if locked.pdf:
            locked.pdf.delete(save=False)
        locked.pdf.save(f"arsrapport-{locked.year}.pdf", ContentFile(rendered.pdf), save=False)
        now = timezone.now()
        locked.pdf_sha256 = hashlib.sha256(rendered.pdf).hexdigest()
        locked.page_count = rendered.page_count
        locked.generated_at = now
        locked.published_at = now
        locked.published_by = actor
        locked.status = AnnualReport.Status.PUBLISHED
        locked.progress = 100
        locked.progress_message = _("Publicerad")
        locked._history_user = actor
        locked._change_reason = _("Publicerad")
        locked.save()
    return locked
