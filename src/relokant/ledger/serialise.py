"""Claims to and from JSON and CSV: the import format is the export format.

Parsing validates every record and reports the file, the record number and
the field of the first fault, so that nothing half-valid reaches the ledger.
"""

from __future__ import annotations

import csv
import io
import json
import math
import pathlib
from collections.abc import Iterable, Sequence
from typing import Any

import pydantic

from relokant.errors import ValidationError
from relokant.ledger.mapping import JSON_FIELDS, SCALAR_FIELDS
from relokant.records import Citation, Claim

#: CSV columns, in order; list fields are JSON inside one cell.
CSV_FIELDS = (*SCALAR_FIELDS, "citations")
_JSON_CELLS = {*JSON_FIELDS, "citations"}
_NUMBER_CELLS = {"value", "low", "high", "std_error"}


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    """Return a claim as plain JSON-ready data (dates as ISO strings)."""
    return claim.model_dump(mode="json")


def claims_to_json(claims: Iterable[Claim]) -> str:
    """Serialise claims as the JSON list that ``claims import`` reads."""
    return json.dumps([claim_to_dict(c) for c in claims], ensure_ascii=False, indent=2) + "\n"


def claims_to_csv(claims: Iterable[Claim]) -> str:
    """Serialise claims as CSV, one row per claim, citations as JSON in a cell."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for claim in claims:
        data = claim_to_dict(claim)
        row: dict[str, str] = {}
        for name in CSV_FIELDS:
            value = data.get(name)
            if name in _JSON_CELLS:
                row[name] = json.dumps(value, ensure_ascii=False)
            elif value is None:
                row[name] = ""
            elif name in _NUMBER_CELLS:
                row[name] = repr(float(value))
            else:
                row[name] = str(value)
        writer.writerow(row)
    return buffer.getvalue()


def _describe(error: pydantic.ValidationError) -> tuple[str | None, str]:
    first = error.errors()[0]
    location = ".".join(str(part) for part in first.get("loc", ()))
    message = first.get("msg", "invalid value")
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    received = first.get("input")
    if first.get("type") not in {"missing", "value_error"} and not isinstance(received, dict):
        message = f"{message} (received {received!r})"
    return (location or None), message


def parse_claim(data: object, *, source: str, record: int) -> Claim:
    """Validate one record, naming the file, the record and the field on failure."""
    if not isinstance(data, dict):
        raise ValidationError(
            f"expected a claim object, got {type(data).__name__}", source=source, record=record
        )
    try:
        claim = Claim.model_validate(data)
    except pydantic.ValidationError as exc:
        field, message = _describe(exc)
        raise ValidationError(
            message, source=source, record=record, field=field,
            hint="see docs/schema.md for the claim fields and their allowed values",
        ) from None
    for n, citation in enumerate(claim.citations):
        _check_citation(citation, source=source, record=record, index=n)
    return claim


def _check_citation(citation: Citation, *, source: str, record: int, index: int) -> None:
    if not citation.document.outlet.strip():
        raise ValidationError(
            "a citation needs the outlet that published it",
            source=source, record=record, field=f"citations.{index}.document.outlet",
        )


def _refuse_constant(name: str) -> float:
    raise ValueError(f"received {name}; expected a finite number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"received {text}, which overflows a float; expected a finite number")
    return value


def loads_strict(text: str) -> Any:
    """``json.loads`` that refuses NaN, Infinity and overflowing numbers (``1e400``)."""
    return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)


def parse_json(text: str, *, source: str) -> list[Claim]:
    """Parse a JSON list of claims (or ``{"claims": [...]}``)."""
    try:
        data = loads_strict(text)
    except RecursionError:
        raise ValidationError(
            "received JSON nested too deeply to read; expected a list of flat claim objects",
            source=source, hint="claims nest only citations and their documents",
        ) from None
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
            source=source, hint="the file must hold a JSON list of claim objects",
        ) from None
    except ValueError as exc:
        # read it leniently once more so the record check can name the record and field
        # that hold the non-finite number; only if none does, report the number alone
        lenient = json.loads(text)
        items = lenient["claims"] if isinstance(lenient, dict) and "claims" in lenient \
            else lenient
        if isinstance(items, list):
            for n, item in enumerate(items):
                parse_claim(item, source=source, record=n + 1)
        raise ValidationError(str(exc), source=source,
                              hint="write a finite number, or leave the field out") from None
    if isinstance(data, dict) and "claims" in data:
        data = data["claims"]
    if not isinstance(data, list):
        raise ValidationError(
            f"expected a JSON list of claims, got {type(data).__name__}", source=source
        )
    return [parse_claim(item, source=source, record=n + 1) for n, item in enumerate(data)]


def _csv_row_to_dict(row: dict[str | Any, Any], *, source: str, line: int) -> dict[str, Any]:
    unknown = [k for k in row if k not in CSV_FIELDS]
    if unknown:
        raise ValidationError(
            f"unknown column {unknown[0]!r}", source=source, record=line, field=str(unknown[0]),
            hint=f"columns are: {', '.join(CSV_FIELDS)}",
        )
    out: dict[str, Any] = {}
    for name, cell in row.items():
        if cell is None or cell == "":
            continue
        if name in _JSON_CELLS:
            try:
                out[name] = loads_strict(cell)
            except (ValueError, RecursionError):
                raise ValidationError(
                    f"cell is not valid JSON: {cell[:60]!r}", source=source, record=line,
                    field=name,
                ) from None
        else:
            out[name] = cell
    return out


def parse_csv(text: str, *, source: str) -> list[Claim]:
    """Parse CSV as written by ``claims export --format csv``; records are line numbers."""
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None:
        raise ValidationError("the CSV file is empty", source=source)
    missing = [f for f in ("measure", "unit", "bound") if f not in reader.fieldnames]
    if missing:
        raise ValidationError(
            f"missing required column {missing[0]!r}", source=source, field=missing[0]
        )
    claims = []
    for row in reader:
        line = reader.line_num
        claims.append(
            parse_claim(_csv_row_to_dict(row, source=source, line=line), source=source, record=line)
        )
    return claims


def read_claims_file(path: pathlib.Path) -> list[Claim]:
    """Read a JSON or CSV claims file (chosen by extension, else by content)."""
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"cannot read file: {exc.strerror}", source=source) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            "file is not UTF-8 text", source=source, hint="save the file as UTF-8"
        ) from None
    if not text.strip():
        raise ValidationError("the file is empty", source=source)
    if path.suffix.lower() == ".csv" or (
        path.suffix.lower() != ".json" and not text.lstrip().startswith(("[", "{"))
    ):
        return parse_csv(text, source=source)
    return parse_json(text, source=source)


def write_claims(claims: Sequence[Claim], fmt: str) -> str:
    """Serialise claims in ``fmt`` ('json' or 'csv')."""
    if fmt == "json":
        return claims_to_json(claims)
    if fmt == "csv":
        return claims_to_csv(claims)
    raise ValidationError(f"unknown format {fmt!r}", hint="use 'json' or 'csv'")
