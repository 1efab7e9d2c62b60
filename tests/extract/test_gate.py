"""The evaluation gate: the shared scorer on the development corpus, with pinned floors.

Floors live in ``floors.json`` with a digest of the corpus they were set on; a
changed corpus fails loudly instead of silently moving the goalposts.
"""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
import subprocess
import sys

import pytest

from tests.conftest import CORPUS, SCORER

FLOORS = pathlib.Path(__file__).with_name("floors.json")


def corpus_digest(corpus: pathlib.Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(corpus.glob("*")):
        if path.suffix in {".txt", ".json"}:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def require_corpus(path: pathlib.Path) -> pathlib.Path:
    """The corpus at ``path``; in CI a missing corpus fails the gate instead of skipping it."""
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"the development corpus is missing at {path}: the extraction gate "
                        "must run in CI; check out the shared material beside the repository")
        pytest.skip(f"{path} is not present")
    return path


@pytest.fixture
def corpus() -> pathlib.Path:
    return require_corpus(CORPUS)


def test_missing_corpus_fails_in_ci(tmp_path: pathlib.Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="missing"):
        require_corpus(tmp_path / "absent")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        require_corpus(tmp_path / "absent")


def test_dev_corpus_scores_above_floors(cli, corpus: pathlib.Path, tmp_path: pathlib.Path) -> None:  # type: ignore[no-untyped-def]
    floors = json.loads(FLOORS.read_text())
    assert corpus_digest(corpus) == floors["corpus_sha256"], (
        "the development corpus changed: re-score it and pin the new digest in floors.json")
    result = cli("extract", str(corpus), "--format", "gold", "--out", str(tmp_path))
    assert result.code == 0, result.err
    for stem in (p.stem for p in corpus.glob("*.txt")):
        predictions = json.loads((tmp_path / f"{stem}.json").read_text())
        text = (corpus / f"{stem}.txt").read_text(encoding="utf-8")
        assert all(p["quote"] in text for p in predictions)
    scored = subprocess.run(
        [sys.executable, str(SCORER), "--corpus", str(corpus), "--pred-dir", str(tmp_path),
         "--core-only"], capture_output=True, text=True, check=True)
    summary = json.loads(scored.stdout.strip().splitlines()[-1])
    for key in ("f1", "precision", "recall"):
        assert summary[key] >= floors[key], (key, summary)
    for field, floor in floors["field_accuracy"].items():
        assert summary["field_accuracy"][field] >= floor, (field, summary)
