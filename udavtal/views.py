"""The start page: what the logged-in user may see, shaped by role."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import scope_of
from agreements import selectors as agreement_selectors
from agreements.models import Agreement, Municipality
from agreements.plans import selectors as plan_selectors
from partnerships import selectors as partnership_selectors
from partnerships.models import CooperationAccord
from reports.agency import selectors as agency_report_selectors
from reports.district import selectors as report_selectors
from reports.models import ReviewStatus


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


MINISTRY_LIST_LIMIT = 25
DEADLINE_HORIZON_DAYS = 60


def _ministry_context(user) -> dict:
    """ "Att göra" for ministry officers, admins and readers. Every list is one query (at most
    MINISTRY_LIST_LIMIT rows), so the page's queries do not grow with the data."""
    today = timezone.localdate()
    horizon = today + datetime.timedelta(days=DEADLINE_HORIZON_DAYS)
    limit = MINISTRY_LIST_LIMIT
    counts = agreement_selectors.agreement_status_counts(user=user)
    agreements = agreement_selectors.agreement_list_for_user(user=user)
    return {
        "status_counts": [
            (status, label, counts[status]) for status, label in Agreement.Status.choices
        ],
        "negotiating": list(agreement_selectors.agreements_negotiating(user=user)[:limit]),
        "plans_overdue": list(agreement_selectors.plans_overdue(user=user, today=today)[:limit]),
        "accords_overdue": list(
            agreement_selectors.agreements_with_overdue_accords(user=user, today=today)[:limit]
        ),
        "waiting_for_review": list(
            report_selectors.district_reports_waiting_for_review(user=user)[:limit]
        ),
        "agency_reports_waiting": list(
            agency_report_selectors.agency_report_list_for_user(user=user)
            .filter(status=ReviewStatus.SUBMITTED)
            .order_by("submitted_at")[:limit]
        ),
        "deadlines": _upcoming_deadlines(user, today, horizon)[: limit * 2],
        "deadline_days": DEADLINE_HORIZON_DAYS,
        "list_limit": limit,
        "recent_agreements": agreements.order_by("-updated_at")[:10],
        "can_add_agreement": user.has_perm("agreements.add_agreement"),
        "municipality_count": Municipality.objects.count(),
    }


def _upcoming_deadlines(user, today, horizon) -> list[dict]:
    """Deadlines from today to the horizon: accords and plans of agreements, and the due dates
    of district and agency reports not yet submitted. Three queries."""
    open_statuses = [ReviewStatus.NOT_STARTED, ReviewStatus.DRAFT, ReviewStatus.RETURNED]
    deadlines = [
        {
            "due_on": due_on,
            "what": _("Samverkansöverenskommelser") if kind == "accords" else _("Stadsdelsplaner"),
            "title": agreement.title,
            "who": agreement.municipality.name,
            "url": agreement.get_absolute_url(),
        }
        for due_on, kind, agreement in agreement_selectors.agreement_deadlines_between(
            user=user, start=today, end=horizon
        )
    ]
    district_reports = report_selectors.district_report_list_for_user(user=user).filter(
        status__in=open_statuses, due_on__range=(today, horizon)
    )
    deadlines += [
        {
            "due_on": report.due_on,
            "what": _("Redovisning för stadsdel"),
            "title": f"{report.district.name} {report.year}",
            "who": report.district.municipality.name,
            "url": report.get_absolute_url(),
        }
        for report in district_reports.order_by("due_on")[:MINISTRY_LIST_LIMIT]
    ]
    agency_reports = agency_report_selectors.agency_report_list_for_user(user=user).filter(
        status__in=open_statuses, due_on__range=(today, horizon)
    )
    deadlines += [
        {
            "due_on": report.due_on,
            "what": _("Myndighetens redovisning"),
            "title": f"{report.unit.name} {report.year}",
            "who": report.agency.name,
            "url": report.get_absolute_url(),
        }
        for report in agency_reports.order_by("due_on")[:MINISTRY_LIST_LIMIT]
    ]
    return sorted(deadlines, key=lambda item: item["due_on"])


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
    todo.sort(key=lambda item: (not item["is_overdue"], item["due_on"] or datetime.date.max))
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
