"""Destination groups come from what the panel recorded; "unknown" only when nothing was."""

from __future__ import annotations

import json
import pathlib

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from relokant.cli import main
from relokant.errors import ValidationError
from relokant.panel import PanelEstimator, SyntheticPanel, import_panel
from relokant.panel.claims import panel_claims
from relokant.panel.spells import UNKNOWN, destinations
from relokant.panel.tables import load_waves


def _wave(rid: str, wave: int, residence: str, *, returned: int = 0, moved_on: int = 0,
          destination: str | None = None) -> dict[str, object]:
    return {"respondent_id": rid, "wave": wave, "residence": residence, "returned": returned,
            "moved_on": moved_on, "destination": destination}


def test_destination_rule_prefers_the_stated_country_then_the_first_residence_abroad() -> None:
    rows = pd.DataFrame([
        _wave("back_early_stated", 1, "RU", returned=1, destination="GE"),
        _wave("back_early_unstated", 1, "RU", returned=1),
        _wave("stayed", 1, "AM"), _wave("stayed", 2, "AM"),
        _wave("moved_later", 1, "KZ"), _wave("moved_later", 2, "DE", moved_on=1),
        _wave("moved_early", 1, "DE", moved_on=1),
        _wave("back_later", 1, "TR"), _wave("back_later", 2, "RU", returned=1),
    ])
    assert destinations(rows).to_dict() == {
        "back_early_stated": "GE", "back_early_unstated": UNKNOWN, "stayed": "AM",
        "moved_later": "KZ", "moved_early": "DE", "back_later": "TR"}


def test_early_returners_join_their_destination_and_the_groups_are_unbiased() -> None:
    stated = SyntheticPanel(respondents=2000, seed=0)
    fitted = PanelEstimator(by="destination", replicates=5).fit(stated.frame())
    cells = fitted.summary_.set_index("group")
    assert set(cells.index) == {"AM", "GE", "KZ", "TR"}
    assert cells["respondents"].sum() == 2000
    # hazards do not depend on destination: every group's truth is the national one
    truth = stated.true_return_share(12)
    assert abs(float(cells["return_share"].mean()) - truth) < 0.03

    bare = SyntheticPanel(respondents=2000, seed=0, destination_column=False)
    cells = PanelEstimator(by="destination", replicates=5).fit(bare.frame()).summary_
    unknown = cells[cells["group"] == UNKNOWN].iloc[0]
    assert unknown["return_share"] == pytest.approx(1.0)  # all back before any interview
    known = cells[cells["group"] != UNKNOWN]
    assert float(known["return_share"].mean()) < truth - 0.04  # why the column matters


def test_destination_survives_import_and_the_cli_names_the_unknown_group(
        tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    with_column, without = tmp_path / "with.csv", tmp_path / "without.csv"
    SyntheticPanel(respondents=300, seed=4).frame().to_csv(with_column, index=False)
    SyntheticPanel(respondents=300, seed=4, destination_column=False).frame().to_csv(
        without, index=False)
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'a.db'}")
    import_panel(with_column, engine)
    stored = load_waves(engine)
    assert stored["destination"].notna().all()
    assert set(destinations(stored)) == {"AM", "GE", "KZ", "TR"}

    db = f"sqlite:///{tmp_path / 'b.db'}"
    assert main(["--db", db, "panel", "import", str(without)]) == 0
    capsys.readouterr()
    assert main(["--db", db, "panel", "estimate", "--by", "destination", "--replicates", "5",
                 "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert UNKNOWN in {c["group"] for c in payload["cells"]}
    assert any("destination 'unknown'" in n for n in payload["notes"])
    fitted = PanelEstimator(by="destination", replicates=5).fit(load_waves(
        sa.create_engine(db)))
    claims = panel_claims(fitted, panel_name="p", wave_date=pd.Timestamp("2024-06-30").date())
    assert claims and UNKNOWN not in {c.destination for c in claims}


def test_a_bad_or_changing_destination_is_refused(tmp_path: pathlib.Path) -> None:
    path, engine = tmp_path / "p.csv", sa.create_engine("sqlite://")
    frame = SyntheticPanel(respondents=20, seed=1).frame()
    bad = frame.copy()
    bad.loc[0, "destination"] = "XX"
    bad.to_csv(path, index=False)
    with pytest.raises(ValidationError, match=r"record 1, field 'destination'.*alpha-2"):
        import_panel(path, engine)
    rid = frame["respondent_id"][frame["wave"] == 2].iloc[0]
    rows = np.flatnonzero(frame["respondent_id"] == rid)
    frame.loc[rows[1], "destination"] = "FR" if frame.loc[rows[0], "destination"] != "FR" \
        else "DE"
    frame.to_csv(path, index=False)
    with pytest.raises(ValidationError, match="different destinations"):
        import_panel(path, engine)
    assert load_waves(engine).empty
