"""Pages for agreements, municipalities and districts (plans: agreements/plans/)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from agreements import selectors


@login_required
def agreement_detail_view(request, pk: int):
    agreement = selectors.agreement_get_for_user(user=request.user, pk=pk)
    funding = list(agreement.funding.all())
    context = {
        "agreement": agreement,
        "funding": funding,
        "funding_state_total": sum(line.state_amount_sek for line in funding),
        "funding_municipality_total": sum(line.municipality_amount_sek for line in funding),
        "can_change": request.user.has_perm("agreements.change_agreement", agreement),
    }
    return render(request, "agreements/agreement_detail.html", context)


@login_required
def municipality_detail_view(request, pk: int):
    municipality = selectors.municipality_get_for_user(user=request.user, pk=pk)
    context = {
        "municipality": municipality,
        "agreements": selectors.agreement_list_for_user(user=request.user).filter(
            municipality=municipality
        ),
        "districts": selectors.district_list_for_user(user=request.user).filter(
            municipality=municipality
        ),
    }
    return render(request, "agreements/municipality_detail.html", context)


@login_required
def district_detail_view(request, pk: int):
    district = selectors.district_get_for_user(user=request.user, pk=pk)
    context = {
        "district": district,
        "agreements": selectors.agreement_list_for_user(user=request.user).filter(
            districts=district
        ),
    }
    return render(request, "agreements/district_detail.html", context)
