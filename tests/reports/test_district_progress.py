"""Progress from baseline to target: rising and falling indicators, missing values, and a target
equal to the baseline."""

from decimal import Decimal

import pytest

from reports.district.progress import Assessment, clamp, progress, progress_ratio


def test_rising_indicator_halfway_to_target_is_half():
    assert progress_ratio(baseline=50, target=60, value=55, direction="higher") == Decimal("0.5")


def test_falling_indicator_halfway_to_target_is_half():
    # lower is better: baseline 20 %, target 10 %, value 15 %
    assert progress_ratio(baseline=20, target=10, value=15, direction="lower") == Decimal("0.5")


def test_falling_indicator_that_rises_moves_the_wrong_way():
    result = progress(baseline=20, target=10, value=22, direction="lower")
    assert result.ratio == Decimal("-0.2")
    assert result.assessment == Assessment.WRONG_WAY
    assert result.percent == Decimal(0)


def test_rising_indicator_that_falls_moves_the_wrong_way():
    result = progress(baseline=50, target=60, value=48, direction="higher")
    assert result.ratio < 0
    assert result.label == "Åt fel håll"


def test_target_passed_is_clamped_to_one_hundred_percent_for_display():
    result = progress(baseline=20, target=10, value=5, direction="lower")
    assert result.ratio == Decimal("1.5")
    assert result.percent == Decimal(100)
    assert result.assessment == Assessment.ACHIEVED


def test_value_at_baseline_is_unchanged():
    result = progress(baseline=50, target=60, value=50)
    assert result.ratio == 0
    assert result.assessment == Assessment.UNCHANGED


@pytest.mark.parametrize(
    ("baseline", "target", "value"),
    [(None, 60, 55), (50, None, 55), (50, 60, None), (50, 60, "")],
)
def test_any_missing_value_gives_none_never_zero(baseline, target, value):
    result = progress(baseline=baseline, target=target, value=value)
    assert result.ratio is None
    assert result.percent is None
    assert result.is_missing
    assert result.label == "Värde saknas"


@pytest.mark.parametrize(
    ("direction", "value", "expected"),
    [
        ("higher", 50, 1),
        ("higher", 51, 1),
        ("higher", 49, 0),
        ("lower", 50, 1),
        ("lower", 49, 1),
        ("lower", 51, 0),
        ("neutral", 50, 1),
        ("neutral", 51, 0),
    ],
)
def test_target_equal_to_baseline_means_hold_the_level(direction, value, expected):
    result = progress(baseline=50, target=50, value=value, direction=direction)
    assert result.ratio == expected
    assert result.assessment == (Assessment.ACHIEVED if expected else Assessment.NOT_ACHIEVED)


def test_zero_is_a_value_not_a_missing_one():
    result = progress(baseline=20, target=10, value=0, direction="lower")
    assert result.ratio == Decimal(2)
    assert not result.is_missing


def test_clamp_keeps_values_between_zero_and_one():
    assert clamp(Decimal("-0.3")) == 0
    assert clamp(Decimal("0.3")) == Decimal("0.3")
    assert clamp(Decimal("1.3")) == 1
    assert clamp(None) is None


def test_decimals_are_exact():
    assert progress_ratio(
        baseline=Decimal("10.1"), target=Decimal("10.4"), value=Decimal("10.2")
    ) == Decimal(1) / Decimal(3)
