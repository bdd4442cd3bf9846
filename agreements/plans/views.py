"""Pages for strategic district plans: list, page, create, edit, adopt, and the plan's goals,
indicators and measures."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.plans import selectors, services
from agreements.plans.filters import PlanFilter
from agreements.plans.forms import (
    AdoptForm,
    GoalForm,
    GoalIndicatorForm,
    MeasureForm,
    PlanCreateForm,
    PlanSectionsForm,
)
from agreements.plans.tables import PlanTable
from udavtal.lib.concurrency import StaleObjectError
from udavtal.lib.history import changes_for
from udavtal.lib.lists import FilteredListView


class PlanListView(FilteredListView):
    table_class = PlanTable
    filterset_class = PlanFilter
    export_name = "stadsdelsplaner"
    title = gettext_lazy("Strategiska stadsdelsplaner")
    intro = gettext_lazy(
        "De lokala partnerskapens styrdokument, en plan per stadsdel och avtal, med status och "
        "sista dag."
    )
    template_name = "agreements/plan_list.html"

    def get_queryset(self):
        return selectors.plan_list_for_table(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create"] = self.request.user.has_perm("agreements.add_strategicdistrictplan")
        return context


def _get_plan(request, pk: int, perm: str = "agreements.view_strategicdistrictplan"):
    plan = selectors.plan_get_for_user(user=request.user, pk=pk)
    if not request.user.has_perm(perm, plan):
        raise PermissionDenied
    return plan


@login_required
def plan_detail_view(request, pk: int):
    plan = _get_plan(request, pk)
    user = request.user
    context = {
        "plan": plan,
        "changes": changes_for(plan),
        "can_change": user.has_perm("agreements.change_strategicdistrictplan", plan),
        "can_adopt": user.has_perm("agreements.adopt_strategicdistrictplan", plan),
        "can_remove": user.has_perm("agreements.delete_plangoal", plan),
    }
    return render(request, "agreements/plan_detail.html", context)


@login_required
def plan_create_view(request):
    if not request.user.has_perm("agreements.add_strategicdistrictplan"):
        raise PermissionDenied
    agreements = selectors.plan_form_choices(user=request.user)
    form = PlanCreateForm(request.POST or None, agreements=agreements, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        agreement = form.cleaned_data["agreement"]
        if not request.user.has_perm("agreements.add_strategicdistrictplan", agreement):
            raise PermissionDenied
        try:
            plan = services.plan_create(
                agreement=form.cleaned_data["agreement"],
                district=form.cleaned_data["district"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Stadsdelsplanen är påbörjad."))
            return redirect(plan)
    return _form_page(
        request,
        form,
        title=_("Ny strategisk stadsdelsplan"),
        cancel_url=reverse("agreements:plan-list"),
        submit_label=_("Skapa planen"),
    )


def _form_page(request, form, *, title, cancel_url, submit_label, plan=None, intro=""):
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "title": title,
        "intro": intro,
        "plan": plan,
        "cancel_url": cancel_url,
        "submit_label": submit_label,
    }
    return render(request, "agreements/plan_form.html", context, status=status)


@login_required
def plan_edit_view(request, pk: int):
    plan = _get_plan(request, pk, "agreements.change_strategicdistrictplan")
    form = PlanSectionsForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(
                plan=plan,
                sections={name: form.cleaned_data[name] for name in services.SECTION_FIELDS},
                expected_version=form.cleaned_data["version"],
                actor=request.user,
                revision=form.revision(),
            )
        except StaleObjectError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Planen är sparad."))
            return redirect(plan)
    return _form_page(
        request,
        form,
        title=_("Redigera stadsdelsplanen för %(district)s") % {"district": plan.district.name},
        plan=plan,
        cancel_url=plan.get_absolute_url(),
        submit_label=_("Spara"),
    )


@login_required
def plan_adopt_view(request, pk: int):
    plan = _get_plan(request, pk, "agreements.adopt_strategicdistrictplan")
    form = AdoptForm(request.POST or None, initial={"version": plan.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_adopt(
                plan=plan,
                adopted_on=form.cleaned_data["adopted_on"],
                actor=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except StaleObjectError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error("adopted_on", error)
        else:
            messages.success(request, _("Planen är fastställd."))
            return redirect(plan)
    context = {
        "question": _("Vill du fastställa stadsdelsplanen?"),
        "description": _("%(district)s, %(agreement)s")
        % {"district": plan.district.name, "agreement": plan.agreement.title},
        "details": [
            (_("Mål"), str(sum(1 for _goal in plan.goals.all()))),
            (_("Sista dag för planen"), plan.due_on.isoformat() if plan.due_on else None),
        ],
        "warning": _("En fastställd plan ändras bara genom revidering, med datum och motivering."),
        "form": form,
        "cancel_url": plan.get_absolute_url(),
        "confirm_label": _("Fastställ"),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "includes/confirm.html", context, status=status)


# --- Goals, indicators and measures -----------------------------------------------------------


def _goal_of(plan, goal_pk: int):
    return get_object_or_404(plan.goals.all(), pk=goal_pk)


def _indicator_of(plan, indicator_pk: int):
    for goal in plan.goals.all():
        for goal_indicator in goal.indicators.all():
            if goal_indicator.pk == indicator_pk:
                return goal_indicator
    raise Http404


def _measure_of(plan, measure_pk: int):
    for goal in plan.goals.all():
        for measure in goal.measures.all():
            if measure.pk == measure_pk:
                return measure
    raise Http404


def _run(form, write) -> bool:
    """Call the service; show its refusals on the form. True when saved."""
    try:
        write()
    except StaleObjectError as error:
        form.add_error(None, str(error))
    except ValidationError as error:
        form.add_error(None, error)
    else:
        return True
    return False


@login_required
def plan_goal_create_view(request, pk: int):
    plan = _get_plan(request, pk, "agreements.change_strategicdistrictplan")
    form = GoalForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def write():
            services.goal_create(
                plan=plan,
                goal_area=data["goal_area"],
                text=data["text"],
                position=data["position"] or 0,
                actor=request.user,
                revision=form.revision(),
            )

        if _run(form, write):
            messages.success(request, _("Målet är tillagt."))
            return redirect(f"{plan.get_absolute_url()}#mal")
    return _form_page(
        request,
        form,
        title=_("Nytt mål i planen för %(district)s") % {"district": plan.district.name},
        plan=plan,
        cancel_url=plan.get_absolute_url(),
        submit_label=_("Lägg till mål"),
    )


@login_required
def plan_goal_edit_view(request, pk: int, goal_pk: int):
    plan = _get_plan(request, pk, "agreements.change_strategicdistrictplan")
    goal = _goal_of(plan, goal_pk)
    form = GoalForm(request.POST or None, instance=goal, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def write():
            services.goal_update(
                goal=goal,
                goal_area=data["goal_area"],
                text=data["text"],
                position=data["position"] or 0,
                actor=request.user,
                revision=form.revision(),
                expected_version=data["version"],
            )

        if _run(form, write):
            messages.success(request, _("Målet är sparat."))
            return redirect(f"{plan.get_absolute_url()}#mal-{goal.pk}")
    return _form_page(
        request,
        form,
        title=_("Ändra mål"),
        plan=plan,
        cancel_url=plan.get_absolute_url(),
        submit_label=_("Spara"),
    )


def _delete_page(request, plan, perm: str, obj, *, question, kind, delete, done):
    if not request.user.has_perm(perm, plan):
        raise PermissionDenied
    error = None
    if request.method == "POST":
        try:
            delete()
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, done)
            return redirect(f"{plan.get_absolute_url()}#mal")
    context = {
        "question": question,
        "details": [(kind, str(obj)), (_("Stadsdelsplan"), plan.district.name)],
        "warning": error or _("Planen är ett utkast; historiken visar vad som togs bort."),
        "cancel_url": plan.get_absolute_url(),
        "confirm_label": _("Ta bort"),
        "danger": True,
    }
    return render(request, "includes/confirm.html", context, status=400 if error else 200)


@login_required
def plan_goal_delete_view(request, pk: int, goal_pk: int):
    plan = _get_plan(request, pk)
    goal = _goal_of(plan, goal_pk)
    return _delete_page(
        request,
        plan,
        "agreements.delete_plangoal",
        goal,
        question=_("Vill du ta bort målet ur planen?"),
        kind=_("Mål"),
        delete=lambda: services.goal_delete(goal=goal, actor=request.user),
        done=_("Målet är borttaget."),
    )


def _indicator_values(data) -> dict:
    return {
        "baseline_year": data["baseline_year"],
        "baseline_value": data["baseline_value"],
        "target_year": data["target_year"],
        "target_value": data["target_value"],
    }


@login_required
def plan_indicator_create_view(request, pk: int, goal_pk: int):
    plan = _get_plan(request, pk, "agreements.change_strategicdistrictplan")
    goal = _goal_of(plan, goal_pk)
    form = GoalIndicatorForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():

        def write():
            services.goal_indicator_create(
                goal=goal,
                indicator=form.cleaned_data["indicator"],
                actor=request.user,
                revision=form.revision(),
                **_indicator_values(form.cleaned_data),
            )

        if _run(form, write):
            messages.success(request, _("Indikatorn är tillagd."))
            return redirect(f"{plan.get_absolute_url()}#mal-{goal.pk}")
    return _form_page(
        request,
        form,
        title=_("Ny indikator för målet"),
        intro=goal.text,
        plan=plan,
        cancel_url=plan.get_absolute_url(),
        submit_label=_("Lägg till indikator"),
    )


@login_required
def plan_indicator_edit_view(request, pk: int, indicator_pk: int):
    plan = _get_plan(request, pk, "agreements.change_strategicdistrictplan")
    goal_indicator = _indicator_of(plan, indicator_pk)
    form = GoalIndicatorForm(request.POST or None, instance=goal_indicator, plan=plan)
    if request.method == "POST" and form.is_valid():

        def write():
            services.goal_indicator_update(
                goal_indicator=goal_indicator,
                actor=request.user,
                revision=form.revision(),
                expected_version=form.cleaned_data["version"],
                **_indicator_values(form.cleaned_data),
            )

        if _run(form, write):
            messages.success(request, _("Indikatorn är sparad."))
            return redirect(f"{plan.get_absolute_url()}#mal-{goal_indicator.goal_id}")
    return _form_page(
        request,
        form,
        title=_("Ändra indikator: %(indicator)s") % {"indicator": goal_indicator.indicator.name},
        intro=goal_indicator.goal.text,
        plan=plan,
        cancel_url=plan.get_absolute_url(),
        submit_label=_("Spara"),
    )


@login_required
def plan_indicator_delete_view(request, pk: int, indicator_pk: int):
    plan = _get_plan(request, pk)
    goal_indicator = _indicator_of(plan, indicator_pk)
    return _delete_page(
        request,
        plan,
        "reports.delete_goalindicator",
        goal_indicator.indicator,
        question=_("Vill du ta bort indikatorn från målet?"),
        kind=_("Indikator"),
        delete=lambda: services.goal_indicator_delete(
            goal_indicator=goal_indicator, actor=request.user
        ),
        done=_("Indikatorn är borttagen."),
    )


@login_required
def plan_measure_create_view(request, pk: int, goal_pk: int):
    plan = _get_plan(request, pk, "agreements.change_strategicdistrictplan")
    goal = _goal_of(plan, goal_pk)
    form = MeasureForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():

        def write():
            services.measure_create(goal=goal, data=form.to_input(), actor=request.user)

        if _run(form, write):
            messages.success(request, _("Insatsen är tillagd."))
            return redirect(f"{plan.get_absolute_url()}#mal-{goal.pk}")
    return _form_page(
        request,
        form,
        title=_("Ny insats för målet"),
        intro=goal.text,
        plan=plan,
        cancel_url=plan.get_absolute_url(),
        submit_label=_("Lägg till insats"),
    )


@login_required
def plan_measure_edit_view(request, pk: int, measure_pk: int):
    plan = _get_plan(request, pk, "agreements.change_strategicdistrictplan")
    measure = _measure_of(plan, measure_pk)
    form = MeasureForm(request.POST or None, instance=measure, plan=plan)
    if request.method == "POST" and form.is_valid():

        def write():
            services.measure_update(
                measure=measure,
                data=form.to_input(),
                actor=request.user,
                expected_version=form.cleaned_data["version"],
            )

        if _run(form, write):
            messages.success(request, _("Insatsen är sparad."))
            return redirect(f"{plan.get_absolute_url()}#mal-{measure.goal_id}")
    return _form_page(
        request,
        form,
        title=_("Ändra insats: %(measure)s") % {"measure": measure.title},
        plan=plan,
        cancel_url=plan.get_absolute_url(),
        submit_label=_("Spara"),
    )


@login_required
def plan_measure_delete_view(request, pk: int, measure_pk: int):
    plan = _get_plan(request, pk)
    measure = _measure_of(plan, measure_pk)
    return _delete_page(
        request,
        plan,
        "agreements.delete_measure",
        measure,
        question=_("Vill du ta bort insatsen ur planen?"),
        kind=_("Insats"),
        delete=lambda: services.measure_delete(measure=measure, actor=request.user),
        done=_("Insatsen är borttagen."),
    )
