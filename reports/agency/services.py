"""Writes for the agencies' yearly reports under 13 § förordningen (2008:348).

The review cycle is the district reports': ej påbörjad → utkast → inlämnad → (återsänd → inlämnad
…) → godkänd. Every write runs in one transaction with a history record; an accepted report is
never changed (every write checks the state and refuses with `TransitionNotAllowed`).
"""

from __future__ import annotations

import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.models import AgencyUnit, CooperationAccord, Partnership
from reports.models import AgencyReport, AgencyReportCompilation, AgencyReportEntry
from udavtal.lib.concurrency import claim_version
from udavtal.lib.workflow import TransitionNotAllowed, check_transition, transition

Status = AgencyReport.Status
EDITABLE = (Status.NOT_STARTED, Status.DRAFT, Status.RETURNED)
SUBMITTABLE = (Status.DRAFT, Status.RETURNED)
COMPILABLE_SOURCES = (Status.SUBMITTED, Status.ACCEPTED)


def default_due_on(year: int) -> datetime.date:
    """Agency reports are due with the municipalities' reports: 1 October."""
    return datetime.date(year, 10, 1)


def _save(obj, *, actor, reason: str) -> None:
    obj._history_user = actor
    obj._change_reason = reason
    obj.save()


def unit_ids_under(unit: AgencyUnit) -> set[int]:
    """The unit and every unit below it (one query for the agency's units)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in AgencyUnit.objects.filter(agency_id=unit.agency_id).values_list(
        "pk", "parent_id"
    ):
        children.setdefault(parent_id, []).append(pk)
    found, stack = set(), [unit.pk]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(children.get(current, []))
    return found


def partnerships_of_report(report: AgencyReport):
    """Partnerships the reporting unit (a central unit: any unit of the agency) takes part in,
    as a member or through an accord."""
    if report.unit.level == AgencyUnit.Level.CENTRAL:
        units = Q(agency_unit__agency_id=report.agency_id)
    else:
        units = Q(agency_unit_id__in=unit_ids_under(report.unit))
    via_accords = CooperationAccord.objects.filter(units).values("agreement_id")
    members = Q(members__agency_unit__agency_id=report.agency_id)
    if report.unit.level != AgencyUnit.Level.CENTRAL:
        members = Q(members__agency_unit_id__in=unit_ids_under(report.unit))
    return Partnership.objects.filter(members | Q(agreement_id__in=via_accords)).distinct()


@transaction.atomic
def agency_report_create(
    *, unit: AgencyUnit, year: int, actor, due_on: datetime.date | None = None
) -> AgencyReport:
    if AgencyReport.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(
            _("%(unit)s har redan en redovisning för %(year)s.")
            % {"unit": unit.name, "year": year},
            code="exists",
        )
    report = AgencyReport(
        agency_id=unit.agency_id,
        unit=unit,
        year=year,
        due_on=due_on or default_due_on(year),
        status=Status.DRAFT,
    )
    _save(report, actor=actor, reason=_("Redovisningen påbörjad"))
    return report


def _claim_editable(report: AgencyReport, *, expected_version: int | None) -> None:
    """Lock the report, refuse unless editable, bump the version; a first edit starts the draft."""
    locked = AgencyReport.objects.select_for_update().get(pk=report.pk)
    check_transition(locked, allowed_from=EDITABLE)
    claim_version(report, expected_version=expected_version)
    if report.status == Status.NOT_STARTED:
        report.status = Status.DRAFT


REPORT_FIELDS = ("summary", "obstacles", "proposals")


@transaction.atomic
def agency_report_update(
    *, report: AgencyReport, data: dict, expected_version: int | None, actor
) -> AgencyReport:
    _claim_editable(report, expected_version=expected_version)
    for name in REPORT_FIELDS:
        if name in data:
            setattr(report, name, data[name])
    _save(report, actor=actor, reason=_("Redovisningen ändrad"))
    return report


ENTRY_FIELDS = ("done", "obstacles", "proposals")


@transaction.atomic
def agency_report_entry_save(
    *,
    report: AgencyReport,
    partnership: Partnership,
    data: dict,
    expected_version: int | None,
    actor,
    entry: AgencyReportEntry | None = None,
) -> AgencyReportEntry:
    """Add or change the report's section for one partnership."""
    if not partnerships_of_report(report).filter(pk=partnership.pk).exists():
        raise ValidationError(
            _("%(unit)s ingår inte i partnerskapet ”%(partnership)s”.")
            % {"unit": report.unit.name, "partnership": partnership.name},
            code="not_a_partner",
        )
    others = AgencyReportEntry.objects.filter(report=report, partnership=partnership)
    if entry is not None:
        others = others.exclude(pk=entry.pk)
    if others.exists():
        raise ValidationError(
            _("Redovisningen har redan ett avsnitt för ”%(partnership)s”.")
            % {"partnership": partnership.name},
            code="entry_exists",
        )
    _claim_editable(report, expected_version=expected_version)
    _save(report, actor=actor, reason=_("Avsnitt för %(p)s ändrat") % {"p": partnership.name})
    entry = entry or AgencyReportEntry(report=report)
    entry.partnership = partnership
    for name in ENTRY_FIELDS:
        setattr(entry, name, data.get(name, ""))
    _save(entry, actor=actor, reason=_("Avsnitt sparat"))
    return entry


@transaction.atomic
def agency_report_submit(*, report: AgencyReport, actor, expected_version=None) -> None:
    if not (report.summary.strip() or report.entries.exists()):
        raise ValidationError(
            _("Skriv en sammanfattning eller redovisa minst ett partnerskap innan du lämnar in."),
            code="empty",
        )
    transition(
        report,
        to=Status.SUBMITTED,
        allowed_from=SUBMITTABLE,
        actor=actor,
        reason=_("Inlämnad"),
        expected_version=expected_version,
        submitted_at=timezone.now(),
        submitted_by=actor,
    )


def report_authors(report: AgencyReport) -> set[int]:
    """Users who wrote the report: whoever saved it or its sections, except the reviewers'
    own saves (a return or an acceptance of a submitted report)."""
    authors: set[int] = set()
    previous = None
    for user_id, status in report.history.order_by("history_date", "history_id").values_list(
        "history_user_id", "status"
    ):
        is_review = previous == Status.SUBMITTED and status in (Status.RETURNED, Status.ACCEPTED)
        if user_id is not None and not is_review:
            authors.add(user_id)
        previous = status
    authors |= set(
        AgencyReportEntry.history.filter(report_id=report.pk, history_user__isnull=False)
        .values_list("history_user_id", flat=True)
        .distinct()
    )
    return authors


def _check_reviewer(report: AgencyReport, actor) -> None:
    """Nobody reviews a report they wrote."""
    if actor.pk == report.submitted_by_id or actor.pk in report_authors(report):
        raise ValidationError(
            _("Du har själv skrivit eller lämnat in redovisningen och kan inte granska den."),
            code="own_report",
        )


@transaction.atomic
def agency_report_return(*, report: AgencyReport, note: str, actor, expected_version=None) -> None:
    check_transition(report, allowed_from=[Status.SUBMITTED])
    _check_reviewer(report, actor)
    transition(
        report,
        to=Status.RETURNED,
        allowed_from=[Status.SUBMITTED],
        actor=actor,
        reason=_("Återsänd: %(note)s") % {"note": note},
        expected_version=expected_version,
        return_note=note,
        reviewed_at=timezone.now(),
        reviewed_by=actor,
    )


@transaction.atomic
def agency_report_accept(*, report: AgencyReport, actor, expected_version=None) -> None:
    """Accept a submitted report: it never changes again, and its PDF is rendered once and
    archived in the same transaction (a failed rendering leaves the report submitted)."""
    check_transition(report, allowed_from=[Status.SUBMITTED])
    _check_reviewer(report, actor)
    transition(
        report,
        to=Status.ACCEPTED,
        allowed_from=[Status.SUBMITTED],
        actor=actor,
        reason=_("Godkänd"),
        expected_version=expected_version,
        reviewed_at=timezone.now(),
        reviewed_by=actor,
    )
    from reports.agency.pdf import build_agency_report_pdf

    agency_report_archive_pdf(report=report, pdf=build_agency_report_pdf(report), actor=actor)


def agency_report_archive_pdf(*, report: AgencyReport, pdf: bytes, actor) -> None:
    """The one write allowed on an accepted report: store its PDF and checksum, once."""
    if report.status != Status.ACCEPTED or report.pdf_sha256:
        raise TransitionNotAllowed(_("Redovisningens PDF är redan arkiverad."))
    name = f"myndighetsredovisning-{report.unit_id}-{report.year}-{report.pk}.pdf"
    report.pdf.save(name, ContentFile(pdf), save=False)
    report.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    report._history_user = actor
    report._change_reason = _("PDF arkiverad")
    report.save(update_fields=["pdf", "pdf_sha256"])


def compile_sources(*, unit: AgencyUnit, year: int):
    """The submitted and accepted reports of the agency's other units for the year."""
    return (
        AgencyReport.objects.filter(
            agency_id=unit.agency_id, year=year, status__in=COMPILABLE_SOURCES
        )
        .exclude(unit=unit)
        .exclude(unit__level=AgencyUnit.Level.CENTRAL)
        .select_related("unit")
        .order_by("unit__name")
    )


def _joined(parts: list[tuple[str, str]]) -> str:
    return "\n\n".join(f"{name}: {text.strip()}" for name, text in parts if text.strip())


@transaction.atomic
def agency_report_compile(
    *, unit: AgencyUnit, year: int, actor, expected_version: int | None = None
) -> AgencyReport:
    """Create or update the central unit's report from the regional units' submitted and accepted
    reports (Rikspolisstyrelsen and the police authorities). The sections per partnership, the
    obstacles and the proposals are rebuilt from the sources, each paragraph naming its unit; the
    summary stays the central unit's own. Who compiled which reports is kept."""
    if unit.level != AgencyUnit.Level.CENTRAL:
        raise ValidationError(
            _("Bara myndighetens centrala enhet sammanställer de regionala redovisningarna."),
            code="not_central",
        )
    sources = list(compile_sources(unit=unit, year=year))
    if not sources:
        raise ValidationError(
            _(
                "Det finns inga inlämnade eller godkända redovisningar från %(agency)s enheter "
                "för %(year)s att sammanställa."
            )
            % {"agency": unit.agency.name, "year": year},
            code="no_sources",
        )
    report = AgencyReport.objects.filter(unit=unit, year=year).first()
    if report is None:
        report = agency_report_create(unit=unit, year=year, actor=actor)
        expected_version = report.version
    _claim_editable(report, expected_version=expected_version)

    report.obstacles = _joined([(s.unit.name, s.obstacles) for s in sources])
    report.proposals = _joined([(s.unit.name, s.proposals) for s in sources])
    _save(
        report,
        actor=actor,
        reason=_("Sammanställd från %(n)s redovisningar") % {"n": len(sources)},
    )

    by_partnership: dict[int, list[tuple[str, AgencyReportEntry]]] = {}
    source_entries = AgencyReportEntry.objects.filter(report__in=sources).select_related(
        "report__unit"
    )
    for entry in source_entries.order_by("report__unit__name", "id"):
        by_partnership.setdefault(entry.partnership_id, []).append((entry.report.unit.name, entry))
    existing = {e.partnership_id: e for e in report.entries.select_for_update()}
    for partnership_id, parts in by_partnership.items():
        target = existing.get(partnership_id) or AgencyReportEntry(
            report=report, partnership_id=partnership_id
        )
        for name in ENTRY_FIELDS:
            setattr(
                target, name, _joined([(unit_name, getattr(e, name)) for unit_name, e in parts])
            )
        _save(target, actor=actor, reason=_("Sammanställt från de regionala redovisningarna"))

    report.compiled_from.add(*sources)
    compilation = AgencyReportCompilation.objects.create(
        report=report,
        compiled_by=actor,
        source_states=[
            {
                "id": s.pk,
                "unit": s.unit.name,
                "status": s.status,
                "version": s.version,
                "submitted_at": s.submitted_at.isoformat() if s.submitted_at else None,
            }
            for s in sources
        ],
    )
    compilation.sources.set(sources)
    return report
