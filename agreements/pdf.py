"""The agreement as a PDF (lokalt utvecklingsavtal), rendered on demand through the project's one
renderer; an agreement that both parties have not yet signed is watermarked UTKAST."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import override

from agreements.models import Agreement
from udavtal.lib import formats
from udavtal.lib.pdf import render_pdf

STATE = "Regeringskansliet"


def is_signed(agreement: Agreement) -> bool:
    """Both parties have signed: the document is the agreement as signed, not a draft."""
    return bool(agreement.state_signed_on and agreement.municipality_signed_on)


def issuer_of(agreement: Agreement) -> str:
    """The issuing body: the Government Offices and, where known, the responsible ministry."""
    ministry = agreement.policy_phase.responsible_ministry
    return f"{STATE}, {ministry}" if ministry and ministry != STATE else STATE


def agreement_context(agreement: Agreement) -> dict:
    funding = list(agreement.funding.all())
    state_total = sum(line.state_amount_sek for line in funding)
    municipality_total = sum(line.municipality_amount_sek for line in funding)
    phase = agreement.policy_phase
    municipality = agreement.municipality
    return {
        "agreement": agreement,
        "draft": not is_signed(agreement),
        "issuer": issuer_of(agreement),
        "pdf_reference": _("Dnr %(number)s") % {"number": agreement.case_number}
        if agreement.case_number
        else agreement.title,
        "facts": [
            (_("Parter"), _("Staten och %(municipality)s kommun") % {"municipality": municipality}),
            (_("Diarienummer"), agreement.case_number),
            (
                _("Avtalsperiod"),
                f"{formats.long_date(agreement.starts_on)} – "
                f"{formats.long_date(agreement.ends_on)}",
            ),
            (_("Politikområde"), phase.name),
            (_("Rättslig grund"), phase.legal_basis),
            (_("Status"), agreement.get_status_display()),
        ],
        "districts": list(agreement.districts.all()),
        "goal_areas": list(agreement.goal_areas.all()),
        "funding": funding,
        "funding_state_total": state_total,
        "funding_municipality_total": municipality_total,
        "funding_total": state_total + municipality_total,
        "revisions": list(agreement.revisions.all()),
        "deadlines": [
            (_("Strategiska stadsdelsplaner"), agreement.plans_due_on),
            (_("Samverkansöverenskommelser med myndigheter"), agreement.accords_due_on),
        ],
    }


def build_agreement_pdf(agreement: Agreement) -> bytes:
    """`agreement` comes from `agreements.selectors.agreement_get_for_pdf` (all preloaded)."""
    with override("sv"):
        title = _("Lokalt utvecklingsavtal mellan staten och %(municipality)s kommun") % {
            "municipality": agreement.municipality.name
        }
        return render_pdf(
            "agreements/pdf/agreement.html",
            agreement_context(agreement),
            title=title,
            author=issuer_of(agreement),
            subject=agreement.title,
        )
