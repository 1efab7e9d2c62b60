"""Domain records passed between pipeline stages.

Every stage speaks these frozen Pydantic models and nothing else, so a claim
read from an article, stored in the ledger, exported to JSON and fed to the
estimator is validated by the same rules everywhere.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from enum import StrEnum
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from relokant.events import RUSSIA_2022

#: The default event's start (the full-scale invasion of Ukraine): the extractor resolves
#: "since the war began" against it. The estimate and simulation take a whole
#: :class:`relokant.events.Event` instead.
EVENT_START = RUSSIA_2022.start
#: The "partial" mobilisation announcement, which started the autumn wave.
MOBILISATION_START = RUSSIA_2022.shocks[1].start


class Measure(StrEnum):
    """What a figure counts."""

    departures = "departures"
    returns = "returns"
    return_share = "return_share"
    stock_abroad = "stock_abroad"
    workforce_loss = "workforce_loss"
    sector_loss = "sector_loss"
    survey_sample = "survey_sample"
    historical = "historical"
    other = "other"


class Unit(StrEnum):
    """What one unit of the figure is: people, documents or trips are not the same."""

    persons = "persons"
    percent = "percent"
    permits = "permits"
    border_crossings = "border_crossings"
    persons_per_day = "persons_per_day"


class Bound(StrEnum):
    """How the figure constrains the truth."""

    point = "point"
    about = "about"
    range = "range"
    at_least = "at_least"
    at_most = "at_most"


class SourceType(StrEnum):
    """The kind of evidence; the estimator learns one bias per type."""

    official_statistics = "official_statistics"
    independent_research = "independent_research"
    panel_survey = "panel_survey"
    commercial_data = "commercial_data"
    government_statement = "government_statement"
    media_estimate = "media_estimate"
    other = "other"


class ActorKind(StrEnum):
    """Who an actor is."""

    person = "person"
    organisation = "organisation"
    survey = "survey"
    company = "company"
    government_body = "government_body"
    media = "media"


class Status(StrEnum):
    """Review state: only accepted claims feed estimation."""

    pending = "pending"
    accepted = "accepted"
    rejected = "rejected"


COUNT_UNITS = frozenset({Unit.persons, Unit.permits, Unit.border_crossings, Unit.persons_per_day})


class Record(BaseModel):
    """Base: frozen, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False,
                              allow_inf_nan=False)


class Actor(Record):
    """Someone who makes estimates: a person, an organisation, a survey."""

    name: str = Field(min_length=1)
    kind: ActorKind = ActorKind.organisation
    source_type: SourceType = SourceType.other
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None


class Document(Record):
    """A published document: where a claim was read."""

    outlet: str = Field(min_length=1)
    title: str | None = None
    published: dt.date
    url: str | None = None
    language: str | None = None

    @field_validator("outlet")
    @classmethod
    def _outlet(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("an outlet needs a name, not only blank space")
        return value

    @field_validator("language")
    @classmethod
    def _language(cls, value: str | None) -> str | None:
        if value is not None and value not in {"en", "ru", "other"}:
            raise ValueError(f"language must be 'en', 'ru' or 'other', got {value!r}")
        return value


class Citation(Record):
    """One place where a claim was published, with the exact quote when known."""

    document: Document
    quote: str | None = None
    span_start: int | None = Field(default=None, ge=0)
    span_end: int | None = Field(default=None, ge=0)
    reported_via: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _span(self) -> Self:
        if (self.span_start is None) != (self.span_end is None):
            raise ValueError("span_start and span_end must be given together")
        if (self.span_start is not None and self.span_end is not None
                and self.span_end < self.span_start):
                raise ValueError("span_end is before span_start")
        return self


class Claim(Record):
    """A quantitative statement about emigration or return, with its provenance.

    ``value`` carries point, about and one-sided bounds; ``low``/``high`` carry
    ranges. ``stated_shares`` keeps percentages printed beside a count
    ("174,000 (26%)"), which lets ``claims check`` test their arithmetic.
    """

    id: str | None = None
    measure: Measure
    unit: Unit
    bound: Bound
    value: float | None = None
    low: float | None = None
    high: float | None = None
    stated_shares: tuple[float, ...] = ()
    population: str | None = None
    #: Where the figure is about: an ISO 3166-1 alpha-2 code ("GE") or a group id from
    #: ``relokant.places`` ("rest_of_world"); None for national (all destinations) figures.
    destination: str | None = None
    period_start: dt.date | None = None
    as_of: dt.date | None = None
    attributed_to: str | None = None
    #: The actor as the text names it («Росстата», "the demographer"); ``attributed_to``
    #: holds the resolved canonical name. Kept apart so nothing parses one from the other.
    attributed_surface: str | None = None
    source_type: SourceType = SourceType.other
    method: str | None = None
    indicator: str | None = None
    #: A standard error the source states (a survey's), on the claim's own scale:
    #: persons for counts, percentage points for shares. The estimator uses it instead
    #: of the source type's generic noise.
    std_error: float | None = Field(default=None, ge=0)
    #: How sure the extractor is of each field it set, as (field, 0-1) pairs, e.g.
    #: ``(("attributed_to", 0.6),)``; empty for claims entered by people. Pairs, not a
    #: dict, so that claims stay hashable.
    confidence: tuple[tuple[str, float], ...] = ()
    status: Status = Status.accepted
    reviewed_by: str | None = None
    reviewed_at: dt.datetime | None = None
    note: str | None = None
    citations: tuple[Citation, ...] = ()

    @model_validator(mode="after")
    def _figures(self) -> Self:
        if self.bound is Bound.range:
            if self.low is None or self.high is None:
                raise ValueError("a range needs both 'low' and 'high'")
            if self.value is not None:
                raise ValueError("a range takes 'low' and 'high', not 'value'")
            if self.low > self.high:
                raise ValueError(f"low ({self.low:g}) is greater than high ({self.high:g})")
        else:
            if self.value is None:
                raise ValueError(f"bound '{self.bound.value}' needs a 'value'")
            if self.low is not None or self.high is not None:
                raise ValueError(f"bound '{self.bound.value}' takes 'value', not 'low'/'high'")
        for number in self.figures:
            if number < 0:
                raise ValueError(f"figures cannot be negative, got {number:g}")
            if self.unit is Unit.percent and number > 100:
                raise ValueError(f"a percentage cannot exceed 100, got {number:g}")
        for share in self.stated_shares:
            if not 0 <= share <= 100:
                raise ValueError(f"stated share must be within 0-100, got {share:g}")
        if self.period_start and self.as_of and self.as_of < self.period_start:
            raise ValueError(
                f"as_of ({self.as_of}) is before period_start ({self.period_start})"
            )
        for name in ("period_start", "as_of"):
            day = getattr(self, name)
            if day is not None and not dt.date(1800, 1, 1) <= day <= dt.date(2100, 12, 31):
                raise ValueError(f"{name} {day} is not a plausible date")
        return self

    def field_confidence(self, name: str) -> float:
        """How sure the extractor was of one field (1.0 where it did not say)."""
        return dict(self.confidence).get(name, 1.0)

    @property
    def figures(self) -> tuple[float, ...]:
        """The numbers the claim states, in order."""
        if self.bound is Bound.range:
            return (float(self.low or 0.0), float(self.high or 0.0))
        return (float(self.value or 0.0),)

    @property
    def midpoint(self) -> float:
        """A single representative figure (the middle of a range)."""
        figs = self.figures
        return sum(figs) / len(figs)

    def identity_key(self) -> str:
        """Return what makes two claims the same real-world claim.

        Same actor, measure, unit, figures and period month: a claim relayed
        by several articles is one claim with several citations.
        """
        actor = (self.attributed_to or "").strip().lower()

        def month(day: dt.date | None) -> str:
            return day.isoformat()[:7] if day else ""

        payload = [
            actor,
            self.measure.value,
            self.unit.value,
            [round(x, 6) for x in self.figures],
            month(self.period_start),
            month(self.as_of),
        ]
        if self.destination:  # national claims keep their ids; per-country ones differ by place
            payload.append(self.destination)
        return hashlib.sha1(json.dumps(payload).encode()).hexdigest()

    def with_changes(self, **changes: Any) -> Claim:
        """Return a validated copy with some fields replaced."""
        data = self.model_dump()
        data.update(changes)
        return Claim.model_validate(data)


_BOUND_WORDS = {Bound.point: "", Bound.about: "about ", Bound.at_least: "more than ",
                Bound.at_most: "up to ", Bound.range: ""}
_BOUND_SIGNS = {Bound.point: "", Bound.about: "~", Bound.at_least: "≥", Bound.at_most: "≤",
                Bound.range: ""}


def format_number(value: float, quantity: str = "") -> str:
    """A figure as people read it: shares to one decimal, counts with thousands commas."""
    if "share" in quantity:
        return f"{value:.1f}"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:g}"


def format_figure(claim: Claim, *, words: bool = False) -> str:
    """A claim's figure with its bound: "≥820,000", "about 1,000,000", "26%–40%"."""
    unit = "%" if claim.unit is Unit.percent else ""
    if claim.bound is Bound.range:
        return f"{format_number(claim.low or 0.0)}{unit}–{format_number(claim.high or 0.0)}{unit}"
    prefix = (_BOUND_WORDS if words else _BOUND_SIGNS)[claim.bound]
    return f"{prefix}{format_number(claim.value or 0.0)}{unit}"


def new_claim_id(claim: Claim, salt: str = "") -> str:
    """Derive a short, stable id from a claim's identity."""
    return "clm_" + hashlib.sha1((claim.identity_key() + salt).encode()).hexdigest()[:10]


class Finding(Record):
    """A consistency problem across claims, found by ``claims check``."""

    kind: str
    message: str
    claims: tuple[str, ...]


class TextDocument(Record):
    """A document as read from disk: its text exactly as decoded, and what is known of it.

    ``text`` is the reference for every quote and character span extracted
    from it, so it is never cleaned after decoding.
    """

    source: str
    text: str
    format: str = "text"
    encoding: str = "utf-8"
    language: str = "en"
    published: dt.date | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    sha256: str = ""

    def as_document(self) -> Document:
        """The citation-side view; needs a publication date and an outlet."""
        if self.published is None:
            raise ValueError(f"{self.source}: no publication date (give the publication date)")
        return Document(
            outlet=self.outlet or "unknown outlet", title=self.title, published=self.published,
            url=self.url, language=self.language if self.language in {"en", "ru"} else "other",
        )


def normalise_name(name: str) -> str:
    """Fold case, punctuation and a leading article so aliases compare equal."""
    text = re.sub(r"[«»\"“”'’()\[\].,]", " ", name.lower()).replace("ё", "е")
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^(the|a) ", "", text)
