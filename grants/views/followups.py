"""The yearly follow-up of a grant and its review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from grants import selectors, services
from grants.forms import FollowUpForm
from udavtal.forms import ReasonForm
from udavtal.lib.concurrency import StaleObjectError
from udavtal.lib.history import changes_for
from udavtal.lib.pages import add_service_errors

from ._common import require


@login_required
def follow_up_detail_view(request, pk: int):
    follow_up = selectors.follow_up_get_for_user(user=request.user, pk=pk)
    user = request.user
    context = {
        "follow_up": follow_up,
        "application": follow_up.application,
        "used_total": sum((e.used_sek or 0 for e in follow_up.entries.all()), 0),
        "changes": changes_for(follow_up),
        "can_change": user.has_perm("grants.change_grantfollowup", follow_up),
        "can_submit": user.has_perm("grants.submit_grantfollowup", follow_up),
        "can_review": user.has_perm("grants.review_grantfollowup", follow_up),
    }
    return render(request, "grants/follow_up_detail.html", context)


@login_required
def follow_up_edit_view(request, pk: int):
    follow_up = selectors.follow_up_get_for_user(user=request.user, pk=pk)
    require(request.user, "grants.change_grantfollowup", follow_up)
    form = FollowUpForm(
        request.POST or None, follow_up=follow_up, initial=FollowUpForm.initial_for(follow_up)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.follow_up_update(
                follow_up=follow_up,
                expected_version=data["version"],
                summary=data["summary"],
                goal_fulfilment=data["goal_fulfilment"],
                obstacles=data["obstacles"],
                entries=form.entry_data(),
                results=form.result_data(),
                actor=request.user,
            )
        except (ValidationError, StaleObjectError) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Uppföljningen är sparad."))
            return redirect(follow_up)
    context = {"follow_up": follow_up, "application": follow_up.application, "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "grants/follow_up_form.html", context, status=status)


def _confirm(request, follow_up, *, question, label, warning="", form=None, danger=False):
    return {
        "question": question,
        "description": str(follow_up),
        "details": [
            (_("Kommun"), follow_up.application.municipality.name),
            (_("År"), str(follow_up.year)),
        ],
        "warning": warning,
        "form": form,
        "cancel_url": follow_up.get_absolute_url(),
        "confirm_label": label,
        "danger": danger,
    }


@login_required
def follow_up_submit_view(request, pk: int):
    follow_up = selectors.follow_up_get_for_user(user=request.user, pk=pk)
    require(request.user, "grants.submit_grantfollowup", follow_up)
    errors = []
    if request.method == "POST":
        try:
            services.follow_up_submit(follow_up=follow_up, actor=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Uppföljningen är inlämnad."))
            return redirect(follow_up)
    for error in errors:
        messages.error(request, error)
    context = _confirm(
        request,
        follow_up,
        question=_("Vill du lämna in uppföljningen?"),
        label=_("Lämna in"),
        warning=_("En inlämnad uppföljning kan inte ändras om den inte skickas tillbaka."),
    )
    return render(request, "includes/confirm.html", context, status=400 if errors else 200)


@login_required
def follow_up_return_view(request, pk: int):
    follow_up = selectors.follow_up_get_for_user(user=request.user, pk=pk)
    require(request.user, "grants.review_grantfollowup", follow_up)
    form = ReasonForm(
        request.POST or None,
        label=_("Kommentar till kommunen"),
        help_text=_("Vad behöver kompletteras?"),
    )
    if request.method == "POST" and form.is_valid():
        services.follow_up_return(
            follow_up=follow_up, note=form.cleaned_data["reason"], actor=request.user
        )
        messages.success(request, _("Uppföljningen är återsänd till kommunen."))
        return redirect(follow_up)
    context = _confirm(
        request,
        follow_up,
        question=_("Vill du skicka tillbaka uppföljningen?"),
        label=_("Skicka tillbaka"),
        form=form,
        danger=True,
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "includes/confirm.html", context, status=status)


@login_required
def follow_up_accept_view(request, pk: int):
    follow_up = selectors.follow_up_get_for_user(user=request.user, pk=pk)
    require(request.user, "grants.review_grantfollowup", follow_up)
    if request.method == "POST":
        services.follow_up_accept(follow_up=follow_up, actor=request.user)
        messages.success(request, _("Uppföljningen är godkänd."))
        return redirect(follow_up)
    context = _confirm(
        request,
        follow_up,
        question=_("Vill du godkänna uppföljningen?"),
        label=_("Godkänn"),
        warning=_("En godkänd uppföljning kan inte ändras."),
    )
    return render(request, "includes/confirm.html", context)
