"""Claims written to Parquet read back identical; a bad file gets a clear error."""

from __future__ import annotations

import pathlib
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relokant.errors import RelokantError
from relokant.publish.parquet import read_claims_parquet, write_claims_parquet
from relokant.records import Claim
from tests.ledger.test_roundtrip import claims


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(claims(), min_size=1, max_size=5))
def test_parquet_round_trip_is_lossless(batch: list[Claim]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "claims.parquet"
        write_claims_parquet(batch, path)
        assert read_claims_parquet(path) == batch


def test_not_parquet_is_refused(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "claims.parquet"
    path.write_text("not parquet", encoding="utf-8")
    with pytest.raises(RelokantError, match="not a readable Parquet file"):
        read_claims_parquet(path)
