"""The start page: what the logged-in user may see, shaped by role."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.roles import scope_of
from agreements import selectors as agreement_selectors
from agreements.models import Agreement, Municipality
from agreements.plans import selectors as plan_selectors
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
    """The municipality's agreements, districts, plans and reports; what is overdue first."""
    municipality_ids = scope_of(user).municipality_ids
    reports = list(report_selectors.district_reports_due_first(user=user)[:50])
    plan_slots = plan_selectors.plan_slots_for_municipalities(municipality_ids=municipality_ids)
    todo = [
        {
            "kind": _("Stadsdelsplan"),
            "district": slot.district,
            "what": slot.agreement.title,
            "status_obj": slot.plan,
            "due_on": slot.due_on,
            "is_overdue": slot.is_overdue,
            "url": slot.plan.get_absolute_url()
            if slot.plan
            else f"{reverse('agreements:plan-create')}?agreement={slot.agreement.pk}"
            f"&district={slot.district.pk}",
        }
        for slot in plan_slots
        if slot.plan is None or slot.plan.status == slot.plan.Status.DRAFT
    ] + [
        {
            "kind": _("Årlig redovisning %(year)s") % {"year": report.year},
            "district": report.district,
            "what": report.agreement.title,
            "status_obj": report,
            "due_on": report.due_on,
            "is_overdue": report.is_overdue,
            "url": report.get_absolute_url(),
        }
        for report in reports
        if report.is_editable_by_author
    ]
    todo.sort(key=lambda item: (not item["is_overdue"], item["due_on"] or date.max))
    return {
        "municipalities": agreement_selectors.municipality_list_for_user(user=user).filter(
            pk__in=municipality_ids
        ),
        "agreements": agreement_selectors.agreement_list_for_user(user=user).filter(
            municipality_id__in=municipality_ids
        ),
        "districts": agreement_selectors.district_list_for_user(user=user).filter(
            municipality_id__in=municipality_ids
        ),
        "plan_slots": plan_slots,
        "reports": reports,
        "todo": todo,
        "overdue_count": sum(1 for item in todo if item["is_overdue"]),
    }


def _agency_context(user) -> dict:
    agencies = partnership_selectors.agencies_of_user(user=user)
    counts = partnership_selectors.accord_status_counts(user=user)
    return {
        "agencies": agencies,
        "units": partnership_selectors.units_of_agencies(agency_ids=scope_of(user).agency_ids),
        "accord_counts": [
            (status, label, counts[status]) for status, label in CooperationAccord.Status.choices
        ],
        "accords": partnership_selectors.accord_list_for_user(user=user)[:50],
        "partnerships": partnership_selectors.partnership_list_for_user(user=user),
        "agency_reports": agency_report_selectors.agency_report_list_for_user(user=user),
    }
