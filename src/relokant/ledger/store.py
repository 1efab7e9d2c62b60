"""The ledger: one claim, many citations, full provenance, human review.

Every write is one transaction: an import either lands whole or not at all.
A claim that matches one already stored (same actor, measure, figures and
period) becomes another citation of it instead of a duplicate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Connection, Engine, func, or_, select
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from relokant.bundle import bundled_actors, bundled_record
from relokant.errors import LedgerError, NotFoundError, ValidationError
from relokant.extract.resolver import ActorResolver
from relokant.ledger import database
from relokant.ledger.likes import ESCAPE, contains_pattern
from relokant.ledger.mapping import EDITABLE_FIELDS, row_values
from relokant.ledger.reading import RevisionReader, claim_rows, read_claim, read_claims
from relokant.ledger.serialise import parse_claim
from relokant.ledger.tables import (
    ActorRow,
    AliasRow,
    CitationRow,
    ClaimRow,
    DocumentRow,
    MetaRow,
)
from relokant.records import (
    Actor,
    ActorKind,
    Citation,
    Claim,
    Document,
    Measure,
    SourceType,
    Status,
    new_claim_id,
    normalise_name,
)

T = TypeVar("T")
log = logging.getLogger(__name__)

_EDITABLE = EDITABLE_FIELDS


def _doc_key(document: Document) -> str:
    basis = "|".join(
        [document.outlet.strip().lower(), document.published.isoformat(),
         (document.url or document.title or "").strip().lower()]
    )
    return hashlib.sha1(basis.encode()).hexdigest()


def load_bundle() -> tuple[list[Actor], list[Claim], str]:
    """Read the bundled published record shipped inside the package."""
    actors = bundled_actors()
    record_raw = bundled_record()
    claims = [
        parse_claim(c, source="relokant/data/record.json", record=n + 1)
        for n, c in enumerate(record_raw["claims"])
    ]
    return actors, claims, str(record_raw.get("bundle_version", "unknown"))


class Ledger:
    """A ledger database (SQLite or PostgreSQL) of claims, citations and actors.

    Parameters
    ----------
    engine
        A SQLAlchemy engine whose schema is at the newest revision; use
        :meth:`open` to get one from a URL.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._revision = RevisionReader(engine)
        self._actor_cache: tuple[tuple[Any, ...], ActorResolver] | None = None

    # -- opening -----------------------------------------------------------
    @classmethod
    def open(cls, url: str | None = None, *, seed: bool = True) -> Ledger:
        """Open (creating and migrating if needed) the ledger at ``url``.

        A ledger that was never initialised is filled with the bundled
        record when ``seed`` is true; ``relokant init --empty`` passes false.
        """
        ledger = cls(database.make_engine(url))
        database.upgrade(ledger.engine)
        if seed and not ledger.is_initialised():
            ledger.initialise(empty=False)
        return ledger

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any error.

        Every write bumps the ledger's revision, so caches (the web app's
        consistency findings) know when to recompute.
        """
        session = self._sessions()
        try:
            with session.begin():
                yield session
                row = session.get(MetaRow, "revision")
                if row is None:
                    session.add(MetaRow(key="revision", value="1"))
                else:
                    row.value = str(int(row.value) + 1)
        except IntegrityError as exc:
            raise LedgerError(
                f"the ledger refused the write: {exc.orig}",
                hint="nothing was stored; check for duplicate ids",
            ) from exc
        except SQLAlchemyError as exc:
            raise LedgerError(f"database error: {exc}", hint="nothing was stored") from exc
        finally:
            session.close()

    def _write_retrying(self, work: Callable[[Session], T], *, attempts: int = 5) -> T:
        """Run ``work`` in one transaction, again if a concurrent writer got there first.

        Two imports of the same claims at once both find a claim absent and both insert
        it; the second commit then breaks a unique key. Its whole transaction is rolled
        back, so running it again is safe, and the second run finds the first writer's
        rows and merges into them: each claim ends up stored once.
        """
        for attempt in range(attempts):
            try:
                with self.transaction() as session:
                    return work(session)
            except LedgerError as exc:
                conflict = isinstance(exc.__cause__, IntegrityError | OperationalError)
                if not conflict or attempt == attempts - 1:
                    raise
                log.info("concurrent write conflict (%s); retrying", exc.__cause__)
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")  # pragma: no cover

    def _reading(self) -> Connection:
        """A connection for reads.

        On PostgreSQL it runs in autocommit mode: a read then needs no ROLLBACK
        when it goes back to the pool, which halved the time of one claim's read
        (1.7 to 0.9 ms on loopback). SQLite reads cost no round trip either way,
        and an in-memory ledger shares one connection that must keep its mode.
        """
        conn = self.engine.connect()
        if self.engine.dialect.name != "sqlite":
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        return conn

    def _meta(self, session: Session, key: str) -> str | None:
        row = session.get(MetaRow, key)
        return row.value if row else None

    def is_initialised(self) -> bool:
        """Whether ``init`` has run (with or without the bundle)."""
        with self._sessions() as session:
            return self._meta(session, "initialised_at") is not None

    def initialise(self, *, empty: bool = False) -> int:
        """Mark the ledger initialised and, unless ``empty``, load the bundle.

        Returns the number of claims added. Running it again is harmless:
        bundled claims already present only gain missing citations.
        """
        actors, claims, version = load_bundle()
        added = 0
        with self.transaction() as session:
            for actor in actors:
                self._upsert_actor(session, actor)
            if not empty:
                before = session.scalar(select(func.count()).select_from(ClaimRow)) or 0
                for claim in claims:
                    self._add_claim(session, claim)
                session.flush()
                after = session.scalar(select(func.count()).select_from(ClaimRow)) or 0
                added = after - before
                session.merge(MetaRow(key="bundle_version", value=version))
            if session.get(MetaRow, "initialised_at") is None:
                session.add(MetaRow(key="initialised_at", value=_now().isoformat()))
        return added

    # -- actors ------------------------------------------------------------
    def _upsert_actor(self, session: Session, actor: Actor) -> ActorRow:
        row = session.scalar(select(ActorRow).where(ActorRow.name == actor.name))
        if row is None:
            row = ActorRow(
                name=actor.name, kind=actor.kind.value, source_type=actor.source_type.value,
                affiliation=actor.affiliation,
            )
            session.add(row)
            session.flush()
        for alias in (actor.name, *actor.aliases):
            norm = normalise_name(alias)
            if not norm or session.scalar(select(AliasRow).where(AliasRow.alias_norm == norm)):
                continue
            session.add(AliasRow(actor_id=row.id, alias=alias, alias_norm=norm))
            session.flush()
        return row

    def add_actors(self, actors: Iterable[Actor]) -> None:
        """Add actors and their aliases (existing names gain new aliases)."""
        with self.transaction() as session:
            for actor in actors:
                self._upsert_actor(session, actor)

    def actors(self) -> list[Actor]:
        """Every actor with its aliases, by name."""
        with self._sessions() as session:
            rows = session.scalars(
                select(ActorRow).options(selectinload(ActorRow.aliases)).order_by(ActorRow.name)
            ).all()
            return [_actor(row) for row in rows]

    def _resolver(self, session: Session) -> ActorResolver:
        """The extractor's resolver over this ledger's actors, rebuilt when actors change."""
        key = tuple(session.execute(select(func.count(ActorRow.id), func.max(ActorRow.id))
                                    ).one())
        if self._actor_cache is None or self._actor_cache[0] != key:
            rows = session.scalars(select(ActorRow).options(selectinload(ActorRow.aliases))).all()
            self._actor_cache = (key, ActorResolver([_actor(r) for r in rows]))
        return self._actor_cache[1]

    def _find_actor(self, session: Session, *names: str | None) -> ActorRow | None:
        """The stored actor the first resolvable name refers to (canonical name, then surface)."""
        resolver = self._resolver(session)
        for name in names:
            if not name:
                continue
            found = resolver.resolve(name).actor
            if found is not None:
                return session.scalar(select(ActorRow).where(ActorRow.name == found.name))
        return None

    def resolve_actor(self, name: str | None) -> Actor | None:
        """Return the actor that ``name`` (or one of its aliases) names."""
        with self._sessions() as session:
            row = self._find_actor(session, name)
            return _actor(row) if row else None

    # -- claims: writing ---------------------------------------------------
    def _document_row(self, session: Session, document: Document) -> DocumentRow:
        key = _doc_key(document)
        row = session.scalar(select(DocumentRow).where(DocumentRow.doc_key == key))
        if row is None:
            row = DocumentRow(
                doc_key=key, outlet=document.outlet, title=document.title,
                published=document.published, url=document.url, language=document.language,
            )
            session.add(row)
            session.flush()
        return row

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
        while session.get(ClaimRow, claim_id) is not None:
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
                row.reviewed_at = _now()
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
        data["id"] = claim_id
        edited = parse_claim(data, source=f"edit of {claim_id}", record=1)
        with self.transaction() as session:
            row = session.get(ClaimRow, claim_id)
            if row is None:  # pragma: no cover - checked by get_claim above
                raise NotFoundError(f"no claim with id {claim_id!r}")
            edited, actor = self._canonical(session, edited)
            for name, value in row_values(edited, sorted(_EDITABLE)).items():
                setattr(row, name, value)
            row.actor_id = actor.id if actor else None
            row.identity_key = edited.identity_key()
            row.reviewed_by = by
            row.reviewed_at = _now()
        return self.get_claim(claim_id)

    # -- claims: reading ---------------------------------------------------
    def _query(
        self,
        *,
        measure: str | None = None,
        actor: str | None = None,
        status: str | None = None,
        source_type: str | None = None,
        search: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> Any:
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
        self, *, limit: int | None = None, offset: int = 0, **filters: Any
    ) -> list[Claim]:
        """Claims matching the filters, in the order they were recorded."""
        try:
            stmt = self._query(**filters).order_by(ClaimRow.seq).offset(offset)
        except ValueError as exc:
            raise ValidationError(str(exc), hint="filter by a known measure, status or "
                                  "source type") from None
        if limit is not None:
            stmt = stmt.limit(limit)
        with self._reading() as conn:
            return read_claims(conn, stmt)

    def count_claims(self, **filters: Any) -> int:
        """How many claims match the filters."""
        try:
            stmt = self._query(**filters)
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
            return [(_document(row), int(n)) for row, n in session.execute(stmt).all()]

    def count_documents(self) -> int:
        """How many documents the ledger cites."""
        with self._reading() as conn:
            return int(conn.scalar(select(func.count()).select_from(DocumentRow)) or 0)

    def fingerprint(self) -> str:
        """The ledger's revision: it changes with every committed write (one row read)."""
        return self._revision()

    def snapshot_hash(self) -> str:
        """A digest of the accepted claims: stamped into every estimate."""
        claims = self.list_claims(status=Status.accepted.value)
        payload = json.dumps([c.model_dump(mode="json") for c in claims], sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    def bundle_version(self) -> str | None:
        """Version of the bundled record this ledger was seeded with."""
        with self._sessions() as session:
            return self._meta(session, "bundle_version")


def _same_place(stored: CitationRow, new: Citation) -> bool:
    """Whether a new citation points at the passage a stored one does."""
    if stored.span_start is not None and new.span_start is not None:
        return stored.span_start < (new.span_end or 0) and new.span_start < (stored.span_end or 0)
    if stored.quote and new.quote:
        return stored.quote == new.quote
    return stored.span_start is None and new.span_start is None and stored.quote is None \
        and new.quote is None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _actor(row: ActorRow) -> Actor:
    return Actor(
        name=row.name, kind=ActorKind(row.kind), source_type=SourceType(row.source_type),
        aliases=tuple(a.alias for a in row.aliases if a.alias != row.name),
        affiliation=row.affiliation,
    )


def _document(row: DocumentRow) -> Document:
    return Document.model_construct(
        outlet=row.outlet, title=row.title, published=row.published, url=row.url,
        language=row.language,
    )
