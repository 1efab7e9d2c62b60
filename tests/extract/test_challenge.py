"""The challenge gate: each half of the challenge set, per language, scores above pinned floors.

Each half (``tune.jsonl``, ``frozen.jsonl``) is written out as a corpus
directory in the development corpus's layout, extracted with the CLI in the
gold format and scored by the shared scorer on core claims. Floors live in
``floors.json`` under ``challenge`` and may only rise.
"""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest

from tests.conftest import SCORER

CHALLENGE = pathlib.Path(__file__).with_name("challenge")
FLOORS = json.loads(pathlib.Path(__file__).with_name("floors.json").read_text())
FIELDS = ("attributed_to", "measure", "as_of", "period_start")


def materialise(items: list[dict[str, object]], out: pathlib.Path) -> None:
    """Items as STEM.txt, STEM.meta.json and STEM.claims.json files."""
    out.mkdir(parents=True)
    for item in items:
        stem = str(item["id"])
        (out / f"{stem}.txt").write_text(str(item["text"]), encoding="utf-8")
        meta = {k: item.get(k) for k in ("title", "outlet", "published", "language")}
        (out / f"{stem}.meta.json").write_text(json.dumps(meta, ensure_ascii=False))
        (out / f"{stem}.claims.json").write_text(json.dumps(item["claims"], ensure_ascii=False))


def score(cli, corpus: pathlib.Path, preds: pathlib.Path) -> dict[str, object]:  # type: ignore[no-untyped-def]
    result = cli("extract", str(corpus), "--format", "gold", "--out", str(preds))
    assert result.code == 0, result.err
    scored = subprocess.run(
        [sys.executable, str(SCORER), "--corpus", str(corpus), "--pred-dir", str(preds),
         "--core-only"], capture_output=True, text=True, check=True)
    summary: dict[str, object] = json.loads(scored.stdout.strip().splitlines()[-1])
    return summary


@pytest.mark.parametrize("half", ["tune", "frozen"])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_challenge_half_scores_above_floors(cli, half: str, language: str,  # type: ignore[no-untyped-def]
                                            tmp_path: pathlib.Path) -> None:
    path = CHALLENGE / f"{half}.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is not present yet")
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    items = [i for i in items if i.get("language") == language]
    if not items:
        pytest.skip(f"no {language} items in {path.name}")
    floors = FLOORS.get("challenge", {}).get(half, {}).get(language)
    assert floors, f"no floors pinned for {half}/{language} in floors.json: score it and pin them"
    materialise(items, tmp_path / "corpus")
    summary = score(cli, tmp_path / "corpus", tmp_path / "pred")
    assert summary["f1"] >= floors["f1"], (half, language, summary)
    accuracy = summary["field_accuracy"]
    assert isinstance(accuracy, dict)
    for field in FIELDS:
        assert accuracy[field] >= floors[field], (half, language, field, summary)


def test_materialised_items_are_read_and_scored(cli, tmp_path: pathlib.Path) -> None:  # type: ignore[no-untyped-def]
    # Invented items: checks the layout the gate writes is one the CLI and scorer read.
    text = "According to Rosstat, 700,000 people left Russia in 2022.\n"
    gold = [{"quote": text.strip(), "measure": "departures", "unit": "persons", "bound": "point",
             "value": 700000, "attributed_to": "Rosstat", "period_start": "2022-01-01",
             "as_of": "2022-12-31", "reported_via": None, "method": None, "population": None}]
    items: list[dict[str, object]] = [
        {"id": "x1", "language": "en", "published": "2024-03-01", "outlet": "T",
         "title": "Emigration", "text": text, "claims": gold}]
    materialise(items, tmp_path / "corpus")
    summary = score(cli, tmp_path / "corpus", tmp_path / "pred")
    assert summary["gold"] == 1 and summary["f1"] == 1.0, summary
