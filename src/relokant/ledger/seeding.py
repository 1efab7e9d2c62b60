"""Seeding: the bundled published record loaded into a new ledger."""

from __future__ import annotations

from sqlalchemy import func, select

from relokant.bundle import bundled_actors, bundled_record
from relokant.ledger.claims import LedgerClaims
from relokant.ledger.serialise import parse_claim
from relokant.ledger.session import now
from relokant.ledger.tables import ClaimRow, MetaRow
from relokant.records import Actor, Claim


def load_bundle() -> tuple[list[Actor], list[Claim], str]:
    """Read the bundled published record shipped inside the package."""
    actors = bundled_actors()
    record_raw = bundled_record()
    claims = [
        parse_claim(c, source="relokant/data/record.json", record=n + 1)
        for n, c in enumerate(record_raw["claims"])
    ]
    return actors, claims, str(record_raw.get("bundle_version", "unknown"))



class LedgerSeeding(LedgerClaims):
    """Whether the ledger was initialised, and initialising it with the bundle."""

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
                session.add(MetaRow(key="initialised_at", value=now().isoformat()))
        return added

    def bundle_version(self) -> str | None:
        """Version of the bundled record this ledger was seeded with."""
        with self._sessions() as session:
            return self._meta(session, "bundle_version")
