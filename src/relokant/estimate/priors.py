"""Rerunning with other bias priors: neutral, or with their spread scaled (``--prior-scale``).

With a handful of claims per source type the stated bias priors matter; a rerun with
neutral or wider priors (same claims, same seed) shows how much.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from relokant.errors import ValidationError
from relokant.estimate.model import COUNT_BIAS, SHARE_BIAS, BiasPrior
from relokant.estimate.observations import SOURCE_TYPES
from relokant.records import SourceType


@dataclass(frozen=True)
class PriorScale:
    """How the source-type bias priors are set: as stated, neutral, and/or scaled.

    ``neutral`` gives every type but the reference type (independent research, which
    anchors the scale) the "no stated direction" prior N(0, 0.5); ``factor`` multiplies
    every bias prior's spread.
    """

    neutral: bool = False
    factor: float = 1.0

    @property
    def label(self) -> str:
        """How the setting reads in the posterior's attributes and the JSON."""
        base = "neutral" if self.neutral else "as stated"
        return base if self.factor == 1.0 else f"{base}, spread x{self.factor:g}"


NEUTRAL_BIAS = BiasPrior(0.0, 0.5, "no stated direction (neutral rerun)")


def bias_priors(scale: PriorScale, which: str) -> list[BiasPrior]:
    """Each source type's bias prior (SOURCE_TYPES order) for counts or shares."""
    stated = COUNT_BIAS if which == "count" else SHARE_BIAS
    out = []
    for t in SOURCE_TYPES:
        prior = stated[t]
        if scale.neutral and t is not SourceType.independent_research:
            prior = NEUTRAL_BIAS
        out.append(BiasPrior(prior.mean, prior.sd * scale.factor, prior.why))
    return out


def model_bias_prior(scale: PriorScale) -> tuple[list[BiasPrior], list[BiasPrior]]:
    """The model's ``bias_prior`` argument for ``scale``."""
    return bias_priors(scale, "count"), bias_priors(scale, "share")


def prior_tables(scale: PriorScale) -> tuple[dict[Any, BiasPrior], dict[Any, BiasPrior]]:
    """Count and share priors by source type, as the summaries show them."""
    count, share = model_bias_prior(scale)
    return dict(zip(SOURCE_TYPES, count, strict=True)), dict(zip(SOURCE_TYPES, share,
                                                                 strict=True))


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
