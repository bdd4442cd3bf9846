"""Reads for the agency pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.roles import scope_of
from partnerships.models import (
    Agency,
    AgencyUnit,
)
from udavtal.lib.collation import swedish


def agencies_of_user(*, user) -> QuerySet[Agency]:
    """The user's agencies with the number of units on each level."""
    return (
        Agency.objects.filter(pk__in=scope_of(user).agency_ids)
        .annotate(
            central_count=Count("units", filter=Q(units__level="central")),
            regional_count=Count("units", filter=Q(units__level="regional")),
            local_count=Count("units", filter=Q(units__level="local")),
        )
        .order_by(swedish("name"))
    )


def units_of_user(*, user) -> QuerySet[AgencyUnit]:
    """The units an agency officer's memberships name (an officer may belong to no unit)."""
    if not user.is_authenticated:
        return AgencyUnit.objects.none()
    return (
        AgencyUnit.objects.filter(memberships__user=user)
        .select_related("agency")
        .order_by(swedish("name"))
    )


def units_of_agencies(*, agency_ids) -> QuerySet[AgencyUnit]:
    return (
        AgencyUnit.objects.filter(agency_id__in=agency_ids)
        .select_related("agency", "parent", "successor", "municipality", "county")
        .order_by("agency__name", "level", swedish("name"))
    )


def agency_list_for_table(*, user) -> QuerySet[Agency]:
    return (
        Agency.objects.select_related("successor")
        .annotate(unit_count=Count("units", distinct=True))
        .order_by(swedish("name"))
    )


def agency_get_for_user(*, user, pk: int) -> Agency:
    """Agencies are reference data: every logged-in user reads them."""
    return get_object_or_404(
        Agency.objects.select_related("successor").prefetch_related("predecessors"), pk=pk
    )


@dataclass
class UnitNode:
    unit: AgencyUnit
    children: list[UnitNode] = field(default_factory=list)


def unit_tree(*, agency: Agency) -> list[UnitNode]:
    """The agency's units as a tree (central → regional → local), from one query."""
    units = list(
        AgencyUnit.objects.filter(agency=agency)
        .select_related("successor", "successor__agency", "municipality", "county")
        .order_by("level", swedish("name"))
    )
    nodes = {unit.pk: UnitNode(unit) for unit in units}
    roots: list[UnitNode] = []
    level_order = {"central": 0, "regional": 1, "local": 2}
    for unit in sorted(units, key=lambda u: level_order.get(u.level, 9)):
        parent = nodes.get(unit.parent_id)
        (parent.children if parent else roots).append(nodes[unit.pk])
    return roots
