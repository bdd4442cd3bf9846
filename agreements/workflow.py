"""The agreement's workflow: which action moves an agreement from which states to which.

    erbjuden ─→ under överläggning ─→ undertecknad ─→ gällande ─→ avslutad
        │              │                  (automatically from the dates)
        └──────────────┴─→ avböjd
    erbjuden, under överläggning, undertecknad, gällande ⇄ vilande
    undertecknad, gällande, vilande ─→ uppsagd

`gällande` and `avslutad` follow the dates: `update_agreement_statuses` (daily) and the sign
service move a signed agreement on when its start date has come or its end date has passed.
The same table drives the rules (`agreements/rules.py`), the buttons and the services, which
refuse an action in any other state (`udavtal.lib.workflow.TransitionNotAllowed`, a 403).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement

Status = Agreement.Status


@dataclass(frozen=True)
class Action:
    name: str
    allowed_from: tuple[str, ...]
    to: str | None  # None: decided by the service (resume returns to the state before the pause)
    label: str
    question: str
    confirm_label: str
    reason_label: str = ""
    reason_required: bool = False
    danger: bool = False

    @property
    def permission(self) -> str:
        return f"agreements.{self.name}_agreement"


ACTIONS: dict[str, Action] = {
    action.name: action
    for action in (
        Action(
            name="negotiate",
            allowed_from=(Status.OFFERED,),
            to=Status.NEGOTIATING,
            label=_("Inled överläggningar"),
            question=_("Vill du inleda överläggningar om avtalet?"),
            confirm_label=_("Inled överläggningar"),
            reason_label=_("Kommentar"),
        ),
        Action(
            name="sign",
            allowed_from=(Status.NEGOTIATING,),
            to=Status.SIGNED,
            label=_("Registrera underskrift"),
            question=_("Registrera att avtalet är undertecknat"),
            confirm_label=_("Registrera underskrift"),
        ),
        Action(
            name="pause",
            allowed_from=(Status.OFFERED, Status.NEGOTIATING, Status.SIGNED, Status.IN_FORCE),
            to=Status.PAUSED,
            label=_("Gör vilande"),
            question=_("Vill du göra avtalet vilande?"),
            confirm_label=_("Gör vilande"),
            reason_label=_("Skäl, t.ex. i väntan på besked efter ett val"),
            reason_required=True,
        ),
        Action(
            name="resume",
            allowed_from=(Status.PAUSED,),
            to=None,
            label=_("Återuppta"),
            question=_("Vill du återuppta arbetet med avtalet?"),
            confirm_label=_("Återuppta"),
            reason_label=_("Kommentar"),
        ),
        Action(
            name="decline",
            allowed_from=(Status.OFFERED, Status.NEGOTIATING, Status.PAUSED),
            to=Status.DECLINED,
            label=_("Kommunen avböjer"),
            question=_("Har kommunen avböjt avtalet?"),
            confirm_label=_("Registrera att kommunen avböjer"),
            reason_label=_("Kommunens skäl"),
            reason_required=True,
            danger=True,
        ),
        Action(
            name="terminate",
            allowed_from=(Status.SIGNED, Status.IN_FORCE, Status.PAUSED),
            to=Status.TERMINATED,
            label=_("Säg upp avtalet"),
            question=_("Vill du säga upp avtalet?"),
            confirm_label=_("Säg upp avtalet"),
            reason_label=_("Skäl för uppsägningen"),
            reason_required=True,
            danger=True,
        ),
    )
}

# Officers edit the agreement's fields, districts, funding and deadlines in these states; an
# ended, declined or terminated agreement is closed.
EDITABLE = (Status.OFFERED, Status.NEGOTIATING, Status.SIGNED, Status.IN_FORCE, Status.PAUSED)
# A yearly revision is recorded for an agreement that has been signed and is not closed.
REVISABLE = (Status.SIGNED, Status.IN_FORCE, Status.PAUSED)
# Agreements whose plans and accords are expected (and overdue after their deadlines).
ACTIVE = (Status.SIGNED, Status.IN_FORCE)
CLOSED = (Status.ENDED, Status.DECLINED, Status.TERMINATED)
# Once signed, a funding row is a commitment: it is changed (to 0 kr with a note), never deleted.
FUNDING_KEPT = (Status.SIGNED, Status.IN_FORCE, Status.PAUSED, Status.ENDED, Status.TERMINATED)


def status_by_dates(agreement: Agreement, today) -> str:
    """The status of a signed agreement on `today`: signed, in force or ended."""
    if agreement.ends_on < today:
        return Status.ENDED
    if agreement.starts_on <= today:
        return Status.IN_FORCE
    return Status.SIGNED
