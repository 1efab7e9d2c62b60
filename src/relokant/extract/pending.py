"""A figure on its way to becoming a claim, as the extractor's passes fill it in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from relokant.extract.actors import Attribution
from relokant.extract.classify import Reading
from relokant.extract.figures import Figure
from relokant.extract.text import Sentence


@dataclass
class Pending:
    """A read figure with its attribution and period, before it is a :class:`Claim`."""

    figure: Figure
    reading: Reading
    sentence: Sentence
    attribution: Attribution
    period_start: dt.date | None
    as_of: dt.date | None
    method: str | None
    time_explicit: bool = False
    destination: str | None = None
