"""The rounding rule: digits shown follow the width of the 90% interval."""

import pytest

from relokant.errors import RelokantError
from relokant.report.figures import format_amount, format_estimate, rounding_step


def test_count_with_wide_interval_keeps_two_figures_of_the_width() -> None:
    assert format_estimate(1_104_382, 838_911, 1_602_004) == "1.1 million (840k–1.6 million)"


def test_narrow_interval_keeps_more_digits() -> None:
    assert format_estimate(1_104_382, 1_098_000, 1_109_500) == \
        "1.104 million (1.098 million–1.11 million)"


def test_money_rounded_to_tenth_of_a_billion_when_interval_spans_billions() -> None:
    assert format_amount(18_634_000_000, 16_100_000_000, 21_300_000_000, "roubles") == \
        "18.6 billion roubles"


def test_share_with_wide_interval_is_whole_percent() -> None:
    assert format_estimate(33.47, 26.2, 40.9, share=True) == "33% (26%–41%)"


def test_share_with_narrow_interval_keeps_a_decimal() -> None:
    assert format_estimate(33.47, 32.9, 34.1, share=True) == "33.5% (32.9%–34.1%)"


def test_small_counts_are_never_given_fractions() -> None:
    assert rounding_step(3.0, 9.0) == 1.0
    assert format_estimate(5.2, 3.1, 9.4) == "5 (3–9)"


def test_bad_intervals_are_refused_with_a_clear_error() -> None:
    with pytest.raises(RelokantError, match="high bound below"):
        rounding_step(10.0, 1.0)
    with pytest.raises(RelokantError, match="finite"):
        rounding_step(float("nan"), 1.0)
