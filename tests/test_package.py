"""The package's front: curated exports, stage boundaries, documented commands."""

from __future__ import annotations

import ast
import pathlib

import relokant

SRC = pathlib.Path(relokant.__file__).parent
ORDER = ["ingest", "extract", "ledger", "panel", "estimate", "simulate", "report", "web"]


def test_public_api_is_pinned() -> None:
    assert relokant.__all__ == [
        "Actor", "Citation", "Claim", "ClaimExtractor", "Document", "Finding", "Ledger",
        "PolicyLab", "Reconciler", "RelokantError", "Scenario", "TextDocument",
        "read_document"]
    for name in relokant.__all__:
        assert getattr(relokant, name) is not None


def test_stages_import_only_earlier_stages() -> None:
    for stage in ORDER:
        for path in (SRC / stage).rglob("*.py"):
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                        "relokant."):
                    target = node.module.split(".")[1]  # type: ignore[union-attr]
                    assert target != "cli", f"{path} imports the CLI"
                    if target in ORDER:
                        assert ORDER.index(target) <= ORDER.index(stage), (
                            f"{path} imports a later stage: {node.module}")


def test_pure_stages_do_not_touch_the_ledger_or_print() -> None:
    for stage in ("extract", "estimate", "simulate"):
        for path in (SRC / stage).rglob("*.py"):
            text = path.read_text()
            assert "relokant.ledger" not in text, path
            assert "print(" not in text, path
