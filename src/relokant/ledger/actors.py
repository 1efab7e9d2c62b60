"""The ledger's actors: who makes claims, their aliases, and resolving a name to one."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from relokant.extract.resolver import ActorResolver
from relokant.ledger.session import LedgerSession
from relokant.ledger.tables import ActorRow, AliasRow
from relokant.records import Actor, ActorKind, SourceType, normalise_name


def actor_record(row: ActorRow) -> Actor:
    """The record of a stored actor."""
    return Actor(
        name=row.name, kind=ActorKind(row.kind), source_type=SourceType(row.source_type),
        aliases=tuple(a.alias for a in row.aliases if a.alias != row.name),
        affiliation=row.affiliation,
    )


class LedgerActors(LedgerSession):
    """Storing actors and resolving names against them (the extractor's resolver)."""

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
            return [actor_record(row) for row in rows]

    def _resolver(self, session: Session) -> ActorResolver:
        """The extractor's resolver over this ledger's actors, rebuilt when actors change."""
        key = tuple(session.execute(select(func.count(ActorRow.id), func.max(ActorRow.id))
                                    ).one())
        if self._actor_cache is None or self._actor_cache[0] != key:
            rows = session.scalars(select(ActorRow).options(selectinload(ActorRow.aliases))).all()
            self._actor_cache = (key, ActorResolver([actor_record(r) for r in rows]))
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
            return actor_record(row) if row else None
