"""The ledger: one claim, many citations, full provenance, human review.

:class:`Ledger` is the one object front ends and the pipeline hold; its parts
live in modules of one job each: the session and transactions
(:mod:`~relokant.ledger.session`), actors, documents, reading claims through a
:class:`~relokant.ledger.queries.ClaimFilter`, writing and reviewing claims,
and seeding with the bundled record. Rows and records meet in one mapping
(:mod:`~relokant.ledger.mapping`).
"""

from __future__ import annotations

from relokant.ledger import database
from relokant.ledger.seeding import LedgerSeeding, load_bundle


class Ledger(LedgerSeeding):
    """A ledger database (SQLite or PostgreSQL) of claims, citations and actors.

    Parameters
    ----------
    engine
        A SQLAlchemy engine whose schema is at the newest revision; use
        :meth:`open` to get one from a URL.
    """

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



__all__ = ["Ledger", "load_bundle"]
