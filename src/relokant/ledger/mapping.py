"""The one mapping between a :class:`Claim` and its row: every field list derives from it.

Columns named like the claim's fields hold them; enums are stored by value and tuples
as JSON text. Adding a field to :class:`Claim` means adding a column and nothing else.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import Enum
from typing import Any

from relokant.records import Bound, Citation, Claim, Measure, SourceType, Status, Unit

#: Claim fields kept in ``claims`` columns (citations live in their own table).
SCALAR_FIELDS: tuple[str, ...] = tuple(n for n in Claim.model_fields if n != "citations")
#: Fields stored as JSON text.
JSON_FIELDS = frozenset({"stated_shares", "confidence"})
#: Fields a reviewer may change by editing (identity, status and review stamps are kept).
EDITABLE_FIELDS = frozenset(SCALAR_FIELDS) - {"id", "status", "reviewed_by", "reviewed_at",
                                              "confidence"}
_ENUMS: dict[str, type[Enum]] = {"measure": Measure, "unit": Unit, "bound": Bound,
                                 "source_type": SourceType, "status": Status}


def column_value(name: str, value: Any) -> Any:
    """A claim field's value as its column stores it."""
    if name in JSON_FIELDS:
        return json.dumps([list(v) if isinstance(v, tuple) else v for v in value])
    if isinstance(value, Enum):
        return value.value
    return value


def row_values(claim: Claim, names: Sequence[str] = SCALAR_FIELDS) -> dict[str, Any]:
    """Column values for a claim's row."""
    return {name: column_value(name, getattr(claim, name)) for name in names}


def _field_value(name: str, value: Any) -> Any:
    if name == "stated_shares":
        return tuple(json.loads(value or "[]"))
    if name == "confidence":
        return tuple((str(k), float(v)) for k, v in json.loads(value or "[]"))
    if name in _ENUMS:
        return _ENUMS[name](value)
    return value


def claim_from_row(row: Any, citations: Sequence[Citation]) -> Claim:
    """A stored claim (validated when it was written, so constructed without re-checking)."""
    fields = {name: _field_value(name, getattr(row, name)) for name in SCALAR_FIELDS}
    return Claim.model_construct(**fields, citations=tuple(citations))
