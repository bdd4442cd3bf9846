"""How far a goal indicator has come from its baseline towards its target. Pure functions.

    progress = (value − baseline) / (target − baseline)

- 0 means still at the baseline, 1 (100 %) means the target is reached, above 1 the target is
  passed, below 0 the indicator moved away from the target.
- The same formula is right for indicators where lower is better: their target lies below the
  baseline, so numerator and denominator are both negative while the value falls towards the
  target (baseline 20 %, target 10 %, value 15 % → (15 − 20) / (10 − 20) = 0.5).
- Any missing value (baseline, target or the year's value) gives None ("värde saknas"), never 0.
- Target equal to baseline means "hold the level". The ratio is then 1 when the value is at the
  target or on its better side (≥ for higher-is-better, ≤ for lower-is-better, exactly equal for
  descriptive indicators) and 0 otherwise; the formula would divide by zero.
- For display the ratio is clamped to 0–100 %; the unclamped ratio and the assessment
  ("Målet nått", "På väg mot målet", "Oförändrat", "Åt fel håll", "Målet inte nått") say the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

HIGHER = "higher"
LOWER = "lower"
NEUTRAL = "neutral"

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)


class Assessment:
    MISSING = "missing"
    ACHIEVED = "achieved"
    ON_WAY = "on_way"
    UNCHANGED = "unchanged"
    WRONG_WAY = "wrong_way"
    NOT_ACHIEVED = "not_achieved"


LABELS = {
    Assessment.MISSING: _("Värde saknas"),
    Assessment.ACHIEVED: _("Målet nått"),
    Assessment.ON_WAY: _("På väg mot målet"),
    Assessment.UNCHANGED: _("Oförändrat"),
    Assessment.WRONG_WAY: _("Åt fel håll"),
    Assessment.NOT_ACHIEVED: _("Målet inte nått"),
}


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def progress_ratio(*, baseline, target, value, direction: str = HIGHER) -> Decimal | None:
    """The unclamped progress from `baseline` to `target` at `value` (see the module docstring)."""
    baseline, target, value = _decimal(baseline), _decimal(target), _decimal(value)
    if baseline is None or target is None or value is None:
        return None
    if target == baseline:
        if direction == HIGHER:
            reached = value >= target
        elif direction == LOWER:
            reached = value <= target
        else:
            reached = value == target
        return ONE if reached else ZERO
    return (value - baseline) / (target - baseline)


def clamp(ratio: Decimal | None) -> Decimal | None:
    """The ratio limited to 0–1 for a bar or a percentage."""
    if ratio is None:
        return None
    return max(ZERO, min(ONE, ratio))


@dataclass(frozen=True)
class Progress:
    ratio: Decimal | None
    assessment: str

    @property
    def percent(self) -> Decimal | None:
        """Clamped to 0–100, for display."""
        clamped = clamp(self.ratio)
        return None if clamped is None else clamped * HUNDRED

    @property
    def label(self) -> str:
        return str(LABELS[self.assessment])

    @property
    def is_missing(self) -> bool:
        return self.ratio is None


def progress(*, baseline, target, value, direction: str = HIGHER) -> Progress:
    """The ratio with an assessment in words."""
    ratio = progress_ratio(baseline=baseline, target=target, value=value, direction=direction)
    if ratio is None:
        return Progress(None, Assessment.MISSING)
    if _decimal(target) == _decimal(baseline):
        return Progress(ratio, Assessment.ACHIEVED if ratio >= ONE else Assessment.NOT_ACHIEVED)
    if ratio >= ONE:
        assessment = Assessment.ACHIEVED
    elif ratio > ZERO:
        assessment = Assessment.ON_WAY
    elif ratio == ZERO:
        assessment = Assessment.UNCHANGED
    else:
        assessment = Assessment.WRONG_WAY
    return Progress(ratio, assessment)
