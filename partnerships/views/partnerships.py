"""Local partnerships: list, detail with members and the coverage of plan goals, members."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from agreements.models import Agreement
from partnerships import forms, selectors, services
from partnerships.filters import PartnershipFilter
from partnerships.tables import PartnershipTable
from partnerships.views.common import require
from udavtal.lib.concurrency import StaleObjectError
from udavtal.lib.history import changes_for
from udavtal.lib.lists import FilteredListView
from udavtal.lib.pages import add_service_errors


class PartnershipListView(FilteredListView):
    table_class = PartnershipTable
    filterset_class = PartnershipFilter
    export_name = "partnerskap"
    title = gettext_lazy("Lokala partnerskap")
    template_name = "partnerships/partnership_list.html"

    def get_queryset(self):
        return selectors.partnership_list_for_user(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = self.request.user.has_perm("partnerships.add_partnership")
        return context


@login_required
def partnership_detail_view(request, pk: int):
    partnership = selectors.partnership_get_for_user(user=request.user, pk=pk)
    require(request.user, "partnerships.view_partnership", partnership)
    members = selectors.partnership_members(partnership=partnership)
    coverage = selectors.partnership_coverage(partnership=partnership, members=members)
    can_change = request.user.has_perm("partnerships.change_partnership", partnership)
    editable = {
        m.pk for m in members if request.user.has_perm("partnerships.change_partnershipmember", m)
    }
    context = {
        "partnership": partnership,
        "members": [(m, m.pk in editable) for m in members],
        "coverage": coverage,
        "can_change": can_change,
        "changes": changes_for(partnership),
    }
    return render(request, "partnerships/partnership_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def partnership_create_view(request):
    require(request.user, "partnerships.add_partnership")
    form = forms.PartnershipCreateForm(
        request.POST or None,
        agreements=selectors.agreements_without_partnership(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        agreement = get_object_or_404(
            Agreement.objects.visible_to(request.user), pk=form.cleaned_data["agreement"].pk
        )
        try:
            partnership = services.partnership_create(
                agreement=agreement,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Partnerskapet är bildat."))
            return redirect(partnership)
    return render(
        request,
        "partnerships/partnership_form.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def partnership_member_add_view(request, pk: int):
    partnership = selectors.partnership_get_for_user(user=request.user, pk=pk)
    require(request.user, "partnerships.change_partnership", partnership)
    form = forms.MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.partnership_member_add(
                partnership=partnership, data=form.cleaned_data, actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Medlemmen är tillagd."))
            return redirect(partnership)
    context = {"form": form, "partnership": partnership}
    return render(
        request, "partnerships/member_form.html", context, status=400 if form.is_bound else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def partnership_member_edit_view(request, pk: int, member_pk: int):
    member = selectors.partnership_member_get_for_user(
        user=request.user, partnership_pk=pk, pk=member_pk
    )
    require(request.user, "partnerships.change_partnershipmember", member)
    form = forms.MemberForm(request.POST or None, member=member)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.partnership_member_update(
                member=member, data=data, expected_version=version, actor=request.user
            )
        except StaleObjectError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Medlemmen är ändrad."))
            return redirect(member.partnership)
    context = {"form": form, "partnership": member.partnership, "member": member}
    return render(
        request, "partnerships/member_form.html", context, status=400 if form.is_bound else 200
    )
