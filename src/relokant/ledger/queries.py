"""Reading claims: one filter record, the query it builds, counts and the snapshot."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select

from relokant.errors import NotFoundError, ValidationError
from relokant.ledger.documents import LedgerDocuments
from relokant.ledger.likes import ESCAPE, contains_pattern
from relokant.ledger.reading import claim_rows, read_claim, read_claims
from relokant.ledger.tables import CitationRow, ClaimRow
from relokant.records import Claim, Measure, SourceType, Status


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims a listing shows: every front end's filters, as one record.

    Empty fields do not filter. ``actor`` matches the resolved actor or any
    attribution containing it; ``search`` looks in attributions, populations,
    methods, notes and quotes; ``since``/``until`` bound the ``as_of`` date.
    """

    measure: str | None = None
    actor: str | None = None
    status: str | None = None
    source_type: str | None = None
    search: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    def fields(self) -> dict[str, Any]:
        """The filter as keyword arguments (empty ones included)."""
        return dataclasses.asdict(self)

    def key(self) -> str:
        """A stable text of the filter, for caches keyed on it."""
        return repr(sorted(self.fields().items()))


def _filter(where: ClaimFilter | None, filters: dict[str, Any]) -> ClaimFilter:
    if where is not None and filters:
        raise TypeError("pass a ClaimFilter or keyword filters, not both")
    return where or ClaimFilter(**filters)


class LedgerQueries(LedgerDocuments):
    """Listing, counting and fetching claims; the accepted claims' snapshot digest."""

    def _query(self, where: ClaimFilter) -> Any:
        measure, actor, status = where.measure, where.actor, where.status
        source_type, search, since, until = (where.source_type, where.search, where.since,
                                             where.until)
        stmt = claim_rows()
        if measure:
            stmt = stmt.where(ClaimRow.measure == Measure(measure).value)
        if status:
            stmt = stmt.where(ClaimRow.status == Status(status).value)
        if source_type:
            stmt = stmt.where(ClaimRow.source_type == SourceType(source_type).value)
        if actor:
            pattern = contains_pattern(actor, field="actor")  # refuses NUL before any query
            with self._sessions() as session:
                found = self._find_actor(session, actor)
            conditions: list[ColumnElement[bool]] = [
                func.lower(ClaimRow.attributed_to).like(pattern, escape=ESCAPE)]
            if found is not None:
                conditions.append(ClaimRow.actor_id == found.id)
            stmt = stmt.where(or_(*conditions))
        if search:
            pattern = contains_pattern(search, field="q")
            quoted = select(CitationRow.claim_id).where(
                func.lower(CitationRow.quote).like(pattern, escape=ESCAPE))
            stmt = stmt.where(
                or_(
                    func.lower(ClaimRow.attributed_to).like(pattern, escape=ESCAPE),
                    func.lower(ClaimRow.population).like(pattern, escape=ESCAPE),
                    func.lower(ClaimRow.method).like(pattern, escape=ESCAPE),
                    func.lower(ClaimRow.note).like(pattern, escape=ESCAPE),
                    ClaimRow.id.in_(quoted),
                )
            )
        if since:
            stmt = stmt.where(ClaimRow.as_of >= since)
        if until:
            stmt = stmt.where(ClaimRow.as_of <= until)
        return stmt


    def list_claims(
        self, where: ClaimFilter | None = None, *, limit: int | None = None, offset: int = 0,
        **filters: Any,
    ) -> list[Claim]:
        """Claims matching the filter, in the order they were recorded."""
        try:
            stmt = self._query(_filter(where, filters)).order_by(ClaimRow.seq).offset(offset)
        except ValueError as exc:
            raise ValidationError(str(exc), hint="filter by a known measure, status or "
                                  "source type") from None
        if limit is not None:
            stmt = stmt.limit(limit)
        with self._reading() as conn:
            return read_claims(conn, stmt)

    def count_claims(self, where: ClaimFilter | None = None, **filters: Any) -> int:
        """How many claims match the filter."""
        try:
            stmt = self._query(_filter(where, filters))
        except ValueError as exc:
            raise ValidationError(str(exc)) from None
        with self._reading() as conn:
            return int(conn.scalar(select(func.count()).select_from(stmt.subquery())) or 0)

    def get_claim(self, claim_id: str) -> Claim:
        """One claim with its citations."""
        with self._reading() as conn:
            found = read_claim(conn, claim_id)
        if found is None:
            raise NotFoundError(
                f"no claim with id {claim_id!r}", hint="see 'relokant claims list'"
            )
        return found

    def snapshot_hash(self) -> str:
        """A digest of the accepted claims: stamped into every estimate."""
        claims = self.list_claims(status=Status.accepted.value)
        payload = json.dumps([c.model_dump(mode="json") for c in claims], sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()[:16]
