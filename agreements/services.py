"""Writes for agreements: create, edit (districts, goal areas, funding, deadlines), yearly
revisions and attachments. Every write runs in one transaction and leaves a history record.
The workflow's state changes are in `agreements/transitions.py`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from agreements import workflow
from agreements.models import (
    Agreement,
    AgreementFunding,
    AgreementRevision,
    Attachment,
    District,
    GoalArea,
    Municipality,
)
from agreements.workflow import EDITABLE, REVISABLE
from udavtal.lib.concurrency import claim_version
from udavtal.lib.uploads import CheckedUpload
from udavtal.lib.workflow import check_transition


def check_no_overlap(*, agreement: Agreement) -> None:
    """No two agreements of one municipality and policy phase may overlap in time.

    PostgreSQL also enforces this with an exclusion constraint; this check gives the message that
    names the other agreement, and covers SQLite.
    """
    if agreement.status == Agreement.Status.DECLINED:
        return
    other = (
        Agreement.objects.filter(
            municipality_id=agreement.municipality_id,
            policy_phase_id=agreement.policy_phase_id,
            starts_on__lte=agreement.ends_on,
            ends_on__gte=agreement.starts_on,
        )
        .exclude(status=Agreement.Status.DECLINED)
        .exclude(Q(pk=agreement.pk) if agreement.pk else Q())
        .order_by("starts_on")
        .first()
    )
    if other is not None:
        raise ValidationError(
            _(
                "Perioden överlappar avtalet ”%(other)s” (%(period)s) för samma kommun och "
                "politikområde. Ändra perioden eller avsluta det andra avtalet först."
            )
            % {"other": other.title, "period": other.period_label},
            code="overlap",
        )


def check_districts_in_municipality(*, municipality_id: int, districts: Iterable[District]) -> None:
    """The districts of an agreement belong to the agreement's municipality."""
    foreign = sorted(d.name for d in districts if d.municipality_id != municipality_id)
    if foreign:
        raise ValidationError(
            _("Stadsdelarna %(names)s tillhör inte avtalets kommun.")
            % {"names": ", ".join(foreign)},
            code="foreign_district",
        )


@transaction.atomic
def agreement_set_districts(
    *, agreement: Agreement, districts: Iterable[District], actor, reason: str = ""
) -> None:
    districts = list(districts)
    check_districts_in_municipality(municipality_id=agreement.municipality_id, districts=districts)
    agreement._change_reason = reason or _("Stadsdelar ändrade")
    agreement.districts.set(districts)


# --- Create and edit -------------------------------------------------------------------------

# Fields of the agreement that the create and edit forms set (the workflow sets the others).
EDITABLE_FIELDS = (
    "policy_phase",
    "case_number",
    "title",
    "starts_on",
    "ends_on",
    "offered_on",
    "accords_due_on",
    "plans_due_on",
    "description",
)


@dataclass(frozen=True)
class FundingLine:
    """One row of the funding formset: `line` is the saved row it edits (None for a new one)."""

    year: int
    state_amount_sek: Decimal
    municipality_amount_sek: Decimal
    note: str = ""
    line: AgreementFunding | None = None
    delete: bool = False


def check_period(*, agreement: Agreement) -> None:
    """The period is in order and both deadlines lie inside it."""
    errors: dict[str, list[str]] = {}
    if agreement.ends_on < agreement.starts_on:
        errors["ends_on"] = [_("Slutdatum kan inte vara före startdatum.")]
    else:
        for name in ("accords_due_on", "plans_due_on"):
            due = getattr(agreement, name)
            if due is not None and not agreement.starts_on <= due <= agreement.ends_on:
                errors[name] = [
                    _("Tidsfristen måste ligga inom avtalsperioden (%(period)s).")
                    % {"period": agreement.period_label}
                ]
    if errors:
        raise ValidationError(errors)


def check_funding(*, agreement: Agreement, funding: Iterable[FundingLine]) -> None:
    """Amounts are not negative, one line per year, and every year lies inside the period."""
    seen: set[int] = set()
    first, last = agreement.starts_on.year, agreement.ends_on.year
    for row in funding:
        if row.delete:
            if row.line is not None and agreement.status in workflow.FUNDING_KEPT:
                raise ValidationError(
                    _(
                        "Finansieringen för %(year)s i ett undertecknat avtal kan inte tas bort. "
                        "Ändra beloppen (till exempel till 0 kr) och skriv en anteckning."
                    )
                    % {"year": row.line.year},
                    code="funding_kept",
                )
            continue
        if row.state_amount_sek < 0 or row.municipality_amount_sek < 0:
            raise ValidationError(
                _("Beloppen för %(year)s kan inte vara negativa.") % {"year": row.year},
                code="negative",
            )
        if row.year in seen:
            raise ValidationError(
                _("Året %(year)s finns på flera rader. Ange varje år en gång.")
                % {"year": row.year},
                code="duplicate_year",
            )
        if not first <= row.year <= last:
            raise ValidationError(
                _("Året %(year)s ligger utanför avtalsperioden (%(first)s–%(last)s).")
                % {"year": row.year, "first": first, "last": last},
                code="year_outside_period",
            )
        seen.add(row.year)


def _validate(*, agreement: Agreement, districts, funding: list[FundingLine]) -> None:
    check_period(agreement=agreement)
    check_no_overlap(agreement=agreement)
    check_districts_in_municipality(municipality_id=agreement.municipality_id, districts=districts)
    # Saved lines that the caller leaves alone still count for "one line per year".
    named = {row.line.pk for row in funding if row.line is not None}
    untouched = [
        FundingLine(line.year, line.state_amount_sek, line.municipality_amount_sek, line=line)
        for line in (agreement.funding.exclude(pk__in=named) if agreement.pk else [])
    ]
    check_funding(agreement=agreement, funding=[*funding, *untouched])


def _save_funding(*, agreement: Agreement, funding: Iterable[FundingLine], actor, reason) -> None:
    # Deletions first, so that a year may move from a deleted row to a new one.
    rows = sorted(funding, key=lambda row: not row.delete)
    for row in rows:
        line = row.line
        if row.delete:
            if line is not None and line.pk:
                line._history_user = actor
                line._change_reason = reason
                line.delete()
            continue
        if line is None:
            line = AgreementFunding(agreement=agreement)
        values = {
            "year": row.year,
            "state_amount_sek": row.state_amount_sek,
            "municipality_amount_sek": row.municipality_amount_sek,
            "note": row.note,
        }
        if line.pk and all(getattr(line, name) == value for name, value in values.items()):
            continue
        for name, value in values.items():
            setattr(line, name, value)
        line._history_user = actor
        line._change_reason = reason
        line.save()


def _set_relations(*, agreement: Agreement, districts, goal_areas) -> None:
    districts, goal_areas = list(districts), list(goal_areas)
    if {d.pk for d in agreement.districts.all()} != {d.pk for d in districts}:
        agreement.districts.set(districts)
    if {g.pk for g in agreement.goal_areas.all()} != {g.pk for g in goal_areas}:
        agreement.goal_areas.set(goal_areas)


@transaction.atomic
def agreement_create(
    *,
    municipality: Municipality,
    fields: dict,
    districts: Iterable[District] = (),
    goal_areas: Iterable[GoalArea] = (),
    funding: Iterable[FundingLine] = (),
    actor,
) -> Agreement:
    """A new agreement, offered to the municipality, with its districts, goal areas and funding."""
    districts, funding = list(districts), list(funding)
    agreement = Agreement(municipality=municipality, status=Agreement.Status.OFFERED)
    for name in EDITABLE_FIELDS:
        if name in fields:
            setattr(agreement, name, fields[name])
    _validate(agreement=agreement, districts=districts, funding=funding)
    reason = _("Avtalet registrerat som erbjudet")
    agreement._history_user = actor
    agreement._change_reason = reason
    agreement.save()
    _set_relations(agreement=agreement, districts=districts, goal_areas=goal_areas)
    _save_funding(agreement=agreement, funding=funding, actor=actor, reason=reason)
    return agreement


@transaction.atomic
def agreement_update(
    *,
    agreement: Agreement,
    expected_version: int | None,
    fields: dict,
    districts: Iterable[District],
    goal_areas: Iterable[GoalArea],
    funding: Iterable[FundingLine],
    actor,
) -> None:
    """Save the edit form. Refuses a stale form (`StaleObjectError`) and a closed agreement."""
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    check_transition(locked, allowed_from=EDITABLE)
    districts, funding = list(districts), list(funding)
    for name in EDITABLE_FIELDS:
        if name in fields:
            setattr(agreement, name, fields[name])
    _validate(agreement=agreement, districts=districts, funding=funding)
    claim_version(agreement, expected_version=expected_version)
    reason = _("Avtalet ändrat")
    agreement._history_user = actor
    agreement._change_reason = reason
    agreement.save()
    _set_relations(agreement=agreement, districts=districts, goal_areas=goal_areas)
    _save_funding(agreement=agreement, funding=funding, actor=actor, reason=reason)


# --- Yearly revisions ------------------------------------------------------------------------


def agreement_snapshot(agreement: Agreement) -> dict:
    """The agreement's fields, districts, goal areas and funding as they stand, as JSON."""
    agreement = (
        Agreement.objects.select_related("municipality", "policy_phase")
        .prefetch_related("districts", "goal_areas", "funding")
        .get(pk=agreement.pk)
    )

    def day(value):
        return value.isoformat() if value else None

    return {
        "title": agreement.title,
        "case_number": agreement.case_number,
        "municipality": agreement.municipality.name,
        "policy_phase": agreement.policy_phase.name,
        "status": agreement.status,
        "starts_on": day(agreement.starts_on),
        "ends_on": day(agreement.ends_on),
        "offered_on": day(agreement.offered_on),
        "accords_due_on": day(agreement.accords_due_on),
        "plans_due_on": day(agreement.plans_due_on),
        "state_signatory": agreement.state_signatory,
        "state_signatory_title": agreement.state_signatory_title,
        "state_signed_on": day(agreement.state_signed_on),
        "municipality_signatory": agreement.municipality_signatory,
        "municipality_signatory_title": agreement.municipality_signatory_title,
        "municipality_signed_on": day(agreement.municipality_signed_on),
        "description": agreement.description,
        "version": agreement.version,
        "districts": sorted(
            ({"id": d.pk, "code": d.code, "name": d.name} for d in agreement.districts.all()),
            key=lambda d: d["name"],
        ),
        "goal_areas": [
            {"id": g.pk, "name": g.name}
            for g in sorted(agreement.goal_areas.all(), key=lambda g: (g.position, g.name))
        ],
        "funding": [
            {
                "year": line.year,
                "state_amount_sek": str(line.state_amount_sek),
                "municipality_amount_sek": str(line.municipality_amount_sek),
                "note": line.note,
            }
            for line in sorted(agreement.funding.all(), key=lambda line: line.year)
        ],
    }


@transaction.atomic
def agreement_revise(
    *, agreement: Agreement, year: int, description: str, decided_on, actor
) -> AgreementRevision:
    """Record the yearly revision with the agreement as it now stands."""
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    check_transition(locked, allowed_from=REVISABLE)
    if not locked.starts_on.year <= year <= locked.ends_on.year:
        raise ValidationError(
            {
                "year": _("Året måste ligga inom avtalsperioden (%(first)s–%(last)s).")
                % {"first": locked.starts_on.year, "last": locked.ends_on.year}
            }
        )
    if AgreementRevision.objects.filter(agreement=locked, year=year).exists():
        raise ValidationError(
            {"year": _("Avtalet har redan en revidering för %(year)s.") % {"year": year}}
        )
    latest = locked.history.order_by("-history_date", "-history_id").first()
    revision = AgreementRevision(
        agreement=locked,
        year=year,
        description=description,
        decided_on=decided_on,
        snapshot=agreement_snapshot(locked),
        history_id=latest.history_id if latest else None,
        created_by=actor,
    )
    revision._history_user = actor
    revision._change_reason = _("Revidering registrerad")
    revision.save()
    return revision


# --- Attachments -----------------------------------------------------------------------------


@transaction.atomic
def agreement_attach(
    *, agreement: Agreement, upload: CheckedUpload, description: str = "", actor
) -> Attachment:
    """Store a checked upload as an attachment of the agreement."""
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(Agreement),
        object_id=agreement.pk,
        original_name=upload.name,
        mime_type=upload.mime_type,
        size_bytes=upload.size,
        sha256=upload.sha256,
        description=description,
        uploaded_by=actor,
    )
    attachment.file.save(upload.name, upload.file, save=False)
    attachment._history_user = actor
    attachment._change_reason = _("Bilaga uppladdad")
    attachment.save()
    return attachment
