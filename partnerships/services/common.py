"""Constants and cross-row checks shared by the accord and partnership services."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from agreements.models import Agreement, StrategicDistrictPlan
from partnerships.models import (
    AgencyUnit,
    CooperationAccord,
)

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


def _save(obj, *, actor, reason: str) -> None:
    obj._history_user = actor
    obj._change_reason = reason
    obj.save()
