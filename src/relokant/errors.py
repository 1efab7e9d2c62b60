"""One error family, so the CLI and the web app can map failures to one shape.

Every message says what was received, what was expected, and what to try.
Only ``relokant.cli`` turns these into exit codes and only ``relokant.web``
into HTTP answers; the library raises and never prints.
"""

from __future__ import annotations


class RelokantError(Exception):
    """Base of every error relokant raises on purpose."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message

    def as_dict(self) -> dict[str, object]:
        """Return the one JSON error shape used by the CLI and the API."""
        return {"error": type(self).__name__, "message": self.message, "hint": self.hint}


class ValidationError(RelokantError):
    """A record or file does not satisfy the schema (names file, record and field)."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        record: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        where = ", ".join(
            part
            for part in (
                source,
                f"record {record}" if record is not None else None,
                f"field '{field}'" if field else None,
            )
            if part
        )
        super().__init__(f"{where}: {message}" if where else message, hint=hint)
        self.source = source
        self.record = record
        self.field = field

    def as_dict(self) -> dict[str, object]:
        """Add the location of the fault to the common shape."""
        shape = super().as_dict()
        shape.update({"source": self.source, "record": self.record, "field": self.field})
        return shape


class IngestError(RelokantError):
    """A document could not be read (missing, binary, undecodable, too large)."""


class ExtractError(RelokantError):
    """Claim extraction was asked for something it cannot do."""


class LedgerError(RelokantError):
    """The ledger database cannot be opened, migrated or written."""


class NotFoundError(LedgerError):
    """A claim, actor or document id is not in the ledger."""

    exit_code = 3


class EstimateError(RelokantError):
    """The claims cannot support an estimate (and the message says why)."""


class ConvergenceError(EstimateError):
    """The sampler finished but its diagnostics fail."""


class SimulateError(RelokantError):
    """A scenario or simulation setting is invalid."""


class ReportError(RelokantError):
    """A report could not be rendered."""
