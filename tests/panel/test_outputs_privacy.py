"""No output shows a cell under k, every output says when it hid one, none shows a respondent.

One ledger holds a panel with a small destination group (6 respondents) and a small
departure cohort (4); each command and output is run on it and read back.
"""

from __future__ import annotations

import json
import pathlib
import re

import pandas as pd
import pytest
import sqlalchemy as sa

import relokant.publish
from relokant.cli import main
from relokant.ledger import Ledger
from relokant.panel import PANEL_TABLES, PanelEstimator, SyntheticPanel, import_panel
from relokant.panel.claims import METHOD
from relokant.panel.tables import load_waves
from relokant.pipeline.reporting import _panel
from relokant.report import render_html, render_markdown
from relokant.report.panel_section import panel_section
from tests.report_stub import stub_report

SMALL_DEST, SMALL_COHORT, K = "MN", "2024", 10
FIGURE = re.compile(r"\d+(\.\d+)?%")


@pytest.fixture
def panel_db(tmp_path: pathlib.Path) -> tuple[str, set[str]]:
    """A ledger with a 150-respondent panel; returns its URL and every respondent id."""
    frame = SyntheticPanel(respondents=150, seed=2).frame()
    ids = sorted(frame["respondent_id"].unique())
    frame.loc[frame["respondent_id"].isin(ids[:6]), "destination"] = SMALL_DEST
    frame.loc[frame["respondent_id"].isin(ids[6:10]), "cohort"] = SMALL_COHORT
    path = tmp_path / "panel.csv"
    frame.to_csv(path, index=False)
    db = f"sqlite:///{tmp_path / 'ledger.db'}"
    assert main(["--db", db, "panel", "import", str(path)]) == 0
    stored = set(load_waves(sa.create_engine(db))["respondent_id"])
    return db, stored | set(ids)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main(list(args)) == 0, capsys.readouterr().err
    captured = capsys.readouterr()
    return captured.out + captured.err


def _no_respondents(text: str, ids: set[str]) -> None:
    assert not any(i in text for i in ids), "a respondent id reached an output"


@pytest.mark.parametrize("by", ["destination", "cohort"])
def test_estimate_json_and_text_hide_small_cells_and_say_so(
        panel_db: tuple[str, set[str]], capsys: pytest.CaptureFixture[str], by: str) -> None:
    db, ids = panel_db
    small = SMALL_DEST if by == "destination" else SMALL_COHORT
    args = ["--db", db, "panel", "estimate", "--by", by, "--replicates", "5"]
    payload = json.loads(_run(capsys, *args, "--json"))
    cells = {c["group"]: c for c in payload["cells"]}
    assert cells[small]["suppressed"] and cells[small]["suppression"] == "small"
    # one small cell: the next smallest is hidden too, or the total would give it away
    assert [c["suppression"] for c in cells.values()].count("complementary") == 1
    for cell in cells.values():
        if cell["suppressed"]:
            assert all(cell[f] is None for f in ("respondents", "return_share", "lower",
                                                 "upper", "std_error", "onward_share"))
        else:
            assert cell["respondents"] >= K
    assert payload["suppressed_cells"] == 2 and any("suppressed" in n for n in payload["notes"])
    text = _run(capsys, *args)
    hidden = [g for g, c in cells.items() if c["suppressed"]]
    rows = [line for line in text.splitlines() if any(f" {g} " in line for g in hidden)]
    blank = [re.sub("|".join(hidden), "", r) for r in rows]
    assert len(rows) == 2 and all("suppressed" in r and not re.search(r"\d", r) for r in blank)
    assert "2 cell(s) suppressed: fewer than 10 respondents" in " ".join(text.split())
    _no_respondents(json.dumps(payload) + text, ids)


def test_claims_and_every_claims_export_carry_only_safe_cells(
        panel_db: tuple[str, set[str]], capsys: pytest.CaptureFixture[str],
        tmp_path: pathlib.Path) -> None:
    db, ids = panel_db
    args = ["--db", db, "panel", "claims", "--by", "destination", "--replicates", "5"]
    texts = [_run(capsys, *args), _run(capsys, *args, "--add")]
    assert all("suppressed" in t for t in texts)
    stored = [c for c in Ledger.open(db).list_claims() if c.method == METHOD]
    assert len(stored) == 3  # 5 destinations, one small, one hidden beside it
    assert SMALL_DEST not in {c.destination for c in stored}
    sizes = [int(m) for c in stored for m in re.findall(r"n=(\d+)", c.population or "")]
    assert len(sizes) == 3 and min(sizes) >= K
    parquet = tmp_path / "claims.parquet"
    texts += [_run(capsys, "--db", db, "claims", "list", "--format", fmt)
              for fmt in ("table", "json", "csv")]
    texts += [_run(capsys, "--db", db, "claims", "export", "--format", fmt)
              for fmt in ("json", "csv")]
    _run(capsys, "--db", db, "claims", "export", "--format", "parquet", "-o", str(parquet))
    texts.append(pd.read_parquet(parquet).to_json())
    texts.append(_run(capsys, "--db", db, "claims", "show", str(stored[0].id)))
    for text in texts:
        _no_respondents(text, ids)
        assert not re.search(rf"\b{SMALL_DEST}\b", text)
        assert not any(t in text for t in PANEL_TABLES)


def test_report_section_hides_small_cells_in_html_and_markdown(
        panel_db: tuple[str, set[str]], tmp_path: pathlib.Path) -> None:
    db, ids = panel_db
    waves = load_waves(sa.create_engine(db))
    for by, small in (("destination", SMALL_DEST), ("cohort", SMALL_COHORT)):
        section = panel_section(PanelEstimator(by=by, replicates=5).fit(waves))  # type: ignore[arg-type]
        assert section["suppressed_cells"] == 2 and "suppressed" in section["note"]
        for text in (render_html(stub_report(panel=section)),
                     render_markdown(stub_report(panel=section), tmp_path, stem="r")):
            lines = [ln for ln in re.split(r"\n|<tr>", text) if re.search(rf"\b{small}\b", ln)]
            assert lines and all("suppressed" in ln and not FIGURE.search(ln) for ln in lines)
            assert "2 cell(s) suppressed" in text
            _no_respondents(text, ids)
    # the report's own section (all respondents) on a panel smaller than k
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'tiny.db'}")
    tiny = tmp_path / "tiny.csv"
    SyntheticPanel(respondents=8, seed=3).frame().to_csv(tiny, index=False)
    import_panel(tiny, ledger.engine)
    section = _panel(ledger, 0)
    assert section is not None and section["rows"] == [{"group": "all", "text": "suppressed"}]
    html = render_html(stub_report(panel=section))
    assert "Panel survey" in html and "1 cell(s) suppressed" in html
    assert not FIGURE.search(html.split("Panel survey", 1)[1].split("</table>", 1)[0])


def test_no_web_route_and_no_publish_module_touches_the_panel_tables() -> None:
    from relokant.web.app import create_app

    app = create_app(ledger=Ledger.open("sqlite://"), token=None)
    paths = [getattr(r, "path", "") for r in app.routes]
    assert paths and not any("panel" in p or "respondent" in p for p in paths)
    for path in pathlib.Path(relokant.publish.__file__).parent.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for name in (*PANEL_TABLES, "relokant.panel.tables", "load_waves"):
            assert name not in source, f"{path.name} reads {name}"


def test_k_below_ten_is_refused_everywhere(panel_db: tuple[str, set[str]],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = panel_db
    for command in ("estimate", "claims"):
        for k in ("9", "0", "-5"):
            capsys.readouterr()
            assert main(["--db", db, "panel", command, "--k", k]) == 2
            err = " ".join(capsys.readouterr().err.split())
            assert f"received a minimum cell size of {k}; expected an integer of at least 10" \
                in err and "Traceback" not in err
    text = _run(capsys, "--db", db, "panel", "estimate", "--by", "destination", "--k", "40",
                "--replicates", "5", "--json")
    shown = [c for c in json.loads(text)["cells"] if not c["suppressed"]]
    assert all(c["respondents"] >= 40 for c in shown)
