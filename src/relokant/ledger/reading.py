"""Claims read with SQLAlchemy Core, straight from rows into records.

Why not the ORM here: building 100 claims with their citations through the
identity map and eager loading took about 10 ms; the same rows through Core
take about 1 ms (measured on the 100,000-claim benchmark ledger), and listing is
what the web app and every export do most. Writes keep the ORM.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Engine, Row, Select, select

from relokant.ledger.mapping import claim_from_row
from relokant.ledger.tables import CitationRow, ClaimRow, DocumentRow, MetaRow
from relokant.records import Citation, Claim, Document

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


_ONE = (
    select(CLAIMS, CITATIONS.c.claim_id, CITATIONS.c.quote, CITATIONS.c.span_start,
           CITATIONS.c.span_end, CITATIONS.c.reported_via, DOCUMENTS.c.id.label("document_id"),
           DOCUMENTS.c.outlet, DOCUMENTS.c.title, DOCUMENTS.c.published, DOCUMENTS.c.url,
           DOCUMENTS.c.language)
    .select_from(CLAIMS.outerjoin(CITATIONS, CITATIONS.c.claim_id == CLAIMS.c.id)
                 .outerjoin(DOCUMENTS, CITATIONS.c.document_id == DOCUMENTS.c.id))
    .order_by(CITATIONS.c.id)
)


def read_claim(conn: Connection, claim_id: str) -> Claim | None:
    """One claim with its citations in a single query (one round trip), or None."""
    rows = conn.execute(_ONE.where(CLAIMS.c.id == claim_id)).all()
    if not rows:
        return None
    documents: dict[int, Document] = {}
    citations = [_citation(r, documents, r.document_id) for r in rows
                 if r.claim_id is not None]
    return _claim(rows[0], citations)


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
            citations[c.claim_id].append(_citation(c, documents, c.id))
    return [_claim(row, citations[row.id]) for row in rows]


class RevisionReader:
    """Reads the ledger's revision on a connection of its own, one per thread.

    Web servers read the revision on every request to know whether a cached
    answer still holds. Through the pool that took a checkout, a liveness ping
    on PostgreSQL and SQLAlchemy's statement machinery; a kept DBAPI connection
    in autocommit mode answers with one round trip. A connection that fails is
    dropped and the read tried once more on a new one.
    """

    SQL = f"SELECT value FROM {MetaRow.__tablename__} WHERE key = 'revision'"

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._local = threading.local()

    def __call__(self) -> str:
        """The revision as stored ("0" before the first write)."""
        for attempt in (1, 2):
            conn = getattr(self._local, "conn", None)
            try:
                if conn is None:
                    conn = self._local.conn = self._connect()
                cursor = conn.cursor()
                cursor.execute(self.SQL)
                row = cursor.fetchone()
                cursor.close()
                return str(row[0]) if row else "0"
            except Exception:
                self._local.conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _connect(self) -> Any:
        conn = self.engine.raw_connection()
        driver: Any = conn.driver_connection
        if hasattr(driver, "autocommit") and not isinstance(driver, sqlite3.Connection):
            driver.autocommit = True  # psycopg: no transaction left open between reads
        return conn


def _citation(c: Any, documents: dict[int, Document], document_id: int) -> Citation:
    document = documents.get(document_id)
    if document is None:
        document = documents[document_id] = Document.model_construct(
            outlet=c.outlet, title=c.title, published=c.published, url=c.url,
            language=c.language)
    return Citation.model_construct(
        document=document, quote=c.quote, span_start=c.span_start, span_end=c.span_end,
        reported_via=tuple(json.loads(c.reported_via or "[]")))


def _claim(row: Row[Any], citations: Sequence[Citation]) -> Claim:
    return claim_from_row(row, citations)
