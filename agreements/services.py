"""Writes for agreements. Every write runs in one transaction and leaves a history record."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from agreements.models import Agreement, District


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
