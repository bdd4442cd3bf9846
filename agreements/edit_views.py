"""Forms and workflow actions on agreements: create, edit, the workflow's confirmation pages,
signing with the signed PDF, yearly revisions and attachments.

Every view fetches through the user's scope (404 outside), checks the permission (403), and calls
one service. A form with errors is shown again with status 400 and everything typed kept.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agreements import selectors, services, transitions
from agreements.forms import (
    AgreementForm,
    AttachmentForm,
    MunicipalityChoiceForm,
    RevisionForm,
    SignForm,
    funding_formset,
)
from agreements.workflow import ACTIONS, EDITABLE, REVISABLE
from udavtal.forms import ReasonForm
from udavtal.lib.concurrency import StaleObjectError
from udavtal.lib.workflow import check_transition

GET_POST = require_http_methods(["GET", "POST"])


def _status(request) -> int:
    """A form shown again after a POST had errors."""
    return 400 if request.method == "POST" else 200


def _both_valid(form, formset) -> bool:
    """Validate both (so every error shows at once); the summary at the top names the funding
    table when only it has errors."""
    form_valid, formset_valid = form.is_valid(), formset.is_valid()
    if not formset_valid:
        form.add_error(None, _("Finansieringen per år innehåller fel, se tabellen nedan."))
    return form_valid and formset_valid


def _agreement_for(request, pk: int, permission: str):
    agreement = selectors.agreement_get_for_action(user=request.user, pk=pk)
    if not request.user.has_perm(permission, agreement):
        raise PermissionDenied
    return agreement


@login_required
@GET_POST
def agreement_create_view(request):
    if not request.user.has_perm("agreements.add_agreement"):
        raise PermissionDenied
    chooser = MunicipalityChoiceForm(request.GET or None, user=request.user)
    if not chooser.is_valid():
        status = 400 if request.GET else 200
        context = {"form": chooser}
        return render(request, "agreements/agreement_create_start.html", context, status=status)
    municipality = chooser.cleaned_data["kommun"]
    data = request.POST if request.method == "POST" else None
    form = AgreementForm(data, municipality=municipality)
    formset = funding_formset(data)
    if data is not None and _both_valid(form, formset):
        try:
            agreement = services.agreement_create(
                municipality=municipality,
                fields=form.agreement_fields(),
                districts=form.cleaned_data["districts"],
                goal_areas=form.cleaned_data["goal_areas"],
                funding=formset.funding_lines(),
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Avtalet är registrerat som erbjudet."))
            return redirect(agreement)
    context = {"form": form, "formset": formset, "municipality": municipality}
    return render(request, "agreements/agreement_form.html", context, status=_status(request))


@login_required
@GET_POST
def agreement_edit_view(request, pk: int):
    agreement = _agreement_for(request, pk, "agreements.change_agreement")
    check_transition(agreement, allowed_from=EDITABLE)
    data = request.POST if request.method == "POST" else None
    form = AgreementForm(data, municipality=agreement.municipality, agreement=agreement)
    formset = funding_formset(data, agreement=agreement)
    if data is not None and _both_valid(form, formset):
        try:
            services.agreement_update(
                agreement=agreement,
                expected_version=form.cleaned_data["version"],
                fields=form.agreement_fields(),
                districts=form.cleaned_data["districts"],
                goal_areas=form.cleaned_data["goal_areas"],
                funding=formset.funding_lines(),
                actor=request.user,
            )
        except StaleObjectError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(agreement)
    context = {
        "form": form,
        "formset": formset,
        "municipality": agreement.municipality,
        "agreement": agreement,
    }
    return render(request, "agreements/agreement_form.html", context, status=_status(request))


def _action_view(request, pk: int, name: str):
    """The confirmation page of a workflow action (GET) and the action itself (POST)."""
    action = ACTIONS[name]
    agreement = _agreement_for(request, pk, action.permission)
    check_transition(agreement, allowed_from=action.allowed_from)
    form = ReasonForm(
        request.POST if request.method == "POST" else None,
        required=action.reason_required,
        label=action.reason_label,
    )
    if request.method == "POST" and form.is_valid():
        service = transitions.ACTION_SERVICES[name]
        try:
            service(agreement=agreement, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Avtalets status är nu ”%(status)s”.")
                % {"status": agreement.get_status_display()},
            )
            return redirect(agreement)
    context = {
        "question": action.question,
        "details": [
            (_("Avtal"), agreement.title),
            (_("Kommun"), agreement.municipality.name),
            (_("Period"), agreement.period_label),
            (_("Status nu"), agreement.get_status_display()),
        ],
        "form": form,
        "cancel_url": agreement.get_absolute_url(),
        "confirm_label": action.confirm_label,
        "danger": action.danger,
        "warning": _("Ändringen sparas i avtalets historik med ditt namn och din motivering."),
    }
    return render(request, "includes/confirm.html", context, status=_status(request))


@login_required
@GET_POST
def agreement_negotiate_view(request, pk: int):
    return _action_view(request, pk, "negotiate")


@login_required
@GET_POST
def agreement_pause_view(request, pk: int):
    return _action_view(request, pk, "pause")


@login_required
@GET_POST
def agreement_resume_view(request, pk: int):
    return _action_view(request, pk, "resume")


@login_required
@GET_POST
def agreement_decline_view(request, pk: int):
    return _action_view(request, pk, "decline")


@login_required
@GET_POST
def agreement_terminate_view(request, pk: int):
    return _action_view(request, pk, "terminate")


@login_required
@GET_POST
def agreement_sign_view(request, pk: int):
    agreement = _agreement_for(request, pk, ACTIONS["sign"].permission)
    check_transition(agreement, allowed_from=ACTIONS["sign"].allowed_from)
    if request.method == "POST":
        form = SignForm(request.POST, request.FILES)
    else:
        form = SignForm(initial={"version": agreement.version})
    if request.method == "POST" and form.is_valid():
        try:
            transitions.agreement_sign(
                agreement=agreement,
                signatures=form.signatures(),
                document=form.cleaned_data["signed_document"],
                expected_version=form.cleaned_data["version"],
                actor=request.user,
            )
        except StaleObjectError as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Underskriften är registrerad. Avtalets status är nu ”%(status)s”.")
                % {"status": agreement.get_status_display()},
            )
            return redirect(agreement)
    context = {"agreement": agreement, "form": form}
    return render(request, "agreements/agreement_sign.html", context, status=_status(request))


@login_required
@GET_POST
def agreement_revise_view(request, pk: int):
    agreement = _agreement_for(request, pk, "agreements.revise_agreement")
    check_transition(agreement, allowed_from=REVISABLE)
    today = timezone.localdate()
    if request.method == "POST":
        form = RevisionForm(request.POST)
    else:
        form = RevisionForm(initial={"year": today.year, "decided_on": today})
    if request.method == "POST" and form.is_valid():
        try:
            revision = services.agreement_revise(
                agreement=agreement, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Revideringen för %(year)s är registrerad.") % {"year": revision.year}
            )
            return redirect("agreements:revision-detail", pk=agreement.pk, year=revision.year)
    context = {"agreement": agreement, "form": form}
    return render(request, "agreements/revision_form.html", context, status=_status(request))


@login_required
@GET_POST
def agreement_attach_view(request, pk: int):
    agreement = _agreement_for(request, pk, "agreements.attach_agreement")
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.agreement_attach(
            agreement=agreement,
            upload=form.cleaned_data["file"],
            description=form.cleaned_data["description"],
            actor=request.user,
        )
        messages.success(request, _("Bilagan är uppladdad."))
        return redirect(f"{agreement.get_absolute_url()}#attachments-heading")
    context = {"agreement": agreement, "form": form}
    return render(request, "agreements/attachment_form.html", context, status=_status(request))
