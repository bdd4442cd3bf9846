"""Grant rounds: the list with remaining money per year, a round's page, the officer's edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.roles import scope_of
from grants import selectors, services
from grants.forms import RoundForm
from udavtal.lib.concurrency import StaleObjectError
from udavtal.lib.pages import add_service_errors

from ._common import require


@login_required
def round_list_view(request):
    rounds = list(selectors.round_list_for_user(user=request.user))
    context = {
        "rounds": rounds,
        "programme": rounds[0].programme if rounds else None,
        "can_view_overview": True,
    }
    return render(request, "grants/round_list.html", context)


@login_required
def round_detail_view(request, year: int):
    grant_round = selectors.round_get_for_user(user=request.user, year=year)
    applications = selectors.application_list_for_user(user=request.user).filter(round=grant_round)
    scope = scope_of(request.user)
    own = [m for m in grant_round.eligible_municipalities.all() if m.pk in scope.municipality_ids]
    context = {
        "round": grant_round,
        "applications": applications,
        "own_eligible": own,
        "can_change": request.user.has_perm("grants.change_grantround", grant_round),
        "can_apply": bool(own) and request.user.has_perm("grants.add_grantapplication"),
    }
    return render(request, "grants/round_detail.html", context)


@login_required
def round_edit_view(request, year: int):
    grant_round = selectors.round_get_for_user(user=request.user, year=year)
    require(request.user, "grants.change_grantround", grant_round)
    form = RoundForm(request.POST or None, initial=RoundForm.initial_for(grant_round))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.round_update(
                grant_round=grant_round,
                expected_version=data.pop("version"),
                actor=request.user,
                **data,
            )
        except (ValidationError, StaleObjectError) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Bidragsomgången är sparad."))
            return redirect(grant_round)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "grants/round_form.html", {"round": grant_round, "form": form}, status=status
    )
