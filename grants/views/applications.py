"""Applications: list, create, detail, edit with goals, measures and budget, submit, comment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.roles import scope_of
from grants import selectors, services
from grants.filters import ApplicationFilter
from grants.forms import (
    AdvisoryCommentForm,
    ApplicationCreateForm,
    ApplicationForm,
    BudgetFormSet,
    GoalForm,
    GoalIndicatorFormSet,
    MeasureForm,
)
from grants.models import GrantApplication
from grants.tables import ApplicationTable
from partnerships.models import Agency
from udavtal.lib.concurrency import StaleObjectError
from udavtal.lib.history import changes_for
from udavtal.lib.lists import FilteredListView
from udavtal.lib.pages import add_service_errors

from ._common import application_for, require


class ApplicationListView(FilteredListView):
    table_class = ApplicationTable
    filterset_class = ApplicationFilter
    export_name = "statsbidrag-ansokningar"
    title = gettext_lazy("Ansökningar om statsbidrag")
    intro = gettext_lazy("Statsbidrag till kommuner med socioekonomiskt eftersatta områden.")

    def get_queryset(self):
        return selectors.application_list_for_user(user=self.request.user)


@login_required
def application_create_view(request, year: int):
    grant_round = selectors.round_get_for_user(user=request.user, year=year)
    require(request.user, "grants.add_grantapplication", grant_round)
    own = scope_of(request.user).municipality_ids
    municipalities = [m for m in grant_round.eligible_municipalities.all() if m.pk in own]
    form = ApplicationCreateForm(
        request.POST or None,
        grant_round=grant_round,
        municipalities=grant_round.eligible_municipalities.filter(pk__in=own),
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(
                grant_round=grant_round,
                municipality=form.cleaned_data["municipality"],
                title=form.cleaned_data["title"],
                last_year=form.cleaned_data["last_year"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Ansökan är påbörjad. Fyll i delarna och lämna in den."))
            return redirect(application)
    context = {"round": grant_round, "form": form, "municipalities": municipalities}
    status = 400 if request.method == "POST" else 200
    return render(request, "grants/application_create.html", context, status=status)


@login_required
def application_detail_view(request, pk: int):
    application = selectors.application_get_for_user(user=request.user, pk=pk)
    user = request.user
    amounts = selectors.decision_amounts_for_application(application=application)
    follow_ups = {f.year: f for f in application.follow_ups.all()}
    context = {
        "application": application,
        "budget": services.applications.budget_totals(application.budget_lines.all()),
        "decision": getattr(application, "decision", None)
        if application.status == GrantApplication.Status.DECIDED
        else None,
        "amounts": amounts,
        "has_payments": any(a.payments.all() for a in amounts),
        "window_open": application.round.window_contains(timezone.localdate()),
        "follow_up_years": [(a, follow_ups.get(a.round.year)) for a in amounts],
        "changes": changes_for(application),
        "can_change": user.has_perm("grants.change_grantapplication", application),
        "can_submit": user.has_perm("grants.submit_grantapplication", application),
        "can_comment": user.has_perm("grants.comment_grantapplication", application),
        "can_decide": user.has_perm("grants.decide_grantapplication", application),
        "can_pay": user.has_perm("grants.pay_grantpayment", application),
        "can_reclaim": user.has_perm("grants.add_grantreclaim", application),
        "can_follow_up": user.has_perm("grants.add_grantfollowup", application),
    }
    return render(request, "grants/application_detail.html", context)


def _render_form(request, template, context, status):
    return render(request, template, context, status=status)


@login_required
def application_edit_view(request, pk: int):
    application = application_for(request, pk, "grants.change_grantapplication")
    form = ApplicationForm(
        request.POST or None,
        application=application,
        initial=ApplicationForm.initial_for(application),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.application_update(
                application=application,
                expected_version=data["version"],
                title=data["title"],
                description=data["description"],
                timetable=data["timetable"],
                contact_name=data["contact_name"],
                last_year=data["last_year"],
                districts=data["districts"],
                actor=request.user,
            )
        except (ValidationError, StaleObjectError) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Ansökan är sparad."))
            return redirect(application)
    return _render_form(
        request,
        "grants/application_form.html",
        {"application": application, "form": form},
        400 if request.method == "POST" else 200,
    )


@login_required
def goal_edit_view(request, pk: int, goal_pk: int | None = None):
    application = application_for(request, pk, "grants.change_grantapplication")
    goal = get_object_or_404(application.goals, pk=goal_pk) if goal_pk else None
    initial = {"version": application.version}
    rows = []
    if goal is not None:
        initial.update(goal_area=goal.goal_area_id, text=goal.text)
        rows = [
            {
                k: getattr(i, k)
                for k in ("baseline_year", "baseline_value", "target_year", "target_value")
            }
            | {"indicator": i.indicator_id}
            for i in goal.indicators.all()
        ]
    form = GoalForm(request.POST or None, initial=initial)
    formset = GoalIndicatorFormSet(
        request.POST or None, initial=rows + [{}] * 2, prefix="indikator"
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        indicators = [f.cleaned_data for f in formset if f.cleaned_data.get("indicator")]
        try:
            services.goal_save(
                application=application,
                goal=goal,
                goal_area=form.cleaned_data["goal_area"],
                text=form.cleaned_data["text"],
                indicators=indicators,
                expected_version=form.cleaned_data["version"],
                actor=request.user,
            )
        except (ValidationError, StaleObjectError) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Målet är sparat."))
            return redirect(application)
    context = {"application": application, "goal": goal, "form": form, "formset": formset}
    status = 400 if request.method == "POST" else 200
    return render(request, "grants/goal_form.html", context, status=status)


@login_required
def measure_edit_view(request, pk: int, measure_pk: int | None = None):
    application = application_for(request, pk, "grants.change_grantapplication")
    measure = get_object_or_404(application.measures, pk=measure_pk) if measure_pk else None
    initial = (
        MeasureForm.initial_for(measure, application.version)
        if measure
        else {"version": application.version}
    )
    form = MeasureForm(request.POST or None, application=application, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.measure_save(
                application=application,
                measure=measure,
                expected_version=data.pop("version"),
                actor=request.user,
                **data,
            )
        except (ValidationError, StaleObjectError) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Insatsen är sparad."))
            return redirect(application)
    context = {"application": application, "measure": measure, "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "grants/measure_form.html", context, status=status)


@login_required
def measure_delete_view(request, pk: int, measure_pk: int):
    application = application_for(request, pk, "grants.change_grantapplication")
    measure = get_object_or_404(application.measures, pk=measure_pk)
    if request.method == "POST":
        services.measure_delete(measure=measure, actor=request.user)
        messages.success(request, _("Insatsen är borttagen ur utkastet."))
        return redirect(application)
    return render(
        request,
        "includes/confirm.html",
        {
            "question": _("Vill du ta bort insatsen?"),
            "details": [(_("Insats"), measure.title), (_("Ansökan"), application.title)],
            "warning": _("Insatsen tas bort ur utkastet. Ändringshistoriken finns kvar."),
            "cancel_url": application.get_absolute_url(),
            "confirm_label": _("Ta bort"),
            "danger": True,
        },
    )


@login_required
def budget_edit_view(request, pk: int):
    application = application_for(request, pk, "grants.change_grantapplication")
    rows = [
        {
            "year": line.year,
            "cost_type": line.cost_type,
            "district": line.district_id,
            "cost_sek": line.cost_sek,
            "own_financing_sek": line.own_financing_sek,
            "applied_sek": line.applied_sek,
            "note": line.note,
        }
        for line in application.budget_lines.all()
    ]
    formset = BudgetFormSet(
        request.POST or None,
        initial=rows + [{}] * 4,
        prefix="budget",
        form_kwargs={"application": application},
    )
    version = request.POST.get("version", application.version)
    errors = []
    if request.method == "POST" and formset.is_valid():
        lines = [form.as_line() for form in formset if not form.is_blank]
        try:
            services.budget_set(
                application=application,
                lines=lines,
                expected_version=int(version),
                actor=request.user,
            )
        except ValidationError as error:
            errors = error.messages
        except StaleObjectError as error:
            errors = [str(error)]
        else:
            messages.success(request, _("Budgeten är sparad."))
            return redirect(application)
    totals = application.budget_lines.aggregate(cost=Sum("cost_sek"), applied=Sum("applied_sek"))
    context = {
        "application": application,
        "formset": formset,
        "version": version,
        "errors": errors,
        "totals": totals,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "grants/budget_form.html", context, status=status)


@login_required
def application_submit_view(request, pk: int):
    application = application_for(request, pk, "grants.submit_grantapplication")
    errors = []
    if request.method == "POST":
        try:
            services.application_submit(application=application, actor=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Ansökan är inlämnad."))
            return redirect(application)
    context = {
        "application": application,
        "errors": errors,
        "question": _("Vill du lämna in ansökan?"),
        "details": [
            (_("Kommun"), application.municipality.name),
            (_("Rubrik"), application.title),
            (_("Bidragsår"), f"{application.first_year}–{application.last_year}"),
        ],
        "warning": _("En inlämnad ansökan kan inte ändras."),
        "cancel_url": application.get_absolute_url(),
        "confirm_label": _("Lämna in"),
    }
    status = 400 if errors else 200
    return render(request, "grants/application_submit.html", context, status=status)


@login_required
def advisory_comment_view(request, pk: int):
    application = application_for(request, pk, "grants.comment_grantapplication")
    agency = get_object_or_404(Agency, pk=application.round.advisory_body_id)
    form = AdvisoryCommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.advisory_comment_add(
            application=application,
            agency=agency,
            text=form.cleaned_data["text"],
            actor=request.user,
        )
        messages.success(request, _("Yttrandet är lämnat."))
        return redirect(application)
    context = {
        "question": _("Yttrande över ansökan"),
        "description": f"{application.municipality.name}: {application.title}",
        "details": [(_("Myndighet"), agency.name)],
        "warning": _("Ett lämnat yttrande kan inte ändras."),
        "form": form,
        "cancel_url": application.get_absolute_url(),
        "confirm_label": _("Lämna yttrande"),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "includes/confirm.html", context, status=status)


@require_POST
@login_required
def follow_up_start_view(request, pk: int, year: int):
    application = application_for(request, pk, "grants.add_grantfollowup")
    try:
        follow_up = services.follow_up_start(application=application, year=year, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(application)
    return redirect("grants:follow-up-edit", pk=follow_up.pk)
