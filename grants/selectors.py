"""Page-shaped reads of the grant app, and the funding figures for the national annual report.

Every list reads in a fixed number of queries: sums are database aggregates (annotations or
correlated subqueries), never Python loops over related rows.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import (
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, NullIf
from django.shortcuts import get_object_or_404

from agreements.models import District, Municipality
from grants.models import (
    GrantAdvisoryComment,
    GrantApplication,
    GrantBudgetLine,
    GrantDecisionAmount,
    GrantFollowUp,
    GrantFollowUpEntry,
    GrantFollowUpResult,
    GrantGoal,
    GrantGoalIndicator,
    GrantMeasure,
    GrantPayment,
    GrantReclaim,
    GrantRound,
)
from reports.models import ReviewStatus
from udavtal.lib.collation import swedish

MONEY = DecimalField(max_digits=16, decimal_places=2)
ZERO = Value(Decimal(0), output_field=MONEY)
HANDED_IN = [GrantApplication.Status.SUBMITTED, GrantApplication.Status.DECIDED]


def _sum_subquery(queryset: QuerySet, field: str) -> Subquery:
    """A correlated subquery giving SUM(field) of `queryset` (already filtered on OuterRefs)."""
    return Subquery(
        queryset.order_by()
        .annotate(_one=Value(1))
        .values("_one")
        .annotate(s=Sum(field))
        .values("s"),
        output_field=MONEY,
    )


# ---------------------------------------------------------------------------- rounds


def round_list_for_user(*, user) -> QuerySet[GrantRound]:
    decided = GrantDecisionAmount.objects.filter(round=OuterRef("pk"))
    applied = GrantBudgetLine.objects.filter(
        year=OuterRef("year"), application__status__in=HANDED_IN
    )
    return (
        GrantRound.objects.visible_to(user)
        .select_related("programme", "appropriation", "administering_body", "advisory_body")
        .annotate(
            decided_sek=Coalesce(_sum_subquery(decided, "amount_sek"), ZERO),
            applied_sek=Coalesce(_sum_subquery(applied, "applied_sek"), ZERO),
            remaining_sek=F("appropriation__amount_sek") - F("decided_sek"),
        )
        .order_by("year")
    )


def round_get_for_user(*, user, year: int) -> GrantRound:
    queryset = round_list_for_user(user=user).prefetch_related(
        Prefetch(
            "eligible_municipalities",
            queryset=Municipality.objects.select_related("county").order_by(swedish("name")),
        )
    )
    return get_object_or_404(queryset, year=year)


def application_list_for_user(*, user) -> QuerySet[GrantApplication]:
    applied = GrantBudgetLine.objects.filter(application=OuterRef("pk"))
    decided = GrantDecisionAmount.objects.filter(decision__application=OuterRef("pk"))
    paid = GrantPayment.objects.filter(
        decision_amount__decision__application=OuterRef("pk"), status=GrantPayment.Status.PAID
    )
    return (
        GrantApplication.objects.visible_to(user)
        .select_related("round", "municipality", "municipality__county")
        .annotate(
            applied_sek=_sum_subquery(applied, "applied_sek"),
            cost_sek=_sum_subquery(applied, "cost_sek"),
            decided_sek=_sum_subquery(decided, "amount_sek"),
            paid_sek=_sum_subquery(paid, "amount_sek"),
        )
        .order_by("-round__year", swedish("municipality__name"))
    )


def application_get_for_user(*, user, pk: int) -> GrantApplication:
    """The application with everything its page shows."""
    queryset = (
        GrantApplication.objects.visible_to(user)
        .select_related(
            "round",
            "round__programme",
            "round__programme__policy_phase",
            "round__appropriation",
            "round__administering_body",
            "round__advisory_body",
            "municipality",
            "created_by",
            "submitted_by",
            "decision",
            "decision__decided_by",
        )
        .prefetch_related(
            Prefetch("districts", queryset=District.objects.order_by(swedish("name"))),
            Prefetch(
                "goals",
                queryset=GrantGoal.objects.select_related("goal_area").prefetch_related(
                    Prefetch(
                        "indicators",
                        queryset=GrantGoalIndicator.objects.select_related("indicator"),
                    )
                ),
            ),
            Prefetch(
                "measures",
                queryset=GrantMeasure.objects.select_related(
                    "goal_area", "plan_goal", "plan_goal__plan__district"
                ).prefetch_related(
                    Prefetch("districts", queryset=District.objects.order_by(swedish("name")))
                ),
            ),
            Prefetch(
                "budget_lines",
                queryset=GrantBudgetLine.objects.select_related("district").order_by(
                    "year", "cost_type", "district__name"
                ),
            ),
            Prefetch(
                "advisory_comments",
                queryset=GrantAdvisoryComment.objects.select_related("agency", "author"),
            ),
            Prefetch(
                "follow_ups",
                queryset=GrantFollowUp.objects.order_by("year"),
            ),
        )
    )
    return get_object_or_404(queryset, pk=pk)


def decision_amounts_for_application(*, application: GrantApplication) -> list:
    """Decided amount per year with its payments and reclaims, and the paid and reclaimed sums."""
    if application.status != GrantApplication.Status.DECIDED:
        return []
    paid = GrantPayment.objects.filter(
        decision_amount=OuterRef("pk"), status=GrantPayment.Status.PAID
    )
    scheduled = GrantPayment.objects.filter(decision_amount=OuterRef("pk"))
    reclaimed = GrantReclaim.objects.filter(decision_amount=OuterRef("pk"))
    return list(
        GrantDecisionAmount.objects.filter(decision__application=application)
        .select_related("round", "decision__application__round")
        .annotate(
            paid_sek=Coalesce(_sum_subquery(paid, "amount_sek"), ZERO),
            scheduled_sek=Coalesce(_sum_subquery(scheduled, "amount_sek"), ZERO),
            reclaimed_sek=Coalesce(_sum_subquery(reclaimed, "amount_sek"), ZERO),
        )
        .prefetch_related(
            Prefetch(
                "payments",
                queryset=GrantPayment.objects.select_related("created_by", "paid_recorded_by"),
            ),
            Prefetch("reclaims", queryset=GrantReclaim.objects.select_related("created_by")),
        )
        .order_by("round__year")
    )


def decision_amount_get_for_user(*, user, pk: int) -> GrantDecisionAmount:
    queryset = GrantDecisionAmount.objects.filter(
        decision__application__in=GrantApplication.objects.visible_to(user).values("pk")
    ).select_related(
        "round",
        "decision",
        "decision__application",
        "decision__application__round",
        "decision__application__municipality",
    )
    return get_object_or_404(queryset, pk=pk)


def payment_get_for_user(*, user, pk: int) -> GrantPayment:
    queryset = GrantPayment.objects.filter(
        decision_amount__decision__application__in=GrantApplication.objects.visible_to(user).values(
            "pk"
        )
    ).select_related(
        "decision_amount",
        "decision_amount__round",
        "decision_amount__decision__application",
        "decision_amount__decision__application__round",
        "decision_amount__decision__application__municipality",
    )
    return get_object_or_404(queryset, pk=pk)


def measure_get_for_user(*, user, pk: int) -> GrantMeasure:
    queryset = GrantMeasure.objects.filter(
        application__in=GrantApplication.objects.visible_to(user).values("pk")
    ).select_related("application", "application__round", "application__municipality")
    return get_object_or_404(queryset, pk=pk)


def goal_get_for_user(*, user, pk: int) -> GrantGoal:
    queryset = (
        GrantGoal.objects.filter(
            application__in=GrantApplication.objects.visible_to(user).values("pk")
        )
        .select_related("application", "application__round", "application__municipality")
        .prefetch_related("indicators")
    )
    return get_object_or_404(queryset, pk=pk)


# ---------------------------------------------------------------------------- follow-ups


def follow_up_get_for_user(*, user, pk: int) -> GrantFollowUp:
    queryset = (
        GrantFollowUp.objects.visible_to(user)
        .select_related(
            "application",
            "application__round",
            "application__municipality",
            "submitted_by",
            "reviewed_by",
            "created_by",
        )
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=GrantFollowUpEntry.objects.select_related(
                    "measure", "measure__goal_area", "district"
                ).order_by("measure__starts_on", "measure_id", "district__name"),
            ),
            Prefetch(
                "results",
                queryset=GrantFollowUpResult.objects.select_related(
                    "goal_indicator", "goal_indicator__indicator", "goal_indicator__goal"
                ).order_by("goal_indicator__goal_id", "goal_indicator_id"),
            ),
        )
    )
    return get_object_or_404(queryset, pk=pk)


def follow_up_list_for_user(*, user) -> QuerySet[GrantFollowUp]:
    return (
        GrantFollowUp.objects.visible_to(user)
        .select_related("application", "application__municipality")
        .order_by("-year", swedish("application__municipality__name"))
    )


# ---------------------------------------------------------------------------- funding overview


def funding_rows_for_user(*, user=None) -> QuerySet:
    """One row per year and municipality: applied (handed-in applications), decided, paid,
    reclaimed and used (accepted follow-ups), in SEK. `user=None` reads everything (for the
    national annual report); otherwise the rows are limited to the user's applications."""
    lines = GrantBudgetLine.objects.filter(application__status__in=HANDED_IN)
    if user is not None:
        lines = lines.filter(application__in=GrantApplication.objects.visible_to(user).values("pk"))
    decided = GrantDecisionAmount.objects.filter(
        round__year=OuterRef("year"),
        decision__application__municipality=OuterRef("application__municipality"),
    )
    paid = GrantPayment.objects.filter(
        status=GrantPayment.Status.PAID,
        decision_amount__round__year=OuterRef("year"),
        decision_amount__decision__application__municipality=OuterRef("application__municipality"),
    )
    reclaimed = GrantReclaim.objects.filter(
        decision_amount__round__year=OuterRef("year"),
        decision_amount__decision__application__municipality=OuterRef("application__municipality"),
    )
    used = GrantFollowUpEntry.objects.filter(
        follow_up__status=ReviewStatus.ACCEPTED,
        follow_up__year=OuterRef("year"),
        follow_up__application__municipality=OuterRef("application__municipality"),
    )
    return (
        lines.order_by()
        .values(
            "year",
            "application__municipality",
            "application__municipality__code",
            "application__municipality__name",
        )
        .annotate(
            cost_sek=Sum("cost_sek"),
            own_financing_sek=Sum("own_financing_sek"),
            applied_sek=Sum("applied_sek"),
            decided_sek=_sum_subquery(decided, "amount_sek"),
            paid_sek=_sum_subquery(paid, "amount_sek"),
            reclaimed_sek=_sum_subquery(reclaimed, "amount_sek"),
            used_sek=_sum_subquery(used, "used_sek"),
        )
        .order_by("-year", swedish("application__municipality__name"))
    )


def funding_by_municipality_and_year(*, year: int | None = None) -> list[dict]:
    """Rows for the funding chapter of the national annual report, one per year and municipality:
    `year`, `municipality_code`, `municipality_name`, `cost_sek`, `own_financing_sek`,
    `applied_sek`, `decided_sek`, `paid_sek`, `reclaimed_sek`, `used_sek` (Decimal, SEK; None
    where nothing was decided, paid, reclaimed or reported used). Ordered by year, then
    municipality in Swedish order."""
    rows = funding_rows_for_user(user=None)
    if year is not None:
        rows = rows.filter(year=year)
    return [
        {
            "year": row["year"],
            "municipality_code": row["application__municipality__code"],
            "municipality_name": row["application__municipality__name"],
            **{
                key: row[key]
                for key in (
                    "cost_sek",
                    "own_financing_sek",
                    "applied_sek",
                    "decided_sek",
                    "paid_sek",
                    "reclaimed_sek",
                    "used_sek",
                )
            },
        }
        for row in rows.order_by("year", swedish("application__municipality__name"))
    ]


def district_funding_rows_for_user(*, user) -> QuerySet:
    """One row per year, application and district named in the budget (or common costs): applied
    for the district; decided and paid shared out in proportion to what was applied for the
    district; used as reported per district in accepted follow-ups."""
    lines = GrantBudgetLine.objects.filter(
        application__status__in=HANDED_IN,
        application__in=GrantApplication.objects.visible_to(user).values("pk"),
    )
    app_applied = GrantBudgetLine.objects.filter(
        application=OuterRef("application"), year=OuterRef("year")
    )
    decided = GrantDecisionAmount.objects.filter(
        decision__application=OuterRef("application"), round__year=OuterRef("year")
    )
    paid = GrantPayment.objects.filter(
        status=GrantPayment.Status.PAID,
        decision_amount__decision__application=OuterRef("application"),
        decision_amount__round__year=OuterRef("year"),
    )
    # Common costs (no district) meet the follow-up rows reported without a district.
    used = (
        GrantFollowUpEntry.objects.filter(
            follow_up__status=ReviewStatus.ACCEPTED,
            follow_up__application=OuterRef("application"),
            follow_up__year=OuterRef("year"),
        )
        .alias(district_or_none=Coalesce("district", Value(0)))
        .filter(district_or_none=Coalesce(OuterRef("district"), Value(0)))
    )

    def share(field: str):
        return ExpressionWrapper(
            F(field) * F("applied_sek") / NullIf(F("application_applied_sek"), ZERO),
            output_field=MONEY,
        )

    return (
        lines.order_by()
        .values(
            "year",
            "application",
            "application__municipality__name",
            "district",
            "district__name",
        )
        .annotate(
            applied_sek=Sum("applied_sek"),
            application_applied_sek=_sum_subquery(app_applied, "applied_sek"),
            application_decided_sek=_sum_subquery(decided, "amount_sek"),
            application_paid_sek=_sum_subquery(paid, "amount_sek"),
            used_sek=_sum_subquery(used, "used_sek"),
        )
        .annotate(
            decided_sek=share("application_decided_sek"),
            paid_sek=share("application_paid_sek"),
        )
        .order_by("-year", swedish("application__municipality__name"), swedish("district__name"))
    )
