"""The consistency findings of the whole ledger, by claim, kept off the request path.

Checking a large ledger takes seconds (100,000 claims: about 5 s to read and
1.5 s to check, with 40,000 findings), so it runs in a background thread when
the app starts and whenever the ledger has changed; a claim page looks its
findings up by id instead of scanning them all.
"""

from __future__ import annotations

import gc
import threading
from collections import defaultdict
from typing import Any

from relokant.consistency import check_claims
from relokant.ledger import Ledger


class FindingsIndex:
    """Latest finished findings of a ledger, indexed by claim id."""

    def __init__(self, store: Ledger) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._ready: tuple[str, dict[str, list[Any]]] | None = None

    def refresh(self, revision: str | None = None) -> None:
        """Start recomputing in the background if the ledger changed (never waits)."""
        revision = revision or self.store.fingerprint()
        ready = self._ready
        if (ready is None or ready[0] != revision) and self._lock.acquire(blocking=False):
            threading.Thread(target=self._compute, args=(revision,), daemon=True).start()

    def _compute(self, revision: str) -> None:
        try:
            by_claim: dict[str, list[Any]] = defaultdict(list)
            for finding in check_claims(self.store.list_claims()):
                for claim_id in finding.claims:
                    by_claim[claim_id].append(finding)
            self._ready = (revision, dict(by_claim))
            # the index is long-lived: keep the cyclic garbage collector from walking it
            # (and the rest of the settled heap) on every full collection
            gc.freeze()
        finally:
            self._lock.release()

    def lookup(self, claim_id: str, revision: str | None = None) -> tuple[list[Any] | None, bool]:
        """Findings that involve ``claim_id``, and whether they are of ``revision``.

        The findings are None while the first check is running; afterwards they
        are those of the latest finished check, which may be of an older revision
        (then pages built from them must not be cached).
        """
        revision = revision or self.store.fingerprint()
        self.refresh(revision)
        ready = self._ready
        if ready is None:
            return None, False
        return list(ready[1].get(claim_id, [])), ready[0] == revision
