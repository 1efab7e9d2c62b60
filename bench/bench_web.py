"""Read latency under load: GET /api/claims and the claim page, 50 concurrent readers.

A ledger of 100,000 generated claims is written straight into the tables (bulk
inserts), once on SQLite and once on PostgreSQL (RELOKANT_BENCH_PG_URL, or the
server that scripts/setup-system.sh starts). The server runs in a subprocess on
127.0.0.1; the readers' loop is bounded in count and time.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid

import httpx
import numpy as np
from sqlalchemy import insert

from relokant.ledger import Ledger
from relokant.ledger.tables import CitationRow, ClaimRow, DocumentRow

MEASURES = ["departures", "returns", "return_share", "stock_abroad"]


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


async def _load(base: str, paths: list[str], readers: int, requests: int,
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


def measure(url: str, label: str, n: int, quick: bool) -> dict[str, object]:
    port = _port()
    env = {**os.environ, "RELOKANT_DB": url}
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "relokant.web.bench_app:app_factory",
         "--host", "127.0.0.1", "--port", str(port), "--workers", "2", "--log-level",
         "warning"], env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(f"{base}/api/claims?limit=1", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        rng = random.Random(1)
        list_paths = [f"/api/claims?measure={rng.choice(MEASURES)}&limit=100&offset="
                      f"{rng.randrange(0, 20000, 100)}" for _ in range(200)]
        page_paths = [f"/claims/clm_{rng.randrange(n):010d}" for _ in range(200)]
        requests = 600 if quick else 3000
        result: dict[str, object] = {"backend": label}
        for name, paths in (("api_claims", list_paths), ("claim_page", page_paths)):
            asyncio.run(_load(base, paths, 10, 50, 30))  # warm-up
            stats = asyncio.run(_load(base, paths, 50, requests, 120))
            result[name] = stats
            print(f"{label:10s} {name:11s} {stats['rps']:7.0f} req/s  p50 {stats['p50_ms']:6.1f}"
                  f" ms  p99 {stats['p99_ms']:6.1f} ms  ({stats['requests']:.0f} requests, "
                  f"{stats['errors']:.0f} errors)", flush=True)
        return result
    finally:
        # the whole process group: uvicorn's worker processes must not outlive the run
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def run(quick: bool = False) -> dict[str, object]:
    n = 100_000
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        sqlite_url = f"sqlite:///{tmp}/bench.db"
        start = time.perf_counter()
        populate(sqlite_url, n)
        print(f"generated {n:,} claims on SQLite in {time.perf_counter() - start:.1f} s")
        results.append(measure(sqlite_url, "sqlite", n, quick))
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
            print(f"generated {n:,} claims on PostgreSQL in {time.perf_counter() - start:.1f} s")
            results.append(measure(url, "postgresql", n, quick))
        finally:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        print("postgresql: skipped (set RELOKANT_BENCH_PG_URL)")
    worst = max(r[k]["p99_ms"] for r in results for k in ("api_claims", "claim_page"))  # type: ignore[index]
    return {"benchmark": "web", "claims": n, "readers": 50, "results": results,
            "p99_ms_worst": worst, "target_p99_ms": 100}

