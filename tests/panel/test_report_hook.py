"""The report gains a panel section when, and only when, the ledger holds a panel."""

from __future__ import annotations

import pathlib

import pytest

from relokant.ledger import Ledger
from relokant.panel import SyntheticPanel, import_panel
from relokant.pipeline.reporting import _panel
from relokant.report import render_html
from tests.report_stub import stub_report


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
