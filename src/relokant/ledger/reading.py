"""Claims read with SQLAlchemy Core, straight from rows into records.

Why not the ORM here: building 100 claims with their citations through the
identity map and eager loading took about 10 ms; the same rows through Core
take about 1 ms (measured on the 100,000-claim benchmark ledger), and listing is
what the web app and every export do most. Writes keep the ORM.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, Select, select

from relokant.ledger.tables import CitationRow, ClaimRow, DocumentRow, MetaRow
from relokant.records import Bound, Citation, Claim, Document, Measure, SourceType, Status, Unit

CLAIMS = ClaimRow.__table__
CITATIONS = CitationRow.__table__
DOCUMENTS = DocumentRow.__table__
META = MetaRow.__table__

#: SQLite's default limit on bound parameters is 999: ask for citations in chunks
CHUNK = 500

_CITATIONS = (
    select(CITATIONS.c.claim_id, CITATIONS.c.quote, CITATIONS.c.span_start,
           CITATIONS.c.span_end, CITATIONS.c.reported_via, DOCUMENTS.c.id,
           DOCUMENTS.c.outlet, DOCUMENTS.c.title, DOCUMENTS.c.published, DOCUMENTS.c.url,
           DOCUMENTS.c.language)
    .join(DOCUMENTS, CITATIONS.c.document_id == DOCUMENTS.c.id)
    .order_by(CITATIONS.c.id)
)


def claim_rows() -> Select[Any]:
    """A select of the claims table's columns, to which filters are added."""
    return select(CLAIMS)


def read_claims(conn: Connection, stmt: Select[Any]) -> list[Claim]:
    """The claims ``stmt`` selects, in its order, each with all its citations.

    Rows were validated on their way in, so records are rebuilt without
    validating again (``model_construct``).
    """
    rows = conn.execute(stmt).all()
    citations: dict[str, list[Citation]] = {row.id: [] for row in rows}
    documents: dict[int, Document] = {}
    ids = list(citations)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        for c in conn.execute(_CITATIONS.where(CITATIONS.c.claim_id.in_(chunk))):
            citations[c.claim_id].append(_citation(c, documents))
    return [_claim(row, citations[row.id]) for row in rows]


def read_meta(conn: Connection, key: str) -> str | None:
    """One value of the ledger's metadata table."""
    value = conn.execute(select(META.c.value).where(META.c.key == key)).scalar()
    return None if value is None else str(value)


def _citation(c: Any, documents: dict[int, Document]) -> Citation:
    document = documents.get(c.id)
    if document is None:
        document = documents[c.id] = Document.model_construct(
            outlet=c.outlet, title=c.title, published=c.published, url=c.url,
            language=c.language)
    return Citation.model_construct(
        document=document, quote=c.quote, span_start=c.span_start, span_end=c.span_end,
        reported_via=tuple(json.loads(c.reported_via or "[]")))


def _claim(row: Row[Any], citations: Sequence[Citation]) -> Claim:
    return Claim.model_construct(
        id=row.id, measure=Measure(row.measure), unit=Unit(row.unit), bound=Bound(row.bound),
        value=row.value, low=row.low, high=row.high,
        stated_shares=tuple(json.loads(row.stated_shares or "[]")),
        population=row.population, destination=row.destination,
        period_start=row.period_start, as_of=row.as_of, attributed_to=row.attributed_to,
        source_type=SourceType(row.source_type), method=row.method, indicator=row.indicator,
        status=Status(row.status), reviewed_by=row.reviewed_by, reviewed_at=row.reviewed_at,
        note=row.note, citations=tuple(citations),
    )
