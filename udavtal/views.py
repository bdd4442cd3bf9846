"""The start page: what the logged-in user may see, shaped by role."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts.roles import scope_of
from agreements import selectors as agreement_selectors
from agreements.models import Agreement, Municipality
from partnerships import selectors as partnership_selectors
from partnerships.models import CooperationAccord
from reports.agency import selectors as agency_report_selectors
from reports.district import selectors as report_selectors


@login_required
def home_view(request):
    user = request.user
    scope = scope_of(user)
    if scope.sees_everything:
        return render(request, "home/ministry.html", _ministry_context(user))
    if scope.is_coordinator:
        return render(request, "home/coordinator.html", _coordinator_context(user))
    if scope.is_agency_officer:
        return render(request, "home/agency.html", _agency_context(user))
    return render(request, "home/no_role.html")


def _ministry_context(user) -> dict:
    counts = agreement_selectors.agreement_status_counts(user=user)
    agreements = agreement_selectors.agreement_list_for_user(user=user)
    return {
        "status_counts": [
            (status, label, counts[status]) for status, label in Agreement.Status.choices
        ],
        "negotiating": agreements.filter(status=Agreement.Status.NEGOTIATING)[:20],
        "waiting_for_review": report_selectors.district_reports_waiting_for_review(user=user)[:20],
        "recent_agreements": agreements.order_by("-updated_at")[:10],
        "municipality_count": Municipality.objects.count(),
    }


def _coordinator_context(user) -> dict:
    return {
        "municipalities": agreement_selectors.municipality_list_for_user(user=user).filter(
            pk__in=scope_of(user).municipality_ids
        ),
        "agreements": agreement_selectors.agreement_list_for_user(user=user).filter(
            municipality_id__in=scope_of(user).municipality_ids
        ),
        "districts": agreement_selectors.district_list_for_user(user=user).filter(
            municipality_id__in=scope_of(user).municipality_ids
        ),
        "plans": agreement_selectors.plan_list_for_user(user=user),
        "reports": report_selectors.district_reports_due_first(user=user)[:50],
    }


def _agency_context(user) -> dict:
    agencies = list(partnership_selectors.agencies_of_user(user=user))
    counts = partnership_selectors.accord_status_counts(user=user)
    return {
        "agencies": agencies,
        "own_units": partnership_selectors.units_of_user(user=user),
        "accord_counts": [
            (status, label, counts[status]) for status, label in CooperationAccord.Status.choices
        ],
        "waiting": partnership_selectors.accords_waiting_for(user=user)[:20],
        "accords": partnership_selectors.accord_list_for_user(user=user).order_by("-updated_at")[
            :20
        ],
        "partnerships": partnership_selectors.partnerships_of_users_agencies(user=user)[:20],
        "agency_reports": agency_report_selectors.agency_report_list_for_user(user=user)[:20],
        "can_add_accord": user.has_perm("partnerships.add_cooperationaccord"),
        "can_add_report": user.has_perm("reports.add_agencyreport"),
    }
