"""The ledger's documents: one row per published page, found again by its key."""

from __future__ import annotations

import hashlib

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from relokant.ledger.actors import LedgerActors
from relokant.ledger.tables import CitationRow, DocumentRow
from relokant.records import Document


def doc_key(document: Document) -> str:
    """A document's identity: outlet, date and URL (or title), case-blind."""
    basis = "|".join(
        [document.outlet.strip().lower(), document.published.isoformat(),
         (document.url or document.title or "").strip().lower()]
    )
    return hashlib.sha1(basis.encode()).hexdigest()


def document_record(row: DocumentRow) -> Document:
    """The record of a stored document."""
    return Document.model_construct(
        outlet=row.outlet, title=row.title, published=row.published, url=row.url,
        language=row.language,
    )


class LedgerDocuments(LedgerActors):
    """Finding or adding a document, and listing them."""

    def _document_row(self, session: Session, document: Document) -> DocumentRow:
        key = doc_key(document)
        row = session.scalar(select(DocumentRow).where(DocumentRow.doc_key == key))
        if row is None:
            row = DocumentRow(
                doc_key=key, outlet=document.outlet, title=document.title,
                published=document.published, url=document.url, language=document.language,
            )
            session.add(row)
            session.flush()
        return row

    def documents(self, *, limit: int | None = None, offset: int = 0
                  ) -> list[tuple[Document, int]]:
        """Documents with their number of citations, oldest first."""
        stmt = (
            select(DocumentRow, func.count(CitationRow.id))
            .join(CitationRow, CitationRow.document_id == DocumentRow.id, isouter=True)
            .group_by(DocumentRow.id)
            .order_by(DocumentRow.published, DocumentRow.id)
            .offset(offset)
        )
        if limit is not None:
            stmt = stmt.limit(limit)
        with self._sessions() as session:
            return [(document_record(row), int(n)) for row, n in session.execute(stmt).all()]

    def count_documents(self) -> int:
        """How many documents the ledger cites."""
        with self._reading() as conn:
            return int(conn.scalar(select(func.count()).select_from(DocumentRow)) or 0)
