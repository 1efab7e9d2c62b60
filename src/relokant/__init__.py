"""relokant: measure an exodus from contradictory published figures.

The pipeline, stage by stage: ``ingest`` reads articles, ``extract`` finds
claims, ``ledger`` keeps them with their citations, ``estimate`` reconciles
them, ``simulate`` runs policy scenarios, ``report`` and ``web`` show results.
Heavy stages are imported on first use, so ``import relokant`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from relokant.errors import RelokantError
from relokant.records import Actor, Citation, Claim, Document, Finding, TextDocument

if TYPE_CHECKING:
    from relokant.estimate import Reconciler
    from relokant.extract import ClaimExtractor
    from relokant.ingest import read_document
    from relokant.ledger import Ledger
    from relokant.simulate import PolicyLab, Scenario

__version__ = "0.1.0"
__all__ = [
    "Actor",
    "Citation",
    "Claim",
    "ClaimExtractor",
    "Document",
    "Finding",
    "Ledger",
    "PolicyLab",
    "Reconciler",
    "RelokantError",
    "Scenario",
    "TextDocument",
    "read_document",
]

_LAZY = {
    "ClaimExtractor": "relokant.extract",
    "Ledger": "relokant.ledger",
    "PolicyLab": "relokant.simulate",
    "Reconciler": "relokant.estimate",
    "Scenario": "relokant.simulate",
    "read_document": "relokant.ingest",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'relokant' has no attribute {name!r}")
