"""Import validation and pseudonymisation; the raw ids never reach the database."""

from __future__ import annotations

import pathlib
import stat

import pandas as pd
import pytest
import sqlalchemy as sa

from relokant.cli import main
from relokant.errors import ValidationError
from relokant.panel import SyntheticPanel, import_panel
from relokant.panel.tables import load_waves


@pytest.fixture
def panel_csv(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "panel.csv"
    SyntheticPanel(respondents=150, seed=2).frame().to_csv(path, index=False)
    return path


def _db(tmp_path: pathlib.Path) -> str:
    return f"sqlite:///{tmp_path / 'ledger.db'}"


def test_import_pseudonymises_and_keeps_the_key_private(
        panel_csv: pathlib.Path, tmp_path: pathlib.Path, panel_key: pathlib.Path) -> None:
    engine = sa.create_engine(_db(tmp_path))
    assert import_panel(panel_csv, engine).added == len(pd.read_csv(panel_csv))
    stored = load_waves(engine)
    assert not set(stored["respondent_id"]) & set(pd.read_csv(panel_csv)["respondent_id"])
    assert stored["respondent_id"].str.fullmatch(r"[0-9a-f]{64}").all()
    assert stat.S_IMODE(panel_key.stat().st_mode) == 0o600


@pytest.mark.parametrize(("column", "value", "match"), [
    ("email", "a@b.org", "identifier"),
    ("full_name", "Ivan", "identifier"),
    ("occupation", "ivan@example.org", "e-mail or phone"),
    ("sex", "+7 912 345 67 89", "e-mail or phone"),
    ("residence", "XX", "alpha-2"),
    ("design_weight", "-1", "positive number"),
])
def test_bad_rows_are_refused_with_location_and_nothing_stored(
        panel_csv: pathlib.Path, tmp_path: pathlib.Path, column: str, value: str,
        match: str) -> None:
    frame = pd.read_csv(panel_csv, dtype=str, keep_default_na=False)
    frame[column] = frame.get(column, "ok")
    frame.loc[4, column] = value
    frame.to_csv(panel_csv, index=False)
    engine = sa.create_engine(_db(tmp_path))
    with pytest.raises(ValidationError, match=match) as info:
        import_panel(panel_csv, engine)
    assert str(panel_csv) in info.value.message and column in info.value.message
    assert load_waves(engine).empty
    assert main(["--db", _db(tmp_path), "panel", "import", str(panel_csv)]) == 2


def test_parquet_import_matches_csv(panel_csv: pathlib.Path, tmp_path: pathlib.Path) -> None:
    parquet = tmp_path / "panel.parquet"
    pd.read_csv(panel_csv, dtype=str, keep_default_na=False).to_parquet(parquet)
    csv_rows = import_panel(panel_csv, sa.create_engine(f"sqlite:///{tmp_path / 'a.db'}"))
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'b.db'}")
    assert import_panel(parquet, engine) == csv_rows
    assert len(load_waves(engine)) == csv_rows.added
