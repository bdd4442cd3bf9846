"""Pages for agreements, municipalities and districts: the lists, the agreement page, its
revisions and its files. Forms and workflow actions are in `edit_views.py`; strategic district
plans in `agreements/plans/`."""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements import selectors
from agreements.filters import AgreementFilter, DistrictFilter, MunicipalityFilter
from agreements.history import agreement_changes
from agreements.tables import AgreementTable, DistrictTable, MunicipalityTable
from agreements.workflow import ACTIONS, ACTIVE
from udavtal.lib.lists import FilteredListView
from udavtal.lib.pdf import pdf_response
from udavtal.lib.uploads import stored_file_response


class AgreementListView(FilteredListView):
    table_class = AgreementTable
    filterset_class = AgreementFilter
    template_name = "agreements/agreement_list.html"
    export_name = "avtal"
    title = _("Lokala utvecklingsavtal")

    def get_queryset(self):
        return selectors.agreement_list_for_table(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = self.request.user.has_perm("agreements.add_agreement")
        return context


class MunicipalityListView(FilteredListView):
    table_class = MunicipalityTable
    filterset_class = MunicipalityFilter
    export_name = "kommuner"
    title = _("Kommuner")

    def get_queryset(self):
        return selectors.municipality_list_for_table(user=self.request.user)


class DistrictListView(FilteredListView):
    table_class = DistrictTable
    filterset_class = DistrictFilter
    export_name = "stadsdelar"
    title = _("Stadsdelar")

    def get_queryset(self):
        return selectors.district_list_for_table(user=self.request.user)


@login_required
def agreement_detail_view(request, pk: int):
    agreement = selectors.agreement_get_for_page(user=request.user, pk=pk)
    user = request.user
    context = {
        "agreement": agreement,
        **_deadlines(agreement),
        **_funding(agreement),
        "attachments": selectors.attachments_of(agreement),
        "changes": agreement_changes(agreement),
        "can_change": user.has_perm("agreements.change_agreement", agreement),
        "can_revise": user.has_perm("agreements.revise_agreement", agreement),
        "can_attach": user.has_perm("agreements.attach_agreement", agreement),
        "can_download_pdf": user.has_perm("agreements.view_agreement", agreement),
        "actions": [
            (action, reverse(f"agreements:agreement-{action.name}", args=[agreement.pk]))
            for action in ACTIONS.values()
            if agreement.status in action.allowed_from
            and user.has_perm(action.permission, agreement)
        ],
    }
    return render(request, "agreements/agreement_detail.html", context)


def _funding(agreement) -> dict:
    funding = list(agreement.funding.all())
    state = sum(line.state_amount_sek for line in funding)
    municipality = sum(line.municipality_amount_sek for line in funding)
    return {
        "funding": funding,
        "funding_state_total": state,
        "funding_municipality_total": municipality,
        "funding_total": state + municipality,
    }


def _deadlines(agreement) -> dict:
    """Which deadlines have passed with work missing: plans still in draft (or districts without a
    plan) after the deadline for plans; no signed accord after the deadline for accords."""
    today = timezone.localdate()
    plans = list(agreement.plans.all())
    accords = list(agreement.accords.all())
    active = agreement.status in ACTIVE
    plans_late = bool(
        active
        and agreement.plans_due_on
        and agreement.plans_due_on < today
        and (
            any(plan.status == plan.Status.DRAFT for plan in plans)
            or len(plans) < len(agreement.districts.all())
        )
    )
    accords_late = bool(
        active
        and agreement.accords_due_on
        and agreement.accords_due_on < today
        and not any(accord.status in selectors.SIGNED_ACCORD_STATUSES for accord in accords)
    )
    return {
        "plans": plans,
        "accords": accords,
        "plans_overdue": plans_late,
        "accords_overdue": accords_late,
        "today": today,
    }


@login_required
def agreement_revision_detail_view(request, pk: int, year: int):
    revision = selectors.revision_get_for_user(user=request.user, pk=pk, year=year)
    snapshot = revision.snapshot or {}
    funding = snapshot.get("funding", [])
    context = {
        "revision": revision,
        "agreement": revision.agreement,
        "snapshot": snapshot,
        "funding": funding,
        "funding_state_total": sum(Decimal(line["state_amount_sek"]) for line in funding),
        "funding_municipality_total": sum(
            Decimal(line["municipality_amount_sek"]) for line in funding
        ),
    }
    return render(request, "agreements/revision_detail.html", context)


@login_required
def agreement_document_view(request, pk: int):
    """The signed agreement (PDF), served only to users who may see the agreement."""
    agreement = selectors.agreement_get_for_action(user=request.user, pk=pk)
    if not request.user.has_perm("agreements.view_agreement", agreement):
        raise PermissionDenied
    if not agreement.signed_document:
        raise Http404
    name = f"avtal-{agreement.pk}-undertecknat.pdf"
    return stored_file_response(agreement.signed_document, name, "application/pdf")


@login_required
def agreement_pdf_view(request, pk: int):
    """The agreement as a PDF, rendered on demand; watermarked UTKAST until both parties sign."""
    agreement = selectors.agreement_get_for_pdf(user=request.user, pk=pk)
    if not request.user.has_perm("agreements.view_agreement", agreement):
        raise PermissionDenied
    from agreements.pdf import build_agreement_pdf

    name = f"avtal-{agreement.municipality.name}-{agreement.starts_on.year}-{agreement.pk}.pdf"
    return pdf_response(build_agreement_pdf(agreement), name)


@login_required
def agreement_attachment_view(request, pk: int, attachment_pk: int):
    agreement = selectors.agreement_get_for_action(user=request.user, pk=pk)
    if not request.user.has_perm("agreements.view_agreement", agreement):
        raise PermissionDenied
    attachment = selectors.attachment_get(agreement=agreement, pk=attachment_pk)
    return stored_file_response(attachment.file, attachment.original_name, attachment.mime_type)


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
