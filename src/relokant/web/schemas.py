"""The API's request and error schemas, and the limits every route shares."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field

from relokant.errors import ValidationError
from relokant.estimate.runtime import default_text
from relokant.pipeline.fitting import By, by_destination

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
PAGE_SIZE = 50
#: Filters are text: a NUL character is no part of any name or quote.
NO_NUL = r"^[^\x00]*$"
#: Largest offset a listing accepts (databases store offsets as 64-bit integers).
MAX_OFFSET = 1_000_000_000


class ErrorResponse(BaseModel):
    """The one error shape of every route."""

    error: str
    message: str
    hint: str | None = None
    field: str | None = None
    status: int


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse, "description": why}
    for code, why in ((400, "unreadable input"), (401, "missing or wrong credentials"),
                      (404, "no such claim, job or estimate"),
                      (422, "invalid request or record"))
}


class ReviewRequest(BaseModel):
    """Accept, reject or edit a claim."""

    status: Literal["accepted", "rejected", "pending"]
    by: str = Field(default="api", max_length=100)
    changes: dict[str, Any] = Field(default_factory=dict)


class EstimateRequest(BaseModel):
    """Settings of a re-fit."""

    draws: int | None = Field(default=None, ge=10, le=5000, description=default_text("draws"))
    warmup: int | None = Field(default=None, ge=10, le=5000,
                               description=default_text("warmup"))
    chains: int = Field(default=4, ge=1, le=8)
    seed: int = Field(default=0, ge=0, le=2**31)
    until: str | None = Field(default=None, max_length=10, pattern=r"^\d{4}-\d{2}(-\d{2})?$",
                              description="horizon month YYYY-MM (default: the latest claim's)")
    prior_scale: str | None = Field(default=None, max_length=40,
                                    description="bias priors: 'neutral' or a scale factor")
    by: By | None = Field(
        default=None, description="'national': fit the national model only (host-country "
        "figures set aside), as `relokant estimate --by national`; by default (or "
        "'destination') the destination model, people abroad by destination included")

    def settings(self) -> dict[str, Any]:
        """The fit's settings, parsed as the CLI parses its options."""
        from relokant.estimate.horizon import parse_month
        from relokant.estimate.priors import parse_prior_scale

        return {"draws": self.draws, "warmup": self.warmup, "chains": self.chains,
                "seed": self.seed, "until": parse_month(self.until) if self.until else None,
                "prior_scale": parse_prior_scale(self.prior_scale) if self.prior_scale
                else None, "by_destination": by_destination(self.by)}


class SimulateRequest(BaseModel):
    """A scenario run: a built-in name, or levers."""

    scenario: str = Field(default="baseline", max_length=100)
    levers: dict[str, float] | None = None
    months: int = Field(default=24, ge=1, le=240)
    agents: int = Field(default=20_000, ge=1000, le=2_000_000)
    draws: int = Field(default=10, ge=1, le=200)
    seed: int = Field(default=0, ge=0, le=2**31)


def iso_date(value: str | None, name: str, *, empty_is_none: bool = False) -> dt.date | None:
    """A YYYY-MM-DD query parameter (numbers are not dates; forms may send it empty)."""
    if value is None or (empty_is_none and value == ""):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(f"{name} must be a real date YYYY-MM-DD, got {value!r}",
                              field=name) from None
