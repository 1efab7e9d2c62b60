"""Scenario grids x posterior draws, in this process or on a Dask cluster.

Each task is one (scenario, posterior draw) simulation; the calibrated lab is
sent to the workers once and the results come back to be summarised here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from relokant.errors import SimulateError
from relokant.simulate.engine import Trajectory
from relokant.simulate.lab import PolicyLab, ScenarioResult
from relokant.simulate.levers import Scenario


def _task(lab: PolicyLab, scenario: Scenario, index: int) -> Trajectory:
    return lab._run_draw(lab.draws_[index], dict(scenario.levers))


def _client(workers: int, dask_address: str | None) -> Any:
    from distributed import Client, LocalCluster

    if dask_address:
        try:
            return Client(dask_address, timeout="10s")
        except OSError as exc:
            raise SimulateError(f"cannot reach the Dask scheduler at {dask_address!r}: {exc}",
                                hint="start one with 'dask scheduler'") from None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    return Client(cluster)


def sweep(lab: PolicyLab, scenarios: Sequence[Scenario], *, workers: int = 1,
          dask_address: str | None = None) -> list[ScenarioResult]:
    """Every scenario on every calibrated draw; Dask when asked for, else in-process."""
    tasks = [(s, i) for s in scenarios for i in range(len(lab.draws_))]
    if dask_address or workers > 1:
        client = _client(workers, dask_address)
        try:
            shared = client.scatter(lab, broadcast=True)
            futures = [client.submit(_task, shared, s, i, pure=False) for s, i in tasks]
            runs = client.gather(futures)
        finally:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None and not dask_address:
                cluster.close()
    else:
        runs = [_task(lab, s, i) for s, i in tasks]
    n = len(lab.draws_)
    return [ScenarioResult.collect(s, runs[k * n:(k + 1) * n], lab.baseline_, lab.history_,
                                  lab.paths_.month_end)
            for k, s in enumerate(scenarios)]
