"""Uncertainty-aware rounding: no more digits than a figure's interval supports.

One rule for the CLI, the report and the web app: the rounding step is two
significant figures of the 90% interval's width, so "1,104,382 (838,911–1,602,004)"
reads "1.1 million (840k–1.6 million)". JSON keeps the full values; only text
for humans goes through here.
"""

from __future__ import annotations

import math

from relokant.errors import RelokantError

_SCALES = ((1e9, " billion"), (1e6, " million"), (1e3, "k"))


def rounding_step(low: float, high: float, *, share: bool = False) -> float:
    """The step a figure with this interval is rounded to (a power of ten).

    Two significant figures of the interval width; shares never finer than a
    tenth of a point and whole points once the interval spans ten or more.
    """
    for name, value in (("low", low), ("high", high)):
        if not math.isfinite(value):
            raise RelokantError(f"interval {name} bound is {value!r}; expected a finite number; "
                                "check the estimate's quantiles")
    if high < low:
        raise RelokantError(f"interval {low!r}–{high!r} has its high bound below its low bound; "
                            "expected low ≤ high; pass the bounds in order")
    width = high - low
    if share and width >= 10:
        return 1.0
    if width <= 0 and low == 0:
        return 0.1 if share else 1.0  # a sure zero: nothing to round
    if width <= 0:
        step = 10.0 ** (math.floor(math.log10(abs(low))) - 2)
    else:
        step = 10.0 ** (math.floor(math.log10(width)) - 1)
    if share:
        step = max(step, 0.1)
    return max(step, 1.0) if not share and abs(high) >= 1 else step


def round_to_step(value: float, step: float) -> float:
    """``value`` rounded to a multiple of ``step`` (half away from zero)."""
    quotient = abs(value) / step
    return math.copysign(math.floor(quotient + 0.5) * step, value)


def _render(value: float, step: float, unit: str = "") -> str:
    """A rounded value with a scale word and only the decimals the step keeps."""
    rounded = round_to_step(value, step)
    for scale, word in _SCALES:
        if abs(rounded) >= scale:
            decimals = max(0, -math.floor(math.log10(step / scale) + 1e-9))
            text = f"{rounded / scale:,.{decimals}f}".rstrip("0").rstrip(".") if decimals else \
                f"{rounded / scale:,.0f}"
            return f"{text}{word}{unit}"
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    return f"{rounded:,.{decimals}f}{unit}"


def format_estimate(median: float, low: float, high: float, *, share: bool = False,
                    unit: str = "") -> str:
    """"1.1 million (840k–1.6 million)": median and 90% interval at the supported precision."""
    step = rounding_step(low, high, share=share)
    suffix = "%" if share else (f" {unit}" if unit else "")
    return (f"{_render(median, step, suffix)} "
            f"({_render(low, step, suffix if share else '')}–{_render(high, step, suffix)})")


def format_amount(median: float, low: float, high: float, unit: str = "") -> str:
    """The median alone at its supported precision: "18.6 billion roubles"."""
    return _render(median, rounding_step(low, high), f" {unit}" if unit else "")


def _signed(value: float, step: float, unit: str = "") -> str:
    text = _render(abs(value), step, unit)
    if round_to_step(value, step) == 0:
        return text
    return ("+" if value > 0 else "−") + text


def format_change(median: float, low: float, high: float, *, share: bool = False,
                  unit: str = "") -> str:
    """"+12k (−3k to +30k)": a signed difference and its 90% interval, rounded alike."""
    step = rounding_step(low, high, share=share)
    suffix = "%" if share else (f" {unit}" if unit else "")
    return (f"{_signed(median, step, suffix)} "
            f"({_signed(low, step, suffix)} to {_signed(high, step, suffix)})")


def format_probability(p: float) -> str:
    """A probability as a reader takes it in: "under 1%", "34%", "over 99%"."""
    if not math.isfinite(p) or not 0 <= p <= 1:
        raise RelokantError(f"probability {p!r} is outside 0-1; expected a probability; "
                            "check the estimate's claim judgements")
    if p < 0.01:
        return "under 1%"
    if p > 0.99:
        return "over 99%"
    return f"{100 * p:.0f}%"
