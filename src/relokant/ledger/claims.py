"""Writing claims: one claim, many citations, review and edits.

A claim that matches one already stored (same actor, measure, figures and
period) becomes another citation of it instead of a duplicate; every write is
one transaction, retried when a concurrent writer got there first.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from relokant.errors import NotFoundError, ValidationError
from relokant.ledger.mapping import EDITABLE_FIELDS, row_values
from relokant.ledger.queries import LedgerQueries
from relokant.ledger.serialise import parse_claim
from relokant.ledger.session import now
from relokant.ledger.tables import ActorRow, CitationRow, ClaimRow
from relokant.records import Citation, Claim, Document, SourceType, Status, new_claim_id

_EDITABLE = EDITABLE_FIELDS


class LedgerClaims(LedgerQueries):
    """Adding, ingesting, reviewing and editing claims."""

    def _canonical(self, session: Session, claim: Claim) -> tuple[Claim, ActorRow | None]:
        actor = self._find_actor(session, claim.attributed_to, claim.attributed_surface)
        if actor is None:
            return claim, None
        changes: dict[str, Any] = {"attributed_to": actor.name}
        if claim.source_type is SourceType.other:
            changes["source_type"] = actor.source_type
        return claim.with_changes(**changes), actor

    def _add_claim(self, session: Session, claim: Claim) -> tuple[ClaimRow, bool]:
        claim, actor = self._canonical(session, claim)
        key = claim.identity_key()
        existing: ClaimRow | None = None
        if claim.id:
            existing = session.get(ClaimRow, claim.id)
            if existing is not None and existing.identity_key != key:
                raise ValidationError(
                    f"claim id {claim.id} already exists with different figures, actor or "
                    "period", field="id",
                    hint="drop the id to add it as a new claim, or edit the stored claim",
                )
        if existing is None:
            existing = session.scalar(
                select(ClaimRow).where(ClaimRow.identity_key == key).limit(1)
            )
        if existing is not None:
            self._merge_citations(session, existing, claim.citations)
            return existing, False
        claim_id = claim.id or new_claim_id(claim)
        salt = 0
        while (taken := session.get(ClaimRow, claim_id)) is not None:
            if taken.identity_key == key:
                # A concurrent writer stored this very claim after the lookup above
                # (SQLite reads outside a write transaction): merge, never salt a twin.
                self._merge_citations(session, taken, claim.citations)
                return taken, False
            salt += 1
            claim_id = new_claim_id(claim, salt=str(salt))
        seq = (session.scalar(select(func.max(ClaimRow.seq))) or 0) + 1
        values = row_values(claim)
        values["id"] = claim_id
        row = ClaimRow(**values, seq=seq, identity_key=key, actor_id=actor.id if actor else None)
        session.add(row)
        session.flush()
        self._merge_citations(session, row, claim.citations)
        return row, True

    def _merge_citations(
        self, session: Session, row: ClaimRow, citations: Sequence[Citation]
    ) -> None:
        stored = list(
            session.scalars(select(CitationRow).where(CitationRow.claim_id == row.id))
        )
        for citation in citations:
            document = self._document_row(session, citation.document)
            twin = next((c for c in stored if c.document_id == document.id
                         and _same_place(c, citation)), None)
            if twin is not None:
                # The same passage read again: complete what the stored citation lacks.
                if twin.quote is None and citation.quote is not None:
                    twin.quote = citation.quote
                if twin.span_start is None and citation.span_start is not None:
                    twin.span_start, twin.span_end = citation.span_start, citation.span_end
                continue
            new = CitationRow(
                claim_id=row.id, document_id=document.id, quote=citation.quote,
                span_start=citation.span_start, span_end=citation.span_end,
                reported_via=json.dumps(list(citation.reported_via), ensure_ascii=False),
            )
            stored.append(new)
            session.add(new)
        session.flush()
    def add_claims(
        self, claims: Sequence[Claim], *, status: Status | None = None
    ) -> list[tuple[Claim, bool]]:
        """Add claims in one transaction; return each stored claim and whether it is new.

        ``status`` overrides each claim's status (``ingest`` uses pending).
        A failure part-way leaves the ledger exactly as it was.
        """
        def work(session: Session) -> list[tuple[str, bool]]:
            results: list[tuple[str, bool]] = []
            for n, claim in enumerate(claims):
                if status is not None:
                    claim = claim.with_changes(status=status)
                try:
                    row, new = self._add_claim(session, claim)
                except ValidationError as exc:
                    raise ValidationError(
                        exc.message.split(": ", 1)[-1], record=n + 1, field=exc.field,
                        source=exc.source, hint=exc.hint,
                    ) from None
                results.append((row.id, new))
            return results

        return [(self.get_claim(cid), new) for cid, new in self._write_retrying(work)]

    def ingest(
        self, document: Document, claims: Sequence[Claim], *, text_sha256: str | None = None
    ) -> list[tuple[Claim, bool]]:
        """Store a document and its extracted claims (pending) in one transaction."""
        def work(session: Session) -> list[tuple[str, bool]]:
            ids: list[tuple[str, bool]] = []
            doc_row = self._document_row(session, document)
            if text_sha256 and not doc_row.text_sha256:
                doc_row.text_sha256 = text_sha256
            for claim in claims:
                row, new = self._add_claim(session, claim.with_changes(status=Status.pending)
                                           if claim.status is not Status.pending else claim)
                ids.append((row.id, new))
            return ids

        return [(self.get_claim(cid), new) for cid, new in self._write_retrying(work)]

    def add_claim(self, claim: Claim) -> Claim:
        """Add one claim (or a citation to its twin); return the stored claim."""
        return self.add_claims([claim])[0][0]

    def review(
        self, claim_ids: Sequence[str], status: Status, *, by: str = "cli"
    ) -> list[Claim]:
        """Accept or reject claims (all or none: an unknown id changes nothing)."""
        with self.transaction() as session:
            rows = []
            for cid in claim_ids:
                row = session.get(ClaimRow, cid)
                if row is None:
                    raise NotFoundError(f"no claim with id {cid!r}",
                                        hint="see 'relokant claims list'")
                rows.append(row)
            for row in rows:
                row.status = status.value
                row.reviewed_by = by
                row.reviewed_at = now()
        return [self.get_claim(cid) for cid in claim_ids]

    def update_claim(self, claim_id: str, *, by: str = "cli", **changes: Any) -> Claim:
        """Edit fields of a stored claim after validating the edited record."""
        unknown = sorted(set(changes) - _EDITABLE)
        if unknown:
            raise ValidationError(
                f"field {unknown[0]!r} cannot be edited", field=unknown[0],
                hint=f"editable fields: {', '.join(sorted(_EDITABLE))}",
            )
        current = self.get_claim(claim_id)
        data = current.model_dump()
        data.update(changes)
        if "confidence" not in changes:  # a person set these fields: nothing left to doubt
            data["confidence"] = tuple((n, c) for n, c in current.confidence if n not in changes)
        data["id"] = claim_id
        edited = parse_claim(data, source=f"edit of {claim_id}", record=1)
        with self.transaction() as session:
            row = session.get(ClaimRow, claim_id)
            if row is None:  # pragma: no cover - checked by get_claim above
                raise NotFoundError(f"no claim with id {claim_id!r}")
            edited, actor = self._canonical(session, edited)
            for name, value in row_values(edited, sorted(_EDITABLE | {"confidence"})).items():
                setattr(row, name, value)
            row.actor_id = actor.id if actor else None
            row.identity_key = edited.identity_key()
            row.reviewed_by = by
            row.reviewed_at = now()
        return self.get_claim(claim_id)


def _same_place(stored: CitationRow, new: Citation) -> bool:
    """Whether a new citation points at the passage a stored one does."""
    if stored.span_start is not None and new.span_start is not None:
        return stored.span_start < (new.span_end or 0) and new.span_start < (stored.span_end or 0)
    if stored.quote and new.quote:
        return stored.quote == new.quote
    return stored.span_start is None and new.span_start is None and stored.quote is None \
        and new.quote is None
