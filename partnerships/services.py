"""Writes for cooperation accords and local partnerships.

Every function runs in one transaction, records who acted and why in the history
(django-simple-history), refuses a stale save (`claim_version`) and a wrong state (`transition`).
Cross-row rules (plans of the agreement, period inside the agreement's, the right signing unit)
are checked here and raise `ValidationError` with Swedish messages.
"""

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
    Partnership,
    PartnershipMember,
)
from udavtal.lib.concurrency import claim_version
from udavtal.lib.uploads import check_upload
from udavtal.lib.workflow import check_transition, transition

Status = CooperationAccord.Status
Side = CooperationAccord.Side

# Agreements an accord may be drafted against, and the ones it may be signed under.
AGREEMENT_OPEN_FOR_ACCORDS = (
    Agreement.Status.NEGOTIATING,
    Agreement.Status.SIGNED,
    Agreement.Status.IN_FORCE,
)
AGREEMENT_SIGNABLE = (Agreement.Status.SIGNED, Agreement.Status.IN_FORCE)

# Fields of the accord that its edit form changes.
EDITABLE_FIELDS = (
    "title",
    "case_number",
    "agency_unit",
    "starts_on",
    "ends_on",
    "agency_contact",
    "municipality_contact",
    "description",
)


# ---------------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------------


def check_agreement_open(agreement: Agreement) -> None:
    if agreement.status not in AGREEMENT_OPEN_FOR_ACCORDS:
        raise ValidationError(
            _(
                "Avtalet ”%(agreement)s” har status ”%(status)s”. Samverkansöverenskommelser "
                "kan bara tas fram för avtal under överläggning, undertecknade eller gällande "
                "avtal."
            )
            % {"agreement": agreement.title, "status": agreement.get_status_display()},
            code="agreement_closed",
        )


def check_period(*, agreement: Agreement, starts_on, ends_on) -> None:
    if starts_on is None or ends_on is None:
        return
    if ends_on < starts_on:
        raise ValidationError(_("Slutdatum kan inte ligga före startdatum."), code="period_order")
    if starts_on < agreement.starts_on or ends_on > agreement.ends_on:
        raise ValidationError(
            _("Överenskommelsens period måste ligga inom avtalets period (%(start)s – %(end)s).")
            % {"start": f"{agreement.starts_on:%Y-%m-%d}", "end": f"{agreement.ends_on:%Y-%m-%d}"},
            code="period_outside_agreement",
        )


def check_plans_of_agreement(*, agreement: Agreement, plans: Iterable[StrategicDistrictPlan]):
    foreign = sorted(str(p.district.name) for p in plans if p.agreement_id != agreement.pk)
    if foreign:
        raise ValidationError(
            _("Stadsdelsplanerna för %(names)s hör inte till avtalet.")
            % {"names": ", ".join(foreign)},
            code="foreign_plan",
        )


def check_unit_covers(*, unit: AgencyUnit, municipality) -> None:
    """The unit may sign accords and, unless central, covers the municipality."""
    if not unit.may_sign_accords:
        raise ValidationError(
            _(
                "Enheten ”%(unit)s” får inte teckna samverkansöverenskommelser. Välj den enhet "
                "inom %(agency)s som tecknar överenskommelser för kommunen."
            )
            % {"unit": unit.name, "agency": unit.agency.name},
            code="unit_may_not_sign",
        )
    if not unit.covers(municipality):
        raise ValidationError(
            _(
                "Enheten ”%(unit)s” (%(level)s nivå) omfattar inte %(municipality)s. Välj en "
                "enhet i kommunen eller länet, eller myndighetens centrala enhet."
            )
            % {
                "unit": unit.name,
                "level": unit.get_level_display().lower(),
                "municipality": municipality.name,
            },
            code="unit_does_not_cover",
        )


def check_unit_may_sign(*, unit: AgencyUnit, municipality, on: datetime.date) -> None:
    """The right unit signs: allowed to sign, covering the municipality, in existence that day."""
    check_unit_covers(unit=unit, municipality=municipality)
    if not unit.is_valid_on(on):
        message = _("Enheten ”%(unit)s” var inte verksam den %(day)s.") % {
            "unit": unit.name,
            "day": f"{on:%Y-%m-%d}",
        }
        if unit.successor_id:
            message += " " + _("Överenskommelsen tecknas av efterföljaren ”%(successor)s”.") % {
                "successor": unit.successor.name
            }
        raise ValidationError(message, code="unit_not_valid")
    agency = unit.agency
    if (agency.valid_from and on < agency.valid_from) or (agency.valid_to and on > agency.valid_to):
        raise ValidationError(
            _("Myndigheten %(agency)s var inte verksam den %(day)s.")
            % {"agency": agency.name, "day": f"{on:%Y-%m-%d}"},
            code="agency_not_valid",
        )


def _check_ready_to_propose(accord: CooperationAccord) -> None:
    errors = []
    if not accord.plans.exists():
        errors.append(_("Ange vilken eller vilka stadsdelsplaner överenskommelsen bygger på."))
    if not accord.commitments.active().exists():
        errors.append(_("Lägg till minst ett åtagande innan överenskommelsen föreslås."))
    if errors:
        raise ValidationError(errors, code="incomplete")


# ---------------------------------------------------------------------------------------------
# Accords
# ---------------------------------------------------------------------------------------------


def _save(obj, *, actor, reason: str) -> None:
    obj._history_user = actor
    obj._change_reason = reason
    obj.save()


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


# ---------------------------------------------------------------------------------------------
# Partnerships
# ---------------------------------------------------------------------------------------------


def partnership_name(agreement: Agreement, district=None) -> str:
    name = _("Lokalt partnerskap %(municipality)s") % {"municipality": agreement.municipality.name}
    if district is not None:
        name += f" – {district.name}"
    return name


@transaction.atomic
def partnership_create(
    *, agreement: Agreement, actor, district=None, name: str = "", description: str = ""
) -> Partnership:
    """The local partnership of an agreement (or one district of it); the municipality is its
    first member."""
    if district is not None and not agreement.districts.filter(pk=district.pk).exists():
        raise ValidationError(
            _("Stadsdelen %(district)s omfattas inte av avtalet.") % {"district": district.name},
            code="foreign_district",
        )
    existing = Partnership.objects.filter(agreement=agreement, district=district)
    if existing.exists():
        raise ValidationError(
            _("Avtalet har redan ett lokalt partnerskap%(where)s.")
            % {"where": f" för {district.name}" if district else ""},
            code="exists",
        )
    partnership = Partnership(
        agreement=agreement,
        district=district,
        name=name or partnership_name(agreement, district),
        description=description,
    )
    _save(partnership, actor=actor, reason=_("Partnerskapet bildat"))
    member = PartnershipMember(
        partnership=partnership,
        kind=PartnershipMember.Kind.MUNICIPALITY,
        name=agreement.municipality.name,
        joined_on=agreement.municipality_signed_on or agreement.starts_on,
    )
    _save(member, actor=actor, reason=_("Kommunen ingår i partnerskapet"))
    return partnership


def _partnerships_to_join(accord: CooperationAccord, *, actor) -> list[Partnership]:
    """The partnerships of the districts the accord's plans cover; where the agreement has none
    per district, its agreement-wide partnership (created if missing)."""
    district_ids = list(accord.plans.values_list("district_id", flat=True))
    found = list(
        Partnership.objects.select_for_update()
        .filter(agreement_id=accord.agreement_id, district_id__in=district_ids)
        .order_by("pk")
    )
    if found:
        return found
    partnership = (
        Partnership.objects.select_for_update()
        .filter(agreement_id=accord.agreement_id, district__isnull=True)
        .first()
    )
    if partnership is None:
        partnership = partnership_create(agreement=accord.agreement, actor=actor)
    return [partnership]


def _join_partnership(accord: CooperationAccord, *, actor) -> list[PartnershipMember]:
    joined_on = max(accord.agency_signed_on, accord.municipality_signed_on)
    reason = _("Ansluten genom samverkansöverenskommelsen ”%(accord)s”") % {"accord": accord.title}
    members = []
    for partnership in _partnerships_to_join(accord, actor=actor):
        member = (
            PartnershipMember.objects.select_for_update()
            .filter(partnership=partnership, agency_unit_id=accord.agency_unit_id)
            .first()
        )
        if member is None:
            member = PartnershipMember(
                partnership=partnership,
                kind=PartnershipMember.Kind.AGENCY,
                name=accord.agency_unit.name,
                agency_unit=accord.agency_unit,
                contact=accord.agency_contact,
            )
        else:
            claim_version(member, expected_version=None)
        if member.joined_on is None or member.left_on is not None:
            member.joined_on = joined_on
        member.accord = accord
        member.left_on = None
        _save(member, actor=actor, reason=reason)
        members.append(member)
    return members


MEMBER_FIELDS = ("kind", "name", "contact", "joined_on", "left_on")


def _check_member(data: dict) -> None:
    if data.get("kind") == PartnershipMember.Kind.AGENCY:
        raise ValidationError(
            _(
                "Statliga myndigheter ansluter till partnerskapet genom en "
                "samverkansöverenskommelse."
            ),
            code="agency_through_accord",
        )
    joined, left = data.get("joined_on"), data.get("left_on")
    if joined and left and left < joined:
        raise ValidationError(
            _("Datum då medlemmen lämnade kan inte ligga före datum då den anslöt."),
            code="left_before_joined",
        )


@transaction.atomic
def partnership_member_add(*, partnership: Partnership, data: dict, actor) -> PartnershipMember:
    _check_member(data)
    member = PartnershipMember(partnership=partnership)
    for name in MEMBER_FIELDS:
        setattr(member, name, data.get(name, "" if name in ("name", "contact") else None))
    _save(member, actor=actor, reason=_("Medlem tillagd"))
    return member


@transaction.atomic
def partnership_member_update(
    *, member: PartnershipMember, data: dict, expected_version: int | None, actor
) -> PartnershipMember:
    if member.kind == PartnershipMember.Kind.AGENCY:
        raise ValidationError(
            _("En myndighets medlemskap ändras genom dess samverkansöverenskommelse."),
            code="agency_through_accord",
        )
    _check_member(data)
    claim_version(member, expected_version=expected_version)
    for name in MEMBER_FIELDS:
        if name in data:
            setattr(member, name, data[name])
    _save(member, actor=actor, reason=_("Medlem ändrad"))
    return member
