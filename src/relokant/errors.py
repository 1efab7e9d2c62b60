"""One error family, so the CLI and the web app can map failures to one shape.

Every message says what was received, what was expected, and what to try.
Only ``relokant.cli`` turns these into exit codes and only ``relokant.web``
into HTTP answers; the library raises and never prints. Hints are neutral: an error
that a setting would mend names it in ``option`` ("date", "draws"), which the CLI
shows as a flag and the web app as a form or request field.
"""

from __future__ import annotations

#: The keys of the one error shape, from every route, page, job and ``--json`` command.
ERROR_KEYS = ("error", "message", "hint", "field", "status")


class RelokantError(Exception):
    """Base of every error relokant raises on purpose."""

    exit_code = 2
    #: The HTTP status the web app answers with.
    status = 400

    def __init__(self, message: str, *, hint: str | None = None,
                 option: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.option = option

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message

    @property
    def name(self) -> str:
        """The error's kind as the shape reports it."""
        return type(self).__name__

    def as_dict(self) -> dict[str, object]:
        """Return the one error shape: ``error``, ``message``, ``hint``, ``field``, ``status``."""
        field = getattr(self, "field", None) or self.option
        return {"error": self.name, "message": self.message, "hint": self.hint,
                "field": field, "status": self.status}


class ValidationError(RelokantError):
    """A record or file does not satisfy the schema (names file, record and field)."""

    status = 422

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


class IngestError(RelokantError):
    """A document could not be read (missing, binary, undecodable, too large)."""


class ExtractError(RelokantError):
    """Claim extraction was asked for something it cannot do."""


class LedgerError(RelokantError):
    """The ledger database cannot be opened, migrated or written."""


class NotFoundError(LedgerError):
    """A claim, actor, document, job or page is not there."""

    exit_code = 3
    status = 404


class EstimateError(RelokantError):
    """The claims cannot support an estimate (and the message says why)."""

    status = 422


class ConvergenceError(EstimateError):
    """The sampler finished but its diagnostics fail."""


class SimulateError(RelokantError):
    """A scenario or simulation setting is invalid."""

    status = 422


class ReportError(RelokantError):
    """A report could not be rendered."""


class RequestError(RelokantError):
    """A web request the app cannot serve as asked (wrong method, bad header, too large)."""

    def __init__(self, message: str, *, status: int, hint: str | None = None,
                 field: str | None = None) -> None:
        super().__init__(message, hint=hint, option=field)
        self.status = status

    @property
    def name(self) -> str:
        """Reported as an HTTP error, as the routes always have."""
        return "HTTPError"


class InternalError(RelokantError):
    """A failure relokant did not foresee: reported in the one shape, never as a traceback."""

    exit_code = 1
    status = 500
