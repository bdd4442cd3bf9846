"""Pages for agencies, partnerships and cooperation accords."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from partnerships import selectors


@login_required
def accord_detail_view(request, pk: int):
    accord = selectors.accord_get_for_user(user=request.user, pk=pk)
    return render(request, "partnerships/accord_detail.html", {"accord": accord})


@login_required
def agency_detail_view(request, pk: int):
    agency = selectors.agency_get_for_user(user=request.user, pk=pk)
    units = selectors.units_of_agencies(agency_ids=[agency.pk])
    return render(request, "partnerships/agency_detail.html", {"agency": agency, "units": units})


@login_required
def partnership_detail_view(request, pk: int):
    partnership = selectors.partnership_get_for_user(user=request.user, pk=pk)
    members = partnership.members.select_related("agency_unit", "agency_unit__agency")
    return render(
        request,
        "partnerships/partnership_detail.html",
        {"partnership": partnership, "members": members},
    )
