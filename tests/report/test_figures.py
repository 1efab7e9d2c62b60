"""The rounding rule: digits shown follow the width of the 90% interval."""

import pytest

from relokant.errors import RelokantError
from relokant.report.figures import (
    format_amount,
    format_change,
    format_estimate,
    format_probability,
    rounding_step,
)


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


def test_sure_zero_has_no_spurious_digits() -> None:
    assert format_estimate(0.0, 0.0, 0.0) == "0 (0–0)"
    assert format_change(0.0, 0.0, 0.0) == "0 (0 to 0)"


def test_changes_carry_signs_and_the_interval_precision() -> None:
    assert format_change(91_234, 48_800, 281_700) == "+90k (+50k to +280k)"
    assert format_change(-4_012, -10_140, -420) == "−4k (−10.1k to −400)"


def test_probabilities_in_words() -> None:
    assert format_probability(0.006) == "under 1%"
    assert format_probability(0.337) == "34%"
    assert format_probability(0.995) == "over 99%"
    with pytest.raises(RelokantError, match="outside 0-1"):
        format_probability(1.5)



def test_labels_are_words_and_dates_read_as_dates() -> None:
    import datetime as dt

    from relokant.report.labels import human, long_date

    assert human("independent_research") == "independent research"
    assert human("at_least") == "more than"
    assert long_date(dt.date(2023, 12, 31)) == "31 December 2023"
