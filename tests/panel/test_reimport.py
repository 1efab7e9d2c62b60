"""Re-importing waves already stored: a clear refusal, or skip/replace as asked; never a mix."""

from __future__ import annotations

import pathlib

import pandas as pd
import pytest
import sqlalchemy as sa

from relokant.cli import main
from relokant.errors import ValidationError
from relokant.ledger import Ledger
from relokant.panel import SyntheticPanel, import_panel
from relokant.panel.tables import load_waves


@pytest.fixture
def waves(tmp_path: pathlib.Path) -> tuple[pathlib.Path, pathlib.Path]:
    """Waves 1–2 of a panel, then waves 2–3 of the same panel (wave 2 overlaps)."""
    frame = SyntheticPanel(respondents=80, seed=6).frame()
    first, second = tmp_path / "w12.csv", tmp_path / "w23.csv"
    frame[frame["wave"] <= 2].to_csv(first, index=False)
    later = frame[frame["wave"].between(2, 3)].copy()
    later.loc[later["wave"] == 2, "design_weight"] = 2.0  # the file's corrected weights
    later.to_csv(second, index=False)
    return first, second


def _stored(engine: sa.Engine) -> pd.DataFrame:
    return load_waves(engine).sort_values(["respondent_id", "wave"]).reset_index(drop=True)


def test_overlapping_waves_are_refused_by_record_and_nothing_changes(
        waves: tuple[pathlib.Path, pathlib.Path], db_url: str) -> None:
    first, second = waves
    engine = Ledger.open(db_url, seed=False).engine
    import_panel(first, engine)
    before = _stored(engine)
    overlap = pd.read_csv(second)
    wave2 = [i + 1 for i in overlap.index[overlap["wave"] == 2]]
    with pytest.raises(ValidationError) as info:
        import_panel(second, engine)
    message = info.value.message
    assert "IntegrityError" not in message and "UNIQUE" not in message
    assert str(second) in message and "already stored" in message
    assert f"records {', '.join(map(str, wave2[:5]))} and {len(wave2) - 5} more" in message
    assert f"({len(wave2)} in all)" in message and "on_conflict" in str(info.value.hint)
    pd.testing.assert_frame_equal(_stored(engine), before)  # wave 3 rows not stored either


@pytest.mark.parametrize(("mode", "weight"), [("skip", 1.0), ("replace", 2.0)])
def test_skip_keeps_stored_rows_and_replace_overwrites_them(
        waves: tuple[pathlib.Path, pathlib.Path], db_url: str, mode: str, weight: float) -> None:
    first, second = waves
    overlap = pd.read_csv(second)
    n2, n3 = int((overlap["wave"] == 2).sum()), int((overlap["wave"] == 3).sum())
    engine = Ledger.open(db_url, seed=False).engine
    stored = import_panel(first, engine)
    done = import_panel(second, engine, on_conflict=mode)  # type: ignore[arg-type]
    assert (done.added, done.replaced, done.skipped) == (
        (n3, 0, n2) if mode == "skip" else (n3, n2, 0))
    after = load_waves(engine)
    assert len(after) == stored.added + n3
    assert not after.duplicated(["respondent_id", "wave"]).any()
    assert set(after.loc[after["wave"] == 2, "design_weight"]) == {weight}


def test_the_cli_names_the_overlap_and_takes_on_conflict(
        waves: tuple[pathlib.Path, pathlib.Path], tmp_path: pathlib.Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    first, second = waves
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--db", db, "panel", "import", str(first)]) == 0
    capsys.readouterr()
    assert main(["--db", db, "panel", "import", str(second)]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "already stored" in err and "Traceback" not in err and "sqlite3" not in err
    assert "the --on-conflict option" in err
    assert main(["--db", db, "panel", "import", str(second), "--on-conflict", "skip"]) == 0
    assert "skipped" in capsys.readouterr().out
    assert main(["--db", db, "panel", "import", str(second), "--on-conflict", "merge"]) == 2
    assert "expected error, skip or replace" in " ".join(capsys.readouterr().err.split())


def test_one_file_giving_a_wave_twice_is_refused(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "twice.csv"
    frame = SyntheticPanel(respondents=20, seed=1).frame()
    pd.concat([frame, frame.iloc[[3]]]).to_csv(path, index=False)
    engine = sa.create_engine("sqlite://")
    with pytest.raises(ValidationError, match=f"records 4, {len(frame) + 1} give the same"):
        import_panel(path, engine)
    assert load_waves(engine).empty
