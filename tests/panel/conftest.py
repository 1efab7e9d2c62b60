"""Every panel test uses a throwaway pseudonymisation key."""

from __future__ import annotations

import pathlib

import pytest


@pytest.fixture(autouse=True)
def panel_key(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    path = tmp_path / "keys" / "panel.key"
    monkeypatch.setenv("RELOKANT_PANEL_KEY_FILE", str(path))
    return path
