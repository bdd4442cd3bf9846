"""Decision, decision document, payments and reclaims (officers of the administering body)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from grants import pdf, selectors, services
from grants.forms import DecisionForm, PaymentForm, PaymentRecordForm, ReclaimForm
from grants.models import GrantDecision, GrantPayment
from udavtal.lib.pages import add_service_errors

from ._common import application_for, require


@login_required
def application_decide_view(request, pk: int):
    application = application_for(request, pk, "grants.decide_grantapplication")
    applied = services.decisions.applied_by_year(application)
    form = DecisionForm(
        request.POST or None,
        application=application,
        applied=applied,
        initial={"decided_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.decision_make(
                application=application,
                amounts=form.amounts(),
                reasoning=data["reasoning"],
                conditions=data["conditions"],
                decided_on=data["decided_on"],
                case_number=data["case_number"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Beslutet är fattat."))
            return redirect(application)
    rounds = {r.year: r for r in selectors.round_list_for_user(user=request.user)}
    context = {
        "application": application,
        "form": form,
        "years": [(year, applied.get(year), rounds.get(year)) for year in application.years],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "grants/decision_form.html", context, status=status)


@login_required
def decision_pdf_view(request, pk: int):
    """The decision document: rendered once on first request, then served from the archive."""
    application = application_for(request, pk)
    decision = get_object_or_404(GrantDecision, application=application)
    if not decision.pdf_sha256:
        decision = services.decision_store_pdf(
            decision=decision, content=pdf.build_decision_pdf(decision)
        )
    return FileResponse(
        decision.pdf.open("rb"),
        content_type="application/pdf",
        filename=f"beslut-statsbidrag-{application.municipality.name}-{application.round.year}.pdf",
    )


@login_required
def payment_create_view(request, amount_pk: int):
    amount = selectors.decision_amount_get_for_user(user=request.user, pk=amount_pk)
    application = amount.decision.application
    require(request.user, "grants.pay_grantpayment", application)
    form = PaymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.payment_plan(decision_amount=amount, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Utbetalningen är planerad."))
            return redirect(application)
    context = {
        "question": _("Planera utbetalning för %(year)s") % {"year": amount.round.year},
        "description": f"{application.municipality.name}: {application.title}",
        "details": [(_("Beviljat för året"), f"{amount.amount_sek:,.0f} kr".replace(",", " "))],
        "warning": _("Utbetalningarna för ett år får inte överstiga det beviljade beloppet."),
        "form": form,
        "cancel_url": application.get_absolute_url(),
        "confirm_label": _("Planera"),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "includes/confirm.html", context, status=status)


@login_required
def payment_record_view(request, payment_pk: int):
    payment = selectors.payment_get_for_user(user=request.user, pk=payment_pk)
    application = payment.decision_amount.decision.application
    require(request.user, "grants.pay_grantpayment", application)
    if payment.status != GrantPayment.Status.PLANNED:
        messages.info(request, _("Utbetalningen är redan registrerad."))
        return redirect(application)
    form = PaymentRecordForm(request.POST or None, initial={"paid_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        services.payment_record(
            payment=payment, paid_on=form.cleaned_data["paid_on"], actor=request.user
        )
        messages.success(request, _("Utbetalningen är registrerad."))
        return redirect(application)
    context = {
        "question": _("Registrera utbetalning"),
        "description": f"{application.municipality.name}: {application.title}",
        "details": [
            (_("Bidragsår"), str(payment.decision_amount.round.year)),
            (_("Belopp"), f"{payment.amount_sek:,.0f} kr".replace(",", " ")),
            (_("Planerad"), f"{payment.due_on:%Y-%m-%d}"),
        ],
        "form": form,
        "cancel_url": application.get_absolute_url(),
        "confirm_label": _("Registrera som utbetald"),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "includes/confirm.html", context, status=status)


@login_required
def reclaim_create_view(request, amount_pk: int):
    amount = selectors.decision_amount_get_for_user(user=request.user, pk=amount_pk)
    application = amount.decision.application
    require(request.user, "grants.add_grantreclaim", application)
    form = ReclaimForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.reclaim_record(decision_amount=amount, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Återkravet är registrerat."))
            return redirect(application)
    context = {
        "question": _("Registrera återkrav för %(year)s") % {"year": amount.round.year},
        "description": f"{application.municipality.name}: {application.title}",
        "warning": _("Ett registrerat återkrav kan inte ändras."),
        "form": form,
        "cancel_url": application.get_absolute_url(),
        "confirm_label": _("Registrera återkrav"),
        "danger": True,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "includes/confirm.html", context, status=status)
