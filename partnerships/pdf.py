"""The cooperation accord (samverkansöverenskommelse) as a PDF, rendered on demand through the
project's one renderer; an accord that both sides have not yet signed is watermarked UTKAST."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import override

from partnerships.models import CooperationAccord
from udavtal.lib import formats
from udavtal.lib.pdf import render_pdf


def is_signed(accord: CooperationAccord) -> bool:
    return bool(accord.agency_signed_on and accord.municipality_signed_on)


def accord_context(accord: CooperationAccord) -> dict:
    """`accord` comes from `partnerships.selectors.accord_get_for_user` (goal areas, plans with
    their districts and the active commitments with their plan goals preloaded)."""
    unit = accord.agency_unit
    groups: list[tuple[object, list]] = []
    for commitment in accord.commitments.all():
        if groups and groups[-1][0].pk == commitment.plan_goal_id:
            groups[-1][1].append(commitment)
        else:
            groups.append((commitment.plan_goal, [commitment]))
    return {
        "accord": accord,
        "unit": unit,
        "agency": unit.agency,
        "draft": not is_signed(accord),
        "pdf_reference": _("Dnr %(number)s") % {"number": accord.case_number}
        if accord.case_number
        else accord.title,
        "facts": [
            (_("Parter"), f"{unit.name} {_('och')} {accord.municipality.name} {_('kommun')}"),
            (_("Myndighet"), unit.agency.name),
            (_("Diarienummer"), accord.case_number),
            (
                _("Period"),
                f"{formats.long_date(accord.starts_on)} – {formats.long_date(accord.ends_on)}",
            ),
            (_("Lokalt utvecklingsavtal"), accord.agreement.title),
            (_("Status"), accord.get_status_display()),
        ],
        "plans": list(accord.plans.all()),
        "goal_areas": list(accord.goal_areas.all()),
        "groups": groups,
    }


def build_accord_pdf(accord: CooperationAccord) -> bytes:
    with override("sv"):
        title = _("Samverkansöverenskommelse mellan %(unit)s och %(municipality)s kommun") % {
            "unit": accord.agency_unit.name,
            "municipality": accord.municipality.name,
        }
        return render_pdf(
            "partnerships/pdf/accord.html",
            accord_context(accord),
            title=title,
            author=accord.agency_unit.agency.name,
            subject=accord.title,
        )
