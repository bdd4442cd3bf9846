"""Writes for cooperation accords: create, edit, commitments, the workflow, attachments."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Agreement, Attachment, GoalArea, PlanGoal, StrategicDistrictPlan
from partnerships.models import (
    AccordCommitment,
    AgencyUnit,
    CooperationAccord,
    PartnershipMember,
)
from partnerships.services.common import (
    AGREEMENT_SIGNABLE,
    EDITABLE_FIELDS,
    Side,
    Status,
    _check_ready_to_propose,
    _save,
    check_agreement_open,
    check_period,
    check_plans_of_agreement,
    check_unit_covers,
    check_unit_may_sign,
)
from partnerships.services.partnerships import _join_partnership
from udavtal.lib.concurrency import claim_version
from udavtal.lib.uploads import check_upload
from udavtal.lib.workflow import check_transition, transition


@transaction.atomic
def accord_create(
    *,
    agreement: Agreement,
    agency_unit: AgencyUnit,
    title: str,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    case_number: str = "",
    actor,
) -> CooperationAccord:
    """A new draft between the unit and the agreement's municipality (period defaults to the
    agreement's)."""
    check_agreement_open(agreement)
    check_unit_covers(unit=agency_unit, municipality=agreement.municipality)
    starts_on = starts_on or agreement.starts_on
    ends_on = ends_on or agreement.ends_on
    check_period(agreement=agreement, starts_on=starts_on, ends_on=ends_on)
    accord = CooperationAccord(
        agreement=agreement,
        municipality_id=agreement.municipality_id,
        agency_unit=agency_unit,
        title=title,
        case_number=case_number,
        starts_on=starts_on,
        ends_on=ends_on,
        status=Status.DRAFT,
    )
    _save(accord, actor=actor, reason=_("Utkast skapat"))
    accord.goal_areas.set(agreement.goal_areas.all())
    return accord


def _revise_or_claim(
    accord: CooperationAccord, *, expected_version, reason: str, actor, default_reason: str
) -> None:
    """A change to a draft bumps the version; a change to an accord in force is a revision."""
    if accord.status in CooperationAccord.IN_FORCE:
        if not reason.strip():
            raise ValidationError(
                _(
                    "Beskriv vad som ändras och varför: en ändring av en undertecknad "
                    "överenskommelse är en revidering."
                ),
                code="reason_required",
            )
        transition(
            accord,
            to=Status.REVISED,
            allowed_from=CooperationAccord.IN_FORCE,
            actor=actor,
            reason=_("Reviderad: %(reason)s") % {"reason": reason.strip()},
            expected_version=expected_version,
            status_reason=reason.strip(),
        )
    else:
        locked = CooperationAccord.objects.select_for_update().get(pk=accord.pk)
        check_transition(locked, allowed_from=[Status.DRAFT])
        claim_version(accord, expected_version=expected_version)
        _save(accord, actor=actor, reason=reason.strip() or default_reason)


@transaction.atomic
def accord_update(
    *,
    accord: CooperationAccord,
    data: dict,
    plans: Iterable[StrategicDistrictPlan],
    goal_areas: Iterable[GoalArea],
    expected_version: int | None,
    reason: str = "",
    actor,
) -> CooperationAccord:
    """Change the accord's fields, plans and goal areas (a draft; or a revision when signed)."""
    plans = list(plans)
    check_plans_of_agreement(agreement=accord.agreement, plans=plans)
    check_period(
        agreement=accord.agreement,
        starts_on=data.get("starts_on", accord.starts_on),
        ends_on=data.get("ends_on", accord.ends_on),
    )
    unit = data.get("agency_unit", accord.agency_unit)
    if unit.pk != accord.agency_unit_id:
        if accord.status != Status.DRAFT:
            raise ValidationError(
                _("Enheten kan bara bytas medan överenskommelsen är ett utkast."),
                code="unit_locked",
            )
        if unit.agency_id != accord.agency_unit.agency_id:
            raise ValidationError(
                _("Enheten måste höra till samma myndighet."), code="unit_other_agency"
            )
        check_unit_covers(unit=unit, municipality=accord.municipality)
    kept_plan_ids = {p.pk for p in plans}
    orphaned = (
        accord.commitments.active()
        .exclude(plan_goal__plan_id__in=kept_plan_ids)
        .select_related("plan_goal__plan__district")
    )
    names = sorted({c.plan_goal.plan.district.name for c in orphaned})
    if names:
        raise ValidationError(
            _(
                "Stadsdelsplanen för %(names)s har åtaganden i överenskommelsen. Ta bort eller "
                "flytta åtagandena innan planen tas bort."
            )
            % {"names": ", ".join(names)},
            code="plan_in_use",
        )
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(accord, name, data[name])
    _revise_or_claim(
        accord,
        expected_version=expected_version,
        reason=reason,
        actor=actor,
        default_reason=_("Utkast ändrat"),
    )
    accord._change_reason = reason.strip() or _("Stadsdelsplaner och målområden ändrade")
    accord.plans.set(plans)
    accord.goal_areas.set(list(goal_areas))
    return accord


@dataclass(frozen=True)
class CommitmentRow:
    """One row of the commitments form: `pk` None for a new commitment."""

    pk: int | None
    plan_goal: PlanGoal
    what: str
    who: str = ""
    when: str = ""
    resources: str = ""
    remove: bool = False


COMMITMENT_FIELDS = ("plan_goal", "what", "who", "when", "resources")


@transaction.atomic
def accord_set_commitments(
    *,
    accord: CooperationAccord,
    rows: Iterable[CommitmentRow],
    expected_version: int | None,
    reason: str = "",
    actor,
) -> CooperationAccord:
    """Add, change and remove commitments. A removed commitment is kept (marked removed) so the
    history shows what the accord once promised. On an accord in force this is a revision."""
    rows = list(rows)
    plan_ids = set(accord.plans.values_list("pk", flat=True))
    foreign = [r for r in rows if not r.remove and r.plan_goal.plan_id not in plan_ids]
    if foreign:
        raise ValidationError(
            _(
                "Målet ”%(goal)s” hör inte till någon av de stadsdelsplaner som överenskommelsen "
                "bygger på."
            )
            % {"goal": str(foreign[0].plan_goal)},
            code="foreign_goal",
        )
    _revise_or_claim(
        accord,
        expected_version=expected_version,
        reason=reason,
        actor=actor,
        default_reason=_("Åtaganden ändrade"),
    )
    existing = {c.pk: c for c in accord.commitments.active().select_for_update()}
    now = timezone.now()
    why = reason.strip() or _("Åtaganden ändrade")
    for row in rows:
        if row.pk is None:
            if row.remove:
                continue
            commitment = AccordCommitment(accord=accord)
        else:
            commitment = existing.get(row.pk)
            if commitment is None:
                raise ValidationError(_("Åtagandet finns inte längre."), code="gone")
            if row.remove:
                commitment.removed_at = now
                _save(commitment, actor=actor, reason=why)
                continue
        values = {name: getattr(row, name) for name in COMMITMENT_FIELDS}
        changed = commitment.pk is None or any(
            getattr(commitment, name) != value for name, value in values.items()
        )
        if changed:
            for name, value in values.items():
                setattr(commitment, name, value)
            _save(commitment, actor=actor, reason=why)
    return accord


def side_label(side: str) -> str:
    return str(Side(side).label)


@transaction.atomic
def accord_propose(
    *, accord: CooperationAccord, side: str, actor, expected_version: int | None = None
) -> None:
    """The agency or the municipality proposes the draft to the other side."""
    check_transition(accord, allowed_from=[Status.DRAFT])
    _check_ready_to_propose(accord)
    check_period(agreement=accord.agreement, starts_on=accord.starts_on, ends_on=accord.ends_on)
    transition(
        accord,
        to=Status.PROPOSED,
        allowed_from=[Status.DRAFT],
        actor=actor,
        reason=_("Föreslagen av %(side)s") % {"side": side_label(side).lower()},
        expected_version=expected_version,
        proposed_by=side,
        proposed_at=timezone.now(),
        status_reason="",
    )


def _check_other_side(accord: CooperationAccord, side: str) -> None:
    if side == accord.proposed_by:
        raise ValidationError(
            _("Den part som lämnade förslaget kan inte själv godta eller avböja det."),
            code="own_proposal",
        )


@transaction.atomic
def accord_accept(
    *,
    accord: CooperationAccord,
    side: str,
    agency_signatory: str,
    agency_signed_on: datetime.date,
    municipality_signatory: str,
    municipality_signed_on: datetime.date,
    actor,
    expected_version: int | None = None,
) -> None:
    """The other side accepts the proposal: the accord is signed by both and the agency unit
    joins the agreement's local partnership."""
    check_transition(accord, allowed_from=[Status.PROPOSED])
    _check_other_side(accord, side)
    agreement = accord.agreement
    if agreement.status not in AGREEMENT_SIGNABLE:
        raise ValidationError(
            _(
                "Avtalet ”%(agreement)s” har status ”%(status)s”. En samverkansöverenskommelse "
                "kan undertecknas först när avtalet är undertecknat."
            )
            % {"agreement": agreement.title, "status": agreement.get_status_display()},
            code="agreement_not_signed",
        )
    check_unit_may_sign(
        unit=accord.agency_unit, municipality=accord.municipality, on=agency_signed_on
    )
    check_period(agreement=agreement, starts_on=accord.starts_on, ends_on=accord.ends_on)
    transition(
        accord,
        to=Status.SIGNED,
        allowed_from=[Status.PROPOSED],
        actor=actor,
        reason=_("Godtagen och undertecknad av %(side)s") % {"side": side_label(side).lower()},
        expected_version=expected_version,
        agency_signatory=agency_signatory,
        agency_signed_on=agency_signed_on,
        municipality_signatory=municipality_signatory,
        municipality_signed_on=municipality_signed_on,
        status_reason="",
    )
    _join_partnership(accord, actor=actor)


@transaction.atomic
def accord_decline(
    *, accord: CooperationAccord, side: str, reason: str, actor, expected_version=None
) -> None:
    check_transition(accord, allowed_from=[Status.PROPOSED])
    _check_other_side(accord, side)
    transition(
        accord,
        to=Status.DECLINED,
        allowed_from=[Status.PROPOSED],
        actor=actor,
        reason=_("Avböjd av %(side)s: %(reason)s")
        % {"side": side_label(side).lower(), "reason": reason},
        expected_version=expected_version,
        status_reason=reason,
    )


@transaction.atomic
def accord_reopen(*, accord: CooperationAccord, reason: str, actor, expected_version=None) -> None:
    """Back to draft for more work together (either side, e.g. to ask for changes)."""
    transition(
        accord,
        to=Status.DRAFT,
        allowed_from=[Status.PROPOSED],
        actor=actor,
        reason=_("Tillbaka till utkast: %(reason)s") % {"reason": reason},
        expected_version=expected_version,
        status_reason=reason,
        proposed_by="",
        proposed_at=None,
    )


@transaction.atomic
def accord_end(
    *,
    accord: CooperationAccord,
    ended_on: datetime.date,
    reason: str,
    actor,
    expected_version=None,
) -> None:
    """The accord ends (upphör); the unit leaves the partnership unless another accord of the
    unit for the same agreement is still in force."""
    if ended_on < accord.starts_on:
        raise ValidationError(
            _("Överenskommelsen kan inte upphöra före sitt startdatum %(start)s.")
            % {"start": f"{accord.starts_on:%Y-%m-%d}"},
            code="ended_before_start",
        )
    transition(
        accord,
        to=Status.ENDED,
        allowed_from=CooperationAccord.IN_FORCE,
        actor=actor,
        reason=_("Upphörd: %(reason)s") % {"reason": reason},
        expected_version=expected_version,
        ended_on=ended_on,
        status_reason=reason,
    )
    for member in PartnershipMember.objects.select_for_update().filter(accord=accord):
        other = (
            CooperationAccord.objects.in_force()
            .filter(agreement_id=accord.agreement_id, agency_unit_id=accord.agency_unit_id)
            .exclude(pk=accord.pk)
            .first()
        )
        if other is not None:
            member.accord = other
            reason_text = _("Ansluten genom ”%(accord)s”") % {"accord": other.title}
        else:
            member.left_on = ended_on
            reason_text = _("Lämnade partnerskapet: överenskommelsen upphörde")
        claim_version(member, expected_version=None)
        _save(member, actor=actor, reason=reason_text)


@transaction.atomic
def accord_attach(*, accord: CooperationAccord, uploaded, description: str, actor) -> Attachment:
    """Store an uploaded file (type sniffed, size limited, name sanitised) on the accord."""
    if accord.status in (Status.DECLINED, Status.ENDED):
        raise ValidationError(
            _("Bilagor kan inte läggas till när överenskommelsen är %(status)s.")
            % {"status": accord.get_status_display().lower()},
            code="closed",
        )
    checked = check_upload(uploaded)
    attachment = Attachment(
        content_object=accord,
        file=checked.file,
        original_name=checked.name,
        mime_type=checked.mime_type,
        size_bytes=checked.size,
        sha256=checked.sha256,
        description=description,
        uploaded_by=actor,
    )
    _save(attachment, actor=actor, reason=_("Bilaga uppladdad"))
    return attachment
