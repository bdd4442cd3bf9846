"""Writes for local partnerships and their members."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agreements.models import Agreement
from partnerships.models import (
    CooperationAccord,
    Partnership,
    PartnershipMember,
)
from partnerships.services.common import _save
from udavtal.lib.concurrency import claim_version


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
