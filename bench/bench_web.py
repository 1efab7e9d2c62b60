"""Read latency under load: GET /api/claims and the claim page, 50 concurrent readers.

A ledger of 100,000 generated claims is written straight into the tables (bulk
inserts), once on SQLite and once on PostgreSQL (RELOKANT_BENCH_PG_URL, or the
server that scripts/setup-system.sh starts). The server runs in a subprocess on
127.0.0.1 and the load comes from wrk (installed by scripts/setup-system.sh; a
slower httpx loop when it is missing). The peer is datasette serving the same
SQLite file: its JSON table API and its row page.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator

import httpx
import numpy as np
from sqlalchemy import insert

from relokant.ledger import Ledger
from relokant.ledger.tables import CitationRow, ClaimRow, DocumentRow

MEASURES = ["departures", "returns", "return_share", "stock_abroad"]
WORKERS = int(os.environ.get("RELOKANT_BENCH_WORKERS", "2"))


def populate(url: str, n: int, seed: int = 0) -> None:
    ledger = Ledger.open(url, seed=False)
    ledger.initialise(empty=True)
    rng = random.Random(seed)
    with ledger.engine.begin() as conn:
        conn.execute(insert(DocumentRow), [
            {"id": i + 1, "doc_key": f"doc{i}", "outlet": f"Outlet {i % 50}",
             "title": f"Article {i}", "published": dt.date(2023, 1, 1) + dt.timedelta(i % 600),
             "url": None, "language": "en"} for i in range(2000)])
        batch: list[dict[str, object]] = []
        cites: list[dict[str, object]] = []
        for i in range(n):
            measure = MEASURES[i % 4]
            share = measure == "return_share"
            cid = f"clm_{i:010d}"
            batch.append({
                "id": cid, "seq": i + 1, "identity_key": uuid.uuid4().hex, "measure": measure,
                "unit": "percent" if share else "persons", "bound": "point",
                "value": rng.uniform(5, 60) if share else rng.uniform(1e5, 2e6), "low": None,
                "high": None, "stated_shares": "[]", "population": "Russians",
                "destination": None, "period_start": dt.date(2022, 2, 24),
                "as_of": dt.date(2022, 6, 1) + dt.timedelta(i % 500),
                "attributed_to": f"Actor {i % 300}", "actor_id": None,
                "source_type": "media_estimate", "method": None, "indicator": None,
                "status": "accepted", "reviewed_by": None, "reviewed_at": None, "note": None})
            cites.append({"claim_id": cid, "document_id": i % 2000 + 1,
                          "quote": f"Some {i} people left.", "span_start": 0, "span_end": 20,
                          "reported_via": "[]"})
            if len(batch) == 5000:
                conn.execute(insert(ClaimRow), batch)
                conn.execute(insert(CitationRow), cites)
                batch, cites = [], []
        if batch:
            conn.execute(insert(ClaimRow), batch)
            conn.execute(insert(CitationRow), cites)


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


WRK_SCRIPT = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT %%d %%d %%d %%d %%d\\n", summary.requests,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(99), summary.duration))
end
"""


def _load_wrk(base: str, paths: list[str], readers: int, seconds: float) -> dict[str, float]:
    """50 keep-alive connections from wrk (C, one thread): the generator stays cheap.

    A Python load generator on the same two cores would take much of the CPU that
    the server is being measured on.
    """
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(WRK_SCRIPT % ", ".join(f'"{p}"' for p in paths))
    try:
        out = subprocess.run(
            ["wrk", "-t1", f"-c{readers}", f"-d{seconds:.0f}s", "--timeout", "10s", "-s",
             f.name, base], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(f.name)
    line = next(x for x in out.splitlines() if x.startswith("RESULT"))
    n, errors, p50, p99, duration = (int(v) for v in line.split()[1:])
    return {"requests": n, "errors": errors, "rps": n / (duration / 1e6),
            "p50_ms": p50 / 1000, "p99_ms": p99 / 1000}


async def _load_httpx(base: str, paths: list[str], readers: int, requests: int,
                      limit_s: float) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    queue = list(paths)
    deadline = time.perf_counter() + limit_s

    async def reader(client: httpx.AsyncClient, k: int) -> None:
        nonlocal errors
        i = k
        while i < requests and time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                response = await client.get(queue[i % len(queue)])
                errors += response.status_code != 200
            except httpx.HTTPError:
                errors += 1
            latencies.append(time.perf_counter() - start)
            i += readers

    limits = httpx.Limits(max_connections=readers, max_keepalive_connections=readers)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        started = time.perf_counter()
        await asyncio.gather(*(reader(client, k) for k in range(readers)))
        elapsed = time.perf_counter() - started
    ms = np.array(latencies) * 1000
    return {"requests": len(ms), "errors": errors, "rps": len(ms) / elapsed,
            "p50_ms": float(np.percentile(ms, 50)), "p99_ms": float(np.percentile(ms, 99))}


def _load(base: str, paths: list[str], readers: int, quick: bool) -> dict[str, float]:
    if shutil.which("wrk"):
        return _load_wrk(base, paths, readers, 5 if quick else 20)
    return asyncio.run(_load_httpx(base, paths, readers, 600 if quick else 3000, 120))


@contextlib.contextmanager
def _server(command: list[str], env: dict[str, str], probe: str,
            quiet: bool = False) -> Iterator[str]:
    port = _port()
    server = subprocess.Popen([*command, "--port", str(port)], env=env,
                              start_new_session=True, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL if quiet else None)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + probe, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield base
    finally:
        # the whole process group: worker processes must not outlive the run
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def _readings(label: str, base: str, paths: dict[str, list[str]], quick: bool
              ) -> dict[str, object]:
    result: dict[str, object] = {"backend": label}
    for name, some in paths.items():
        if name != "claim_page_distinct":  # warm-up: connections, caches
            _load(base, some[::-1], 10, quick=True)
        stats = _load(base, some, 50, quick)
        result[name] = stats
        print(f"{label:21s} {name:11s} {stats['rps']:7.0f} req/s  p50 {stats['p50_ms']:6.1f}"
              f" ms  p99 {stats['p99_ms']:6.1f} ms  ({stats['requests']:.0f} requests, "
              f"{stats['errors']:.0f} errors)", flush=True)
    return result


def _paths(n: int, *, datasette: bool) -> dict[str, list[str]]:
    """The same requests for relokant and the peer.

    200 listings (measure, page) and 200 claim pages, repeated as readers of a
    newsroom's ledger repeat them; and claim pages that are each asked for once
    (20,000 distinct claims), where no cache can help.
    """
    rng = random.Random(1)
    pages = [(rng.choice(MEASURES), rng.randrange(0, 20000, 100)) for _ in range(200)]
    claims = [rng.randrange(n) for _ in range(200)]
    distinct = rng.sample(range(n), 20000)
    if datasette:
        # datasette pages by key (_next), not by offset: the page starting at the same row
        return {"api_claims": [f"/bench/claims.json?_shape=array&_size=100&measure={m}"
                               f"&_next=clm_{o * 4:010d}" for m, o in pages],
                "claim_page": [f"/bench/claims/clm_{c:010d}" for c in claims],
                "claim_page_distinct": [f"/bench/claims/clm_{c:010d}" for c in distinct]}
    return {"api_claims": [f"/api/claims?measure={m}&limit=100&offset={o}" for m, o in pages],
            "claim_page": [f"/claims/clm_{c:010d}" for c in claims],
            "claim_page_distinct": [f"/claims/clm_{c:010d}" for c in distinct]}


def measure(url: str, label: str, n: int, quick: bool) -> dict[str, object]:
    command = [sys.executable, "-m", "uvicorn", "--factory", "relokant.web.bench_app:app_factory",
               "--host", "127.0.0.1", "--workers", str(WORKERS), "--log-level", "warning"]
    with _server(command, {**os.environ, "RELOKANT_DB": url}, "/api/claims?limit=1") as base:
        _wait_for_findings(base)
        return _readings(label, base, _paths(n, datasette=False), quick)


def _wait_for_findings(base: str, limit_s: float = 120) -> None:
    """Each worker checks the whole ledger once at start; measure after that.

    Claim pages say ``no-store`` until their worker's findings are ready; twenty
    answers in a row without it mean every worker is done.
    """
    deadline = time.perf_counter() + limit_s
    streak = 0
    with httpx.Client(base_url=base, timeout=10) as client:
        while streak < 20 and time.perf_counter() < deadline:
            page = client.get("/claims/clm_0000000000", headers={"Connection": "close"})
            streak = streak + 1 if "no-store" not in page.headers.get("cache-control", "") else 0
            time.sleep(0.05 if streak else 0.5)


def measure_datasette(path: str, n: int, quick: bool) -> dict[str, object]:
    """The peer: datasette serving the same SQLite file (its JSON API and row pages)."""
    command = [sys.executable, "-m", "datasette", "serve", path, "--host", "127.0.0.1"]
    with _server(command, dict(os.environ), "/bench/claims.json?_size=1", quiet=True) as base:
        return _readings("datasette (sqlite)", base, _paths(n, datasette=True), quick)


def run(quick: bool = False) -> dict[str, object]:
    n = 100_000
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        sqlite_url = f"sqlite:///{tmp}/bench.db"
        start = time.perf_counter()
        populate(sqlite_url, n)
        print(f"generated {n:,} claims on SQLite in {time.perf_counter() - start:.1f} s")
        results.append(measure(sqlite_url, "relokant (sqlite)", n, quick))
        try:
            import datasette  # noqa: F401
            peer: dict[str, object] | None = measure_datasette(f"{tmp}/bench.db", n, quick)
        except ImportError:
            peer = None
            print("datasette: skipped (pip install -e '.[bench]')")
    pg = os.environ.get("RELOKANT_BENCH_PG_URL") or os.environ.get("RELOKANT_TEST_PG_URL")
    if pg:
        import psycopg

        name = "relokant_bench_" + uuid.uuid4().hex[:8]
        admin = pg.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = admin.rsplit("/", 1)[0] + "/" + name
        try:
            start = time.perf_counter()
            populate(url, n)
            # as autovacuum would on a live server: statistics and a visibility map, so
            # that the measured minutes are not the ones right after a bulk load
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute("VACUUM ANALYZE")
            print(f"generated {n:,} claims on PostgreSQL in {time.perf_counter() - start:.1f} s")
            results.append(measure(url, "relokant (postgresql)", n, quick))
        finally:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        print("postgresql: skipped (set RELOKANT_BENCH_PG_URL)")
    worst = max(r[k]["p99_ms"] for r in results for k in ("api_claims", "claim_page"))  # type: ignore[index]
    uncached = max(r["claim_page_distinct"]["p99_ms"] for r in results)  # type: ignore[index]
    return {"benchmark": "web", "claims": n, "readers": 50, "results": results, "peer": peer,
            "load_generator": "wrk" if shutil.which("wrk") else "httpx",
            "p99_ms_worst": worst, "p99_ms_distinct_claims": uncached, "target_p99_ms": 100}

