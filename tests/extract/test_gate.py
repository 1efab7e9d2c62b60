"""The evaluation gate: the shared scorer on the development corpus, with pinned floors.

Floors live in ``floors.json`` with a digest of the corpus they were set on; a
changed corpus fails loudly instead of silently moving the goalposts.
"""

from __future__ import annotations

import hashlib
import json
import pathlib
import subprocess
import sys

from tests.conftest import SCORER

FLOORS = pathlib.Path(__file__).with_name("floors.json")


def corpus_digest(corpus: pathlib.Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(corpus.glob("*")):
        if path.suffix in {".txt", ".json"}:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


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
