"""Claims as a Parquet file: one row per claim, nested fields as JSON text, so it round-trips."""

from __future__ import annotations

import json
import pathlib
from collections.abc import Sequence
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from relokant.errors import RelokantError
from relokant.records import Claim

_NESTED_KEY = "relokant.json_columns"


def _cell(value: Any) -> Any:
    """Scalars stay typed; lists and mappings become JSON text (Parquet readers agree on it)."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def write_claims_parquet(claims: Sequence[Claim], path: pathlib.Path) -> None:
    """Write ``claims`` to ``path``; every field is a column, all as strings or numbers."""
    rows = [{k: _cell(v) for k, v in c.model_dump(mode="json").items()} for c in claims]
    columns = list(Claim.model_fields)
    dumped = [c.model_dump(mode="json") for c in claims]
    nested = sorted({k for d in dumped for k, v in d.items() if isinstance(v, (list, dict))})
    table = pa.table({name: [row.get(name) for row in rows] for name in columns})
    table = table.replace_schema_metadata({_NESTED_KEY: json.dumps(nested)})
    pq.write_table(table, path)


def read_claims_parquet(path: pathlib.Path) -> list[Claim]:
    """Read claims written by :func:`write_claims_parquet`."""
    try:
        table = pq.read_table(path)
        rows = table.to_pylist()
    except (OSError, pa.ArrowException) as exc:
        raise RelokantError(f"{path}: not a readable Parquet file ({exc}); expected a file "
                            "written by the claims export; check the path") from exc
    meta = table.schema.metadata or {}
    nested = set(json.loads(meta.get(_NESTED_KEY.encode(), b"[]")))
    return [Claim.model_validate({k: json.loads(v) if k in nested and isinstance(v, str) else v
                                  for k, v in row.items()}) for row in rows]
