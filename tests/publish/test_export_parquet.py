"""`claims export --format parquet` writes the ledger's claims; a terminal is refused."""

from __future__ import annotations

import json
import pathlib

from relokant.publish.parquet import read_claims_parquet


def test_export_parquet_matches_json_export(cli, tmp_path: pathlib.Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "claims.parquet"
    result = cli("claims", "export", "--format", "parquet", "-o", str(path))
    assert result.code == 0, result.err
    from_parquet = [c.model_dump(mode="json") for c in read_claims_parquet(path)]
    from_json = json.loads(cli("claims", "export", "--format", "json").out)
    assert len(from_parquet) >= 20
    assert [c["id"] for c in from_parquet] == [c["id"] for c in from_json]
    assert [c["value"] for c in from_parquet] == [c["value"] for c in from_json]


def test_export_parquet_without_file_is_refused(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("claims", "export", "--format", "parquet")
    assert result.code != 0
    assert "-o/--output" in result.err
