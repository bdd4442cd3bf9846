"""The decision document (beslut om statsbidrag) as PDF through the project's one renderer,
`udavtal.lib.pdf.render_pdf(template_name, context, *, title, author, lang="sv") -> bytes`."""

from __future__ import annotations

from django.db.models import Prefetch

from grants.models import GrantDecision, GrantDecisionAmount
from udavtal.lib import formats


def decision_context(decision: GrantDecision) -> dict:
    decision = (
        GrantDecision.objects.select_related(
            "decided_by",
            "application",
            "application__municipality",
            "application__round",
            "application__round__programme",
            "application__round__administering_body",
        )
        .prefetch_related(
            Prefetch(
                "amounts",
                queryset=GrantDecisionAmount.objects.select_related("round").order_by(
                    "round__year"
                ),
            ),
            "application__districts",
        )
        .get(pk=decision.pk)
    )
    application = decision.application
    amounts = list(decision.amounts.all())
    return {
        "decision": decision,
        "application": application,
        "programme": application.round.programme,
        "administering_body": application.round.administering_body,
        "amounts": [(a.round.year, formats.money(a.amount_sek)) for a in amounts],
        "total": formats.money(sum(a.amount_sek for a in amounts)),
        "decided_on": formats.long_date(decision.decided_on),
        "districts": [d.name for d in application.districts.all()],
    }


def build_decision_pdf(decision: GrantDecision) -> bytes:
    from udavtal.lib.pdf import render_pdf  # the shared renderer; WeasyPrint loads inside it

    context = decision_context(decision)
    application = context["application"]
    body = context["administering_body"]
    return render_pdf(
        "grants/pdf/decision.html",
        context,
        title=f"Beslut om statsbidrag {application.round.year} – {application.municipality.name}",
        author=body.name if body else "Regeringskansliet",
        lang="sv",
    )
