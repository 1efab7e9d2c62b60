"""The ``--prior-scale`` setting as text: 'neutral', a spread factor, or 'neutral:FACTOR'."""

from __future__ import annotations

from relokant.errors import ValidationError
from relokant.estimate.model import PriorScale


def parse_prior_scale(text: str) -> PriorScale:
    """'neutral', '2', 'neutral:2' (and 'stated') as a :class:`PriorScale`."""
    parts = [p.strip().lower() for p in text.split(":") if p.strip()]
    neutral = bool(parts) and parts[0] == "neutral"
    if parts and parts[0] in ("neutral", "stated"):
        parts = parts[1:]
    if len(parts) > 1:
        raise ValidationError(f"'{text}' is not a prior scale", field="prior_scale",
                              hint="use 'neutral', a factor such as 2, or 'neutral:2'")
    factor = 1.0
    if parts:
        try:
            factor = float(parts[0])
        except ValueError:
            raise ValidationError(f"'{text}' is not a prior scale", field="prior_scale",
                                  hint="use 'neutral', a factor such as 2, or 'neutral:2'"
                                  ) from None
        if not 0.05 <= factor <= 20:
            raise ValidationError(f"prior scale factor {factor:g} is outside 0.05-20",
                                  field="prior_scale")
    return PriorScale(neutral=neutral, factor=factor)
