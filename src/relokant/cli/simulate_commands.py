"""The simulate command: policy scenarios calibrated to the estimate."""

from __future__ import annotations

import json
import pathlib
import sys
from typing import Annotated, Any

import typer
from rich.table import Table

from relokant.cli.common import app, err, fit_ledger, plain, show_table, state_of
from relokant.report.figures import format_change, format_estimate
from relokant.report.labels import human, long_date


@app.command()
def simulate(
    ctx: typer.Context,
    scenario: Annotated[list[str] | None, typer.Option(
        "--scenario", help="Built-in name (baseline, incentives, remote_work_tax, "
        "entry_restrictions, mobilization) or a TOML file; repeat for several.")] = None,
    months: Annotated[int, typer.Option(min=1, max=240, help="Months to project.")] = 24,
    agents: Annotated[int, typer.Option(min=1000, help="Agents per draw.")] = 100_000,
    draws: Annotated[int, typer.Option(min=1, help="Posterior draws to simulate.")] = 20,
    seed: Annotated[int, typer.Option()] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    posterior: Annotated[pathlib.Path | None, typer.Option(
        help="A posterior saved by 'relokant estimate --save' (else the ledger is fitted).")]
    = None,
    workers: Annotated[int, typer.Option(min=1, help="Local Dask workers for the sweep.")] = 1,
    dask: Annotated[str | None, typer.Option(help="Dask scheduler address.")] = None,
) -> None:
    """Project returns under policy scenarios, calibrated to the estimate."""
    from relokant.pipeline import run_scenarios
    from relokant.simulate import load_scenario

    scenarios = [load_scenario(s) for s in scenario or ["baseline"]]  # fail fast
    if posterior is not None:
        import arviz as az

        if not posterior.exists():
            raise typer.BadParameter(f"no such file: {posterior}", param_hint="--posterior")
        source: Any = az.from_netcdf(str(posterior))  # type: ignore[no-untyped-call]
    else:
        source = fit_ledger(state_of(ctx).ledger(), chains=4, seed=seed)
    with err.status("calibrating the microsimulation to the estimate and simulating"):
        results = run_scenarios(source, scenarios, agents=agents, months=months, draws=draws,
                                seed=seed, workers=workers, dask_address=dask)
    if as_json:
        docs = [r.to_dict() for r in results]
        sys.stdout.write(json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False,
                                    indent=1) + "\n")
        return
    for r in results:
        ends = long_date(r.frame["date"].max())
        table = Table(title=f"Scenario {human(r.scenario.name)}: on {ends}, when the "
                      "projection ends (median and 90% interval; difference to baseline)")
        for name in ("figure", "median (90% interval)", "vs baseline"):
            table.add_column(name)
        for figure in ("returns", "abroad", "remote_workers_paying_russian_tax",
                       "tax_revenue_rub"):
            f = r.final(figure)
            vs = "— (the baseline)" if r.scenario.name == "baseline" else format_change(
                f["diff_median"], f["diff_q05"], f["diff_q95"])
            table.add_row(plain(human(figure)), format_estimate(f["median"], f["q05"], f["q95"]),
                          vs)
        show_table(table)
