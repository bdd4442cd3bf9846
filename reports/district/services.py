"""Writes for annual district reports: creation per year, saving drafts, attachments and the
review cycle (submit → return with a note → resubmit → accept, with the PDF archived once).

Every write runs in one transaction and leaves a history record with the actor and a reason.
An accepted report never changes: these services refuse, and on PostgreSQL a trigger refuses too
(migration `reports.0005_accepted_district_report_immutable`).
"""

from __future__ import annotations

import datetime
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Agreement, Attachment, Measure
from reports.district import selectors
from reports.district.selectors import OPEN_STATUSES, ReportContent
from reports.models import (
    AnnualDistrictReport,
    ReportIndicatorValue,
    ReportMeasure,
    ReportNarrative,
    ReviewStatus,
)
from udavtal.lib.concurrency import claim_version
from udavtal.lib.uploads import check_upload
from udavtal.lib.workflow import TransitionNotAllowed, check_transition, transition

#: The report's own text fields, written by the municipality.
CONTENT_FIELDS = ("summary", "cooperation", "obstacles", "goal_conflicts", "resident_participation")

#: Agreements in these states cover their districts for the years of their period.
IN_FORCE_STATUSES = (
    Agreement.Status.SIGNED,
    Agreement.Status.IN_FORCE,
    Agreement.Status.ENDED,
    Agreement.Status.TERMINATED,
)

DEFAULT_DUE_MONTH_DAY = (10, 1)  # 1 October, as in the source documents


def default_due_on(year: int) -> datetime.date:
    return datetime.date(year, *DEFAULT_DUE_MONTH_DAY)


# --- Creating the reports of a year -----------------------------------------------------------


@dataclass
class CreateResult:
    year: int
    due_on: datetime.date
    created: list[AnnualDistrictReport] = field(default_factory=list)
    existing: int = 0
    due_dates_changed: int = 0


def agreements_in_force_during(year: int):
    return Agreement.objects.filter(
        status__in=IN_FORCE_STATUSES,
        starts_on__lte=datetime.date(year, 12, 31),
        ends_on__gte=datetime.date(year, 1, 1),
    )


def due_date_for_year(year: int) -> datetime.date:
    """The year's due date: the one most of the year's reports have, else 1 October."""
    dates = Counter(AnnualDistrictReport.objects.filter(year=year).values_list("due_on", flat=True))
    return dates.most_common(1)[0][0] if dates else default_due_on(year)


@transaction.atomic
def district_reports_create_for_year(
    *, year: int, due_on: datetime.date | None = None, actor=None, dry_run: bool = False
) -> CreateResult:
    """Create the report of every district covered by an agreement in force during `year`.

    Idempotent: a district that already has its report for the year is left alone. With an
    explicit `due_on`, the year's open reports get that due date too (submitted and accepted ones
    keep theirs); without it new reports get the year's existing due date or 1 October.
    When two agreements cover a district in the same year, the later one is reported on.
    """
    explicit_due_on = due_on
    due_on = due_on or due_date_for_year(year)
    result = CreateResult(year=year, due_on=due_on)
    existing = set(
        AnnualDistrictReport.objects.filter(year=year).values_list("district_id", flat=True)
    )
    result.existing = len(existing)
    agreements = (
        agreements_in_force_during(year).prefetch_related("districts").order_by("-starts_on", "-pk")
    )
    seen = set(existing)
    for agreement in agreements:
        for district in agreement.districts.all():
            if district.pk in seen:
                continue
            seen.add(district.pk)
            report = AnnualDistrictReport(
                district=district, agreement=agreement, year=year, due_on=due_on
            )
            if dry_run:
                result.created.append(report)
                continue
            report._history_user = actor
            report._change_reason = _("Skapad för året %(year)s") % {"year": year}
            try:
                with transaction.atomic():
                    report.save()
            except IntegrityError:  # created by a concurrent run
                result.existing += 1
                continue
            result.created.append(report)
    if explicit_due_on is not None:
        to_move = AnnualDistrictReport.objects.filter(year=year, status__in=OPEN_STATUSES).exclude(
            due_on=explicit_due_on
        )
        for report in to_move.select_for_update():
            result.due_dates_changed += 1
            if dry_run:
                continue
            report.due_on = explicit_due_on
            report._history_user = actor
            report._change_reason = _("Ny sista dag för året")
            report.save(update_fields=["due_on", "updated_at"])
    if dry_run:
        transaction.set_rollback(True)
    return result


# --- Saving a draft -----------------------------------------------------------------------------


@dataclass
class ReportInput:
    """What the municipality wrote, parsed by the form."""

    fields: dict[str, str] = field(default_factory=dict)
    narratives: dict[int, str] = field(default_factory=dict)  # goal area id → text
    values: dict[int, tuple[Decimal | None, str]] = field(default_factory=dict)  # goal indicator
    measures: dict[int, tuple[str, str]] = field(default_factory=dict)  # measure id → status, text


def _lock_open(report: AnnualDistrictReport) -> AnnualDistrictReport:
    locked = AnnualDistrictReport.objects.select_for_update().get(pk=report.pk)
    check_transition(locked, allowed_from=OPEN_STATUSES)
    return locked


def _check_input_matches(content: ReportContent, data: ReportInput) -> None:
    """Rows may only be written for the goal areas, indicators and measures the report has."""
    unknown = [
        set(data.narratives) - content.goal_area_ids,
        set(data.values) - set(content.goal_indicators),
        set(data.measures) - set(content.measures),
        set(data.fields) - set(CONTENT_FIELDS),
    ]
    if any(unknown):
        raise ValidationError(
            _("Redovisningen har ändrats sedan sidan laddades. Ladda om sidan och försök igen.")
        )
    statuses = {status for status, _comment in data.measures.values() if status}
    if statuses - set(Measure.Status.values):
        raise ValidationError(_("Okänd status för en insats."))


def _save_row(row, *, actor, reason: str) -> None:
    row._history_user = actor
    row._change_reason = reason
    row.save()


@transaction.atomic
def district_report_save(
    *, report: AnnualDistrictReport, data: ReportInput, expected_version: int | None, actor
) -> None:
    """Save the municipality's text and rows as a draft (a returned report stays returned)."""
    locked = _lock_open(report)
    content = selectors.district_report_content(locked)
    _check_input_matches(content, data)
    claim_version(report, expected_version=expected_version)
    reason = _("Redovisningen sparad")

    for name, value in data.fields.items():
        setattr(report, name, value)
    report.status = (
        ReviewStatus.DRAFT if locked.status == ReviewStatus.NOT_STARTED else locked.status
    )
    report._history_user = actor
    report._change_reason = reason
    report.save(update_fields=[*CONTENT_FIELDS, "status", "version", "updated_at"])

    narratives = {n.goal_area_id: n for n in ReportNarrative.objects.filter(report=report)}
    for goal_area_id, text in data.narratives.items():
        row = narratives.get(goal_area_id)
        if row is None and text:
            row = ReportNarrative(report=report, goal_area_id=goal_area_id)
        if row is not None and row.text != text:
            row.text = text
            _save_row(row, actor=actor, reason=reason)

    values = {v.goal_indicator_id: v for v in ReportIndicatorValue.objects.filter(report=report)}
    for goal_indicator_id, (value, comment) in data.values.items():
        row = values.get(goal_indicator_id)
        if row is None and (value is not None or comment):
            row = ReportIndicatorValue(report=report, goal_indicator_id=goal_indicator_id)
        if row is not None and (row.value != value or row.comment != comment):
            row.value, row.comment = value, comment
            _save_row(row, actor=actor, reason=reason)

    measures = {m.measure_id: m for m in ReportMeasure.objects.filter(report=report)}
    for measure_id, (status, comment) in data.measures.items():
        row = measures.get(measure_id)
        if row is None and status:
            row = ReportMeasure(report=report, measure_id=measure_id)
        if row is not None and status and (row.status != status or row.comment != comment):
            row.status, row.comment = status, comment
            _save_row(row, actor=actor, reason=reason)


# --- Completeness -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MissingItem:
    """Something a report lacks before it can be submitted; `anchor` is the form field's id."""

    anchor: str
    message: str


SECTION_LABELS = {
    "summary": _("Sammanfattning"),
    "cooperation": _("Samverkan med myndigheter"),
    "obstacles": _("Hinder för samverkan"),
    "goal_conflicts": _("Målkonflikter"),
    "resident_participation": _("De boendes medverkan"),
}


def district_report_missing(content: ReportContent) -> list[MissingItem]:
    """What must be filled in before the report can be submitted, in page order."""
    report = content.report
    missing: list[MissingItem] = []
    if not report.summary.strip():
        missing.append(MissingItem("id_summary", _("Sammanfattningen är tom.")))
    for row in content.narratives:
        if not row.text.strip():
            missing.append(
                MissingItem(
                    f"id_narrative_{row.goal_area.pk}",
                    _("Berättelsen för målområdet ”%(area)s” är tom.")
                    % {"area": row.goal_area.name},
                )
            )
    for goal_row in content.goals:
        for row in goal_row.indicators:
            if row.value is None and not row.comment.strip():
                missing.append(
                    MissingItem(
                        f"id_value_{row.goal_indicator.pk}",
                        _(
                            "Värdet för indikatorn ”%(indicator)s” saknas. Ange värdet eller "
                            "förklara i kommentaren varför det saknas."
                        )
                        % {"indicator": row.indicator.name},
                    )
                )
        for row in goal_row.measures:
            if not row.status:
                missing.append(
                    MissingItem(
                        f"id_measure_status_{row.measure.pk}",
                        _("Status för insatsen ”%(measure)s” är inte angiven.")
                        % {"measure": row.measure.title},
                    )
                )
    for name in CONTENT_FIELDS[1:]:
        if not getattr(report, name).strip():
            missing.append(
                MissingItem(
                    f"id_{name}",
                    _("Avsnittet ”%(section)s” är tomt.") % {"section": SECTION_LABELS[name]},
                )
            )
    return missing


class ReportIncomplete(ValidationError):
    """The report cannot be submitted yet; `items` says what is missing and where."""

    def __init__(self, items: list[MissingItem]):
        self.items = items
        super().__init__([item.message for item in items], code="incomplete")


# --- The review cycle ---------------------------------------------------------------------------


@transaction.atomic
def district_report_submit(
    *, report: AnnualDistrictReport, actor, expected_version: int | None = None
) -> None:
    """Submit a complete report; it is then locked for the municipality until returned."""
    check_transition(report, allowed_from=OPEN_STATUSES)
    missing = district_report_missing(selectors.district_report_content(report))
    if missing:
        raise ReportIncomplete(missing)
    transition(
        report,
        to=ReviewStatus.SUBMITTED,
        allowed_from=(ReviewStatus.DRAFT, ReviewStatus.RETURNED),
        actor=actor,
        reason=_("Inlämnad"),
        expected_version=expected_version,
        submitted_at=timezone.now(),
        submitted_by=actor,
    )


@transaction.atomic
def district_report_return(*, report: AnnualDistrictReport, note: str, actor) -> None:
    """Send a submitted report back to the municipality with the reviewer's note."""
    note = note.strip()
    if not note:
        raise ValidationError(_("Skriv en kommentar till kommunen om vad som ska ändras."))
    transition(
        report,
        to=ReviewStatus.RETURNED,
        allowed_from=(ReviewStatus.SUBMITTED,),
        actor=actor,
        reason=_("Återsänd till kommunen"),
        return_note=note,
        reviewed_at=timezone.now(),
        reviewed_by=actor,
    )


def district_report_author_ids(report: AnnualDistrictReport) -> set[int]:
    """Everyone who wrote any part of the report, read from the history: the submitter, whoever
    changed its text, its narratives, indicator values, measures or attachments. Review steps
    (returning it, creating the empty report for the year) do not make anyone an author."""
    authors = {report.submitted_by_id}
    previous = None
    for record in report.history.order_by("history_date", "history_id").values(
        "history_user_id", *CONTENT_FIELDS
    ):
        if previous is None:
            if any(record[name] for name in CONTENT_FIELDS):
                authors.add(record["history_user_id"])
        elif any(record[name] != previous[name] for name in CONTENT_FIELDS):
            authors.add(record["history_user_id"])
        previous = record
    for model in (ReportNarrative, ReportIndicatorValue, ReportMeasure):
        authors.update(
            model.history.filter(report_id=report.pk).values_list("history_user_id", flat=True)
        )
    authors.update(
        Attachment.history.filter(
            content_type_id=_content_type_id(), object_id=report.pk
        ).values_list("history_user_id", flat=True)
    )
    authors.discard(None)
    return authors


def _content_type_id() -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(AnnualDistrictReport).pk


def may_accept(*, report: AnnualDistrictReport, actor) -> bool:
    """The four-eyes rule: nobody accepts a report they wrote."""
    return actor.pk not in district_report_author_ids(report)


@transaction.atomic
def district_report_accept(*, report: AnnualDistrictReport, actor) -> None:
    """Accept a submitted report: it becomes immutable and its PDF is rendered once and archived,
    in the same transaction (a failed rendering leaves the report submitted)."""
    if not may_accept(report=report, actor=actor):
        raise PermissionDenied(
            _("Du kan inte godkänna en redovisning som du själv har skrivit eller ändrat.")
        )
    transition(
        report,
        to=ReviewStatus.ACCEPTED,
        allowed_from=(ReviewStatus.SUBMITTED,),
        actor=actor,
        reason=_("Godkänd"),
        reviewed_at=timezone.now(),
        reviewed_by=actor,
    )
    from reports.district.pdf import build_district_report_pdf

    district_report_archive_pdf(report=report, pdf=build_district_report_pdf(report), actor=actor)


def district_report_archive_pdf(*, report: AnnualDistrictReport, pdf: bytes, actor) -> None:
    """The one write allowed on an accepted report: store its PDF and checksum, once."""
    if report.status != ReviewStatus.ACCEPTED or report.pdf_sha256:
        raise TransitionNotAllowed(_("Redovisningens PDF är redan arkiverad."))
    name = f"redovisning-{report.district.code}-{report.year}-{report.pk}.pdf"
    report.pdf.save(name, ContentFile(pdf), save=False)
    report.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    report._history_user = actor
    report._change_reason = _("PDF arkiverad")
    report.save(update_fields=["pdf", "pdf_sha256"])


# --- Attachments --------------------------------------------------------------------------------


@transaction.atomic
def district_report_attach(
    *, report: AnnualDistrictReport, upload, description: str = "", actor
) -> Attachment:
    """Attach a checked file (PDF, Word, Excel) to an open report."""
    _lock_open(report)
    checked = check_upload(upload)
    attachment = Attachment(
        content_object=report,
        file=checked.file,
        original_name=checked.name,
        mime_type=checked.mime_type,
        size_bytes=checked.size,
        sha256=checked.sha256,
        description=description,
        uploaded_by=actor,
    )
    attachment._history_user = actor
    attachment._change_reason = _("Bilaga tillagd")
    attachment.save()
    return attachment


@transaction.atomic
def district_report_remove_attachment(
    *, report: AnnualDistrictReport, attachment: Attachment, actor
) -> None:
    """Remove an attachment from an open report (the history keeps the record)."""
    _lock_open(report)
    if attachment.object_id != report.pk or attachment.content_type_id != _content_type_id():
        raise ValidationError(_("Bilagan hör inte till redovisningen."))
    attachment._history_user = actor
    attachment._change_reason = _("Bilaga borttagen")
    attachment.delete()
