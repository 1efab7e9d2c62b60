"""A Dask client for fitting many worlds: local worker processes, or a given scheduler.

Each worker is its own process with its own JAX: one thread each, so that the
workers' fits do not fight over the cores.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from relokant.errors import EstimateError


@contextlib.contextmanager
def client_for(workers: int, dask_address: str | None) -> Iterator[Any]:
    """A connected client; a local cluster it started is closed afterwards."""
    from distributed import Client, LocalCluster

    if dask_address:
        try:
            client = Client(dask_address, timeout="10s")
        except OSError as exc:
            raise EstimateError(f"cannot reach the Dask scheduler at {dask_address!r}: {exc}",
                                hint="start one with 'dask scheduler'",
                                option="dask") from None
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()
