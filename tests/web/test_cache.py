"""The read cache: fast repeated reads that are never stale and never personal."""

from __future__ import annotations

import pathlib
import time
from typing import Any

from fastapi.testclient import TestClient

from relokant.consistency import check_claims
from relokant.ledger import Ledger
from relokant.ledger.serialise import parse_claim
from relokant.records import Claim
from relokant.web import create_app
from relokant.web.findings import FindingsIndex

TOKEN = "test-token-0123456789abcdef"
CLAIM = {"measure": "departures", "unit": "persons", "bound": "about", "value": 750000,
         "as_of": "2023-06-30", "attributed_to": "Test Demographer",
         "citations": [{"document": {"outlet": "Test Daily", "published": "2023-07-01"}}]}


def test_repeated_reads_skip_the_database_until_any_write(tmp_path: pathlib.Path) -> None:
    url = f"sqlite:///{tmp_path}/ledger.db"
    ledger = Ledger.open(url)
    reads: list[Any] = []
    listing = ledger.list_claims

    def counted(*args: Any, **kwargs: Any) -> list[Claim]:
        if kwargs.get("limit") is not None:  # listings, not the background findings check
            reads.append(kwargs)
        return listing(*args, **kwargs)

    ledger.list_claims = counted  # type: ignore[method-assign]
    client = TestClient(create_app(ledger=ledger, token=TOKEN))
    first = client.get("/api/claims", params={"limit": 3})
    again = client.get("/api/claims", params={"limit": 3})
    assert again.json() == first.json()
    assert again.headers["X-Total-Count"] == first.headers["X-Total-Count"]
    assert len(reads) == 1
    # a write from elsewhere (another process, the CLI) bumps the revision
    Ledger.open(url).add_claims([parse_claim(CLAIM, source="test", record=1)])
    after = client.get("/api/claims", params={"limit": 3})
    assert int(after.headers["X-Total-Count"]) == int(first.headers["X-Total-Count"]) + 1
    assert len(reads) == 2


def test_signed_in_pages_are_never_served_to_others() -> None:
    client = TestClient(create_app(ledger=Ledger.open("sqlite://"), token=TOKEN))
    assert "Sign in to edit" in client.get("/").text
    other = TestClient(client.app)
    assert other.post("/login", data={"token": TOKEN}, follow_redirects=False).status_code == 303
    assert "Sign out" in other.get("/").text
    assert "Sign out" not in client.get("/").text


def test_findings_are_indexed_by_claim_and_follow_writes() -> None:
    ledger = Ledger.open("sqlite://")
    index = FindingsIndex(ledger)
    for _ in range(200):
        found, current = index.lookup("clm_not_flagged")
        if current:
            break
        time.sleep(0.05)
    assert current and found == []
    flagged = {cid for f in check_claims(ledger.list_claims()) for cid in f.claims}
    assert flagged, "the bundled record has the Izvestia arithmetic finding"
    some = next(iter(flagged))
    assert index.lookup(some)[0]
    ledger.add_claims([parse_claim(CLAIM, source="test", record=1)])
    index._lock.acquire()  # hold back the re-check, as if it were still running
    found, current = index.lookup(some)
    index._lock.release()
    assert found and not current  # the last check's answer, marked as of an older revision


def test_cache_stays_within_its_byte_budget() -> None:
    from relokant.web.cache import ReadCache

    served: list[str] = []

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        served.append(scope["path"])
        size = int(scope["path"].strip("/"))
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"x" * size})

    cache = ReadCache(app, version=lambda: "1", cacheable=lambda scope: True, max_bytes=16000)
    client = TestClient(cache)
    for path in ("/3000", "/3500", "/4000", "/2500"):
        assert len(client.get(path).content) == int(path[1:])
    assert cache.bytes == 13000
    client.get("/3000")  # a hit: nothing served, /3000 becomes the most recent
    client.get("/3600")  # over budget: the least recently used answer (/3500) goes
    assert cache.bytes == 13000 + 3600 - 3500
    client.get("/3500")
    client.get("/3000")
    assert served.count("/3500") == 2 and served.count("/3000") == 1
    client.get("/4001")
    client.get("/4001")  # larger than a quarter of the budget: never stored
    assert served.count("/4001") == 2
    assert cache.bytes <= 16000
