"""Concurrent identical imports end with each claim once, and no raw SQL error (#11.10)."""

from __future__ import annotations

import threading

from relokant.ledger import Ledger
from relokant.records import Claim


def _claims() -> list[Claim]:
    return [Claim.model_validate({
        "measure": "departures", "unit": "persons", "bound": "point", "value": 1000 + n,
        "as_of": "2023-01-31", "attributed_to": f"Concurrent Source {n}",
        "citations": [{"document": {"outlet": "Same Daily", "published": "2023-02-01"}}]})
        for n in range(15)]


def test_identical_imports_at_once_store_each_claim_once(db_url: str) -> None:
    Ledger.open(db_url, seed=False).initialise(empty=True)
    writers = 4
    barrier = threading.Barrier(writers)
    errors: list[BaseException] = []

    def write() -> None:
        ledger = Ledger.open(db_url, seed=False)
        barrier.wait()
        try:
            ledger.add_claims(_claims())
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    stored = Ledger.open(db_url, seed=False).list_claims()
    assert len(stored) == 15
    assert len({c.id for c in stored}) == 15
    assert all(len(c.citations) == 1 for c in stored)
