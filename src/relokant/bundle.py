"""The published record and actors shipped inside the package (read once per process).

Shared by the ledger (which seeds itself from them) and the extractor (which
resolves names against the actors when no ledger is at hand).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from relokant.records import Actor


@cache
def _read(name: str) -> Any:
    return json.loads((resources.files("relokant") / "data" / name).read_text("utf-8"))


def bundled_actors() -> list[Actor]:
    """Actors and aliases of the bundled record."""
    return [Actor.model_validate(a) for a in _read("actors.json")["actors"]]


def bundled_record() -> dict[str, Any]:
    """The bundled record file: version, description and claim objects."""
    record: dict[str, Any] = _read("record.json")
    return record
