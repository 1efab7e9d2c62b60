"""Records to the published tables' rows: claims, citations, documents, actors.

Only what the columns in :mod:`relokant.publish.columns` describe leaves relokant:
no reviewer names, no extractor internals, and a citation's quote only when asked
for (the offsets locate the passage in the source either way).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from relokant.records import Actor, Claim, Document
from relokant.records import normalise_name as _norm

Row = dict[str, Any]


@dataclass(frozen=True)
class Tables:
    """The rows of each published table, by table name."""

    rows: dict[str, list[Row]]

    def __getitem__(self, name: str) -> list[Row]:
        return self.rows[name]


def document_id(document: Document) -> str:
    """A stable id: the digest of what makes a document itself (outlet, date, URL or title)."""
    basis = "|".join([document.outlet.strip().lower(), document.published.isoformat(),
                      (document.url or document.title or "").strip().lower()])
    return "doc_" + hashlib.sha1(basis.encode()).hexdigest()[:12]


def _date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def build_tables(claims: Sequence[Claim], actors: Sequence[Actor], *,
                 include_quotes: bool = False) -> Tables:
    """The four tables' rows for ``claims`` (each with an id) and the ledger's ``actors``."""
    known = {a.name: a for a in actors}
    by_norm = {_norm(a.name): a.name for a in actors}
    documents: dict[str, Row] = {}
    claim_rows: list[Row] = []
    citation_rows: list[Row] = []
    for claim in sorted(claims, key=lambda c: c.id or ""):
        if not claim.id:
            raise ValueError("published claims need ids; store them in the ledger first")
        actor = claim.attributed_to if claim.attributed_to in known else \
            by_norm.get(_norm(claim.attributed_to or "")) if claim.attributed_to else None
        claim_rows.append({
            "id": claim.id, "measure": claim.measure.value, "unit": claim.unit.value,
            "bound": claim.bound.value, "value": claim.value, "low": claim.low,
            "high": claim.high, "stated_shares": list(claim.stated_shares),
            "population": claim.population, "destination": claim.destination,
            "period_start": _date(claim.period_start), "as_of": _date(claim.as_of),
            "attributed_to": claim.attributed_to, "actor": actor,
            "source_type": claim.source_type.value, "method": claim.method,
            "indicator": claim.indicator, "std_error": claim.std_error,
            "status": claim.status.value, "note": claim.note,
        })
        for citation in claim.citations:
            doc = citation.document
            key = document_id(doc)
            documents.setdefault(key, {
                "id": key, "outlet": doc.outlet, "title": doc.title,
                "published": doc.published.isoformat(), "url": doc.url,
                "language": doc.language})
            citation_rows.append({
                "id": len(citation_rows) + 1, "claim_id": claim.id, "document_id": key,
                "span_start": citation.span_start, "span_end": citation.span_end,
                "quote": citation.quote if include_quotes else None,
                "reported_via": list(citation.reported_via)})
    actor_rows = [{"name": a.name, "kind": a.kind.value, "source_type": a.source_type.value,
                   "affiliation": a.affiliation, "aliases": list(a.aliases)}
                  for a in sorted(actors, key=lambda a: a.name)]
    return Tables({"actors": actor_rows,
                   "documents": sorted(documents.values(),
                                       key=lambda d: (d["published"], d["id"])),
                   "claims": claim_rows, "citations": citation_rows})
