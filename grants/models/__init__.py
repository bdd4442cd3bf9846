"""Models of the state grant to municipalities with socio-economically disadvantaged areas
(förordning 2018:151), split by subdomain."""

from .applications import (
    GrantAdvisoryComment,
    GrantApplication,
    GrantBudgetLine,
    GrantGoal,
    GrantGoalIndicator,
    GrantMeasure,
)
from .decisions import GrantDecision, GrantDecisionAmount, GrantPayment, GrantReclaim
from .followups import GrantFollowUp, GrantFollowUpEntry, GrantFollowUpResult
from .programme import GrantProgramme, GrantRound

__all__ = [
    "GrantAdvisoryComment",
    "GrantApplication",
    "GrantBudgetLine",
    "GrantDecision",
    "GrantDecisionAmount",
    "GrantFollowUp",
    "GrantFollowUpEntry",
    "GrantFollowUpResult",
    "GrantGoal",
    "GrantGoalIndicator",
    "GrantMeasure",
    "GrantPayment",
    "GrantProgramme",
    "GrantReclaim",
    "GrantRound",
]
