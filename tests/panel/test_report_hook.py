"""The report gains a panel section when, and only when, the ledger holds a panel."""

from __future__ import annotations

import json
import os
import pathlib

import pytest

from relokant.cli import main
from relokant.ledger import Ledger
from relokant.panel import SyntheticPanel, import_panel
from relokant.panel.tables import load_waves
from relokant.pipeline.reporting import _panel
from relokant.report import render_html
from tests.report_stub import stub_report

SLOW = pytest.mark.skipif(not os.environ.get("RELOKANT_SLOW_TESTS"),
                          reason="a real fit; set RELOKANT_SLOW_TESTS=1")


def _render(panel: dict[str, object] | None) -> str:
    return render_html(stub_report(panel=panel))


def test_panel_section_appears_with_a_panel_only(tmp_path: pathlib.Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RELOKANT_PANEL_KEY_FILE", str(tmp_path / "panel.key"))
    ledger = Ledger.open(f"sqlite:///{tmp_path / 'l.db'}")
    assert _panel(ledger, 0) is None
    assert "Panel survey" not in _render(None)
    path = tmp_path / "panel.csv"
    SyntheticPanel(respondents=150, seed=2).frame().to_csv(path, index=False)
    import_panel(path, ledger.engine)
    section = _panel(ledger, 0)
    assert section is not None and section["rows"]
    html = _render(section)
    assert "Panel survey" in html and "weighted competing-risks survival" in html


_FITS: dict[str, object] = {}


@pytest.fixture(params=["stub", pytest.param("real", marks=[pytest.mark.slow, SLOW])])
def fitted(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> object:
    """A stub fit (always) and, with RELOKANT_SLOW_TESTS=1, a short real one."""
    from relokant.cli import estimate_commands

    if request.param == "stub":  # the CLI glue runs without minutes of sampling
        monkeypatch.setattr("relokant.pipeline.reporting.from_estimate",
                            lambda *a: stub_report())
        monkeypatch.setattr(estimate_commands, "estimate_document",
                            lambda _: {**stub_report().estimate, "quantities": {}})
        result: object = object()
    else:
        from relokant.pipeline import fit

        if "real" not in _FITS:
            _FITS["real"] = fit(Ledger.open("sqlite://"), draws=20, warmup=20, chains=2,
                                seed=0)
        result = _FITS["real"]
    monkeypatch.setattr(estimate_commands, "fit_ledger", lambda *a, **k: result)
    return result


def test_estimate_and_report_run_without_a_panel(
        fitted: object, tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'no-panel.db'}"
    capsys.readouterr()
    main(["--db", db, "estimate", "--json"])  # a real 20-draw fit exits 1 (diagnostics)
    captured = capsys.readouterr()
    assert "quantities" in json.loads(captured.out) and "panel" not in captured.err.lower()
    for fmt, name in (("html", "r.html"), ("md", "r.md")):
        main(["--db", db, "report", "--format", fmt, "-o", str(tmp_path / name)])
        err = capsys.readouterr().err
        assert "report written to" in err and "Traceback" not in err
        assert "Panel survey" not in (tmp_path / name).read_text(encoding="utf-8")
    assert load_waves(Ledger.open(db).engine).empty


def test_report_cli_shows_the_panel_section_once_a_panel_is_imported(
        fitted: object, tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'panel.db'}"
    path = tmp_path / "panel.csv"
    SyntheticPanel(respondents=150, seed=2).frame().to_csv(path, index=False)
    assert main(["--db", db, "panel", "import", str(path)]) == 0
    main(["--db", db, "report", "--format", "md", "-o", str(tmp_path / "r.md")])
    assert "report written to" in capsys.readouterr().err
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "## Panel survey" in text and "| all | 150 |" in text
