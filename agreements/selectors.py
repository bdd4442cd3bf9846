"""Page-shaped reads for agreements, municipalities, districts and plans."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from agreements.models import (
    Agreement,
    AgreementFunding,
    AgreementRevision,
    Attachment,
    District,
    GoalArea,
    Municipality,
    StrategicDistrictPlan,
)
from agreements.workflow import ACTIVE, CLOSED
from udavtal.lib.collation import swedish

SIGNED_ACCORD_STATUSES = ("signed", "revised")


def _related_model(name: str):
    """A model of a later app (accords, district reports), reached through the agreement's
    reverse relation: dependencies point from partnerships and reports to agreements."""
    return Agreement._meta.get_field(name).related_model


def _count(queryset: QuerySet, outer: str) -> Coalesce:
    """A correlated COUNT(*) of `queryset` rows whose `outer` column is the outer row's pk."""
    counted = (
        queryset.filter(**{outer: OuterRef("pk")})
        .order_by()
        .values(outer)
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _funding_sum(column: str) -> Subquery:
    total = (
        AgreementFunding.objects.filter(agreement_id=OuterRef("pk"))
        .order_by()
        .values("agreement_id")
        .annotate(total=Sum(column))
        .values("total")
    )
    return Subquery(total)


def agreement_list_for_table(*, user) -> QuerySet[Agreement]:
    """The agreement list: one row per agreement with its district count and funding totals."""
    return (
        Agreement.objects.visible_to(user)
        .select_related("municipality", "municipality__county", "policy_phase")
        .defer("description", "status_reason")
        .annotate(
            district_count=_count(Agreement.districts.through.objects.all(), "agreement_id"),
            state_total=_funding_sum("state_amount_sek"),
            municipality_total=_funding_sum("municipality_amount_sek"),
        )
        .order_by(swedish("municipality__name"), "-starts_on", "pk")
    )


def municipality_list_for_table(*, user) -> QuerySet[Municipality]:
    """Municipalities with the number of agreements and districts the user sees in each."""
    agreements = Agreement.objects.visible_to(user)
    return (
        Municipality.objects.visible_to(user)
        .select_related("county")
        .annotate(
            agreement_count=_count(agreements, "municipality_id"),
            in_force_count=_count(
                agreements.filter(status=Agreement.Status.IN_FORCE), "municipality_id"
            ),
            district_count=_count(District.objects.visible_to(user), "municipality_id"),
        )
        .order_by(swedish("name"), "pk")
    )


def district_list_for_table(*, user) -> QuerySet[District]:
    """Districts with their municipality, county and the number of agreements covering them."""
    covering = Agreement.districts.through.objects.filter(
        agreement_id__in=Agreement.objects.visible_to(user).values("pk")
    )
    return (
        District.objects.visible_to(user)
        .select_related("municipality", "municipality__county", "parent")
        .defer("description")
        .annotate(agreement_count=_count(covering, "district_id"))
        .order_by(swedish("municipality__name"), swedish("name"), "pk")
    )


def agreement_list_for_user(*, user) -> QuerySet[Agreement]:
    return (
        Agreement.objects.visible_to(user)
        .select_related("municipality", "municipality__county", "policy_phase")
        .annotate(district_count=_count(Agreement.districts.through.objects.all(), "agreement_id"))
        .order_by(swedish("municipality__name"), "-starts_on")
    )


def agreement_get_for_page(*, user, pk: int) -> Agreement:
    """Everything the agreement page shows, in a number of queries that does not grow with the
    number of districts, funding lines, plans, accords, reports or revisions."""
    queryset = (
        Agreement.objects.visible_to(user)
        .select_related("municipality", "municipality__county", "policy_phase")
        .prefetch_related(
            Prefetch("districts", queryset=District.objects.order_by(swedish("name"))),
            "goal_areas",
            Prefetch("funding", queryset=AgreementFunding.objects.order_by("year")),
            Prefetch(
                "revisions",
                queryset=AgreementRevision.objects.select_related("created_by")
                .defer("snapshot")
                .order_by("year"),
            ),
            Prefetch(
                "plans",
                queryset=StrategicDistrictPlan.objects.select_related("district")
                .only("id", "agreement_id", "status", "adopted_on", "district__name")
                .order_by(swedish("district__name")),
            ),
            Prefetch(
                "accords",
                queryset=_related_model("accords")
                .objects.select_related("agency_unit", "agency_unit__agency")
                .only(
                    "id",
                    "agreement_id",
                    "title",
                    "status",
                    "starts_on",
                    "ends_on",
                    "agency_unit__name",
                    "agency_unit__agency__name",
                )
                .order_by("starts_on", "title"),
            ),
            Prefetch(
                "district_reports",
                queryset=_related_model("district_reports")
                .objects.select_related("district")
                .only(
                    "id",
                    "agreement_id",
                    "year",
                    "status",
                    "due_on",
                    "submitted_at",
                    "district__name",
                )
                .order_by("-year", swedish("district__name")),
            ),
        )
    )
    return get_object_or_404(queryset, pk=pk)


def agreement_get_for_action(*, user, pk: int) -> Agreement:
    """The agreement an action or form works on, through the user's scope (404 outside)."""
    queryset = Agreement.objects.visible_to(user).select_related("municipality", "policy_phase")
    return get_object_or_404(queryset, pk=pk)


def attachments_of(agreement: Agreement) -> QuerySet[Attachment]:
    return (
        Attachment.objects.filter(
            content_type=ContentType.objects.get_for_model(Agreement), object_id=agreement.pk
        )
        .select_related("uploaded_by")
        .order_by("-uploaded_at")
    )


def attachment_get(*, agreement: Agreement, pk: int) -> Attachment:
    return get_object_or_404(attachments_of(agreement), pk=pk)


def revision_get_for_user(*, user, pk: int, year: int) -> AgreementRevision:
    queryset = AgreementRevision.objects.select_related(
        "agreement", "agreement__municipality", "created_by"
    ).filter(agreement__in=Agreement.objects.visible_to(user))
    return get_object_or_404(queryset, agreement_id=pk, year=year)


def districts_for_choice(*, municipality_id: int) -> QuerySet[District]:
    """The districts an agreement of the municipality may cover, in Swedish order."""
    return District.objects.filter(municipality_id=municipality_id).order_by(swedish("name"))


# --- The ministry officer's start page ----------------------------------------------------


def agreements_negotiating(*, user) -> QuerySet[Agreement]:
    return (
        Agreement.objects.visible_to(user)
        .filter(status=Agreement.Status.NEGOTIATING)
        .select_related("municipality")
        .only("id", "title", "offered_on", "starts_on", "municipality__name")
        .order_by("starts_on", swedish("municipality__name"))
    )


def plans_overdue(*, user, today: datetime.date) -> QuerySet[StrategicDistrictPlan]:
    """Plans still in draft after the agreement's deadline for plans."""
    return (
        StrategicDistrictPlan.objects.visible_to(user)
        .filter(
            status=StrategicDistrictPlan.Status.DRAFT,
            agreement__plans_due_on__lt=today,
        )
        .exclude(agreement__status__in=CLOSED)
        .select_related("district", "agreement", "agreement__municipality")
        .only(
            "id",
            "district__name",
            "agreement__title",
            "agreement__plans_due_on",
            "agreement__municipality__name",
        )
        .order_by("agreement__plans_due_on", swedish("district__name"))
    )


def agreements_with_overdue_accords(*, user, today: datetime.date) -> QuerySet[Agreement]:
    """Signed or in-force agreements past their deadline for accords without a signed accord."""
    signed_accord = _related_model("accords").objects.filter(
        agreement_id=OuterRef("pk"), status__in=SIGNED_ACCORD_STATUSES
    )
    return (
        Agreement.objects.visible_to(user)
        .filter(status__in=ACTIVE, accords_due_on__lt=today)
        .filter(~Exists(signed_accord))
        .select_related("municipality")
        .only("id", "title", "accords_due_on", "municipality__name")
        .order_by("accords_due_on", swedish("municipality__name"))
    )


def agreement_deadlines_between(
    *, user, start: datetime.date, end: datetime.date
) -> list[tuple[datetime.date, str, Agreement]]:
    """Deadlines for accords and plans of open agreements from `start` to `end`:
    (date, "accords" or "plans", agreement), earliest first."""
    window = Q(accords_due_on__range=(start, end)) | Q(plans_due_on__range=(start, end))
    agreements = (
        Agreement.objects.visible_to(user)
        .filter(window)
        .exclude(status__in=CLOSED)
        .select_related("municipality")
        .only("id", "title", "accords_due_on", "plans_due_on", "municipality__name")
    )
    deadlines = []
    for agreement in agreements:
        for kind in ("accords", "plans"):
            due = getattr(agreement, f"{kind}_due_on")
            if due is not None and start <= due <= end:
                deadlines.append((due, kind, agreement))
    return sorted(deadlines, key=lambda item: (item[0], item[2].municipality.name, item[1]))


def agreement_get_for_user(*, user, pk: int) -> Agreement:
    queryset = (
        Agreement.objects.visible_to(user)
        .select_related("municipality", "municipality__county", "policy_phase")
        .prefetch_related(
            Prefetch("districts", queryset=District.objects.order_by(swedish("name"))),
            "goal_areas",
            "funding",
            "revisions",
            Prefetch(
                "plans",
                queryset=StrategicDistrictPlan.objects.select_related("district").order_by(
                    swedish("district__name")
                ),
            ),
        )
    )
    return get_object_or_404(queryset, pk=pk)


def agreement_status_counts(*, user) -> dict[str, int]:
    rows = (
        Agreement.objects.visible_to(user)
        .order_by()
        .values("status")
        .annotate(n=Count("id", distinct=True))
    )
    counts = {row["status"]: row["n"] for row in rows}
    return {status: counts.get(status, 0) for status in Agreement.Status.values}


def municipality_list_for_user(*, user) -> QuerySet[Municipality]:
    return Municipality.objects.visible_to(user).select_related("county").order_by(swedish("name"))


def municipality_get_for_user(*, user, pk: int) -> Municipality:
    return get_object_or_404(Municipality.objects.visible_to(user).select_related("county"), pk=pk)


def district_list_for_user(*, user) -> QuerySet[District]:
    return (
        District.objects.visible_to(user)
        .select_related("municipality", "municipality__county", "parent")
        .order_by(swedish("municipality__name"), swedish("name"))
    )


def district_get_for_user(*, user, pk: int) -> District:
    return get_object_or_404(
        District.objects.visible_to(user).select_related("municipality", "parent"), pk=pk
    )


def plan_list_for_user(*, user) -> QuerySet[StrategicDistrictPlan]:
    return (
        StrategicDistrictPlan.objects.visible_to(user)
        .select_related("agreement", "district", "agreement__municipality")
        .order_by(swedish("district__name"))
    )


def plan_get_for_user(*, user, pk: int) -> StrategicDistrictPlan:
    queryset = StrategicDistrictPlan.objects.visible_to(user).select_related(
        "agreement", "agreement__municipality", "district"
    )
    return get_object_or_404(queryset, pk=pk)


def agreement_get_for_pdf(*, user, pk: int) -> Agreement:
    """The agreement with everything its PDF shows (districts, goal areas, funding, revisions),
    through the user's scope (404 outside), in a fixed number of queries."""
    queryset = (
        Agreement.objects.visible_to(user)
        .select_related("municipality", "municipality__county", "policy_phase")
        .prefetch_related(
            Prefetch("districts", queryset=District.objects.order_by(swedish("name"))),
            Prefetch("goal_areas", queryset=GoalArea.objects.order_by("position", "name")),
            Prefetch("funding", queryset=AgreementFunding.objects.order_by("year")),
            Prefetch(
                "revisions",
                queryset=AgreementRevision.objects.defer("snapshot").order_by("year"),
            ),
        )
    )
    return get_object_or_404(queryset, pk=pk)
