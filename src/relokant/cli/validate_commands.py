"""Commands that prove the estimate: predict, backtest, calibrate."""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import sys
from typing import Annotated, Any

import typer
from rich.table import Table

from relokant.cli.common import app, err, out, plain, show_table, state_of
from relokant.records import Measure, SourceType

_SPARK = " ▁▂▃▄▅▆▇█"


def _emit(document: Any) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=1) + "\n")


def _figure(median: float, low: float, high: float, share: bool) -> str:
    from relokant.report.figures import format_estimate

    return format_estimate(median, low, high, share=share)


@app.command()
def predict(
    ctx: typer.Context,
    measure: Annotated[Measure, typer.Option(help="What the figure counts.")],
    as_of: Annotated[dt.datetime, typer.Option("--as-of", formats=["%Y-%m-%d"],
                                               help="The date the figure refers to.")],
    source_type: Annotated[SourceType, typer.Option("--source-type",
                                                    help="Who would publish it.")]
    = SourceType.independent_research,
    period_start: Annotated[dt.datetime | None, typer.Option(
        "--period-start", formats=["%Y-%m-%d"],
        help="Start of the period counted (default: the event's start).")] = None,
    destination: Annotated[str | None, typer.Option(
        help="One destination (ISO code): predicts a host-country statistic, with the "
             "destination model.")] = None,
    indicator: Annotated[str | None, typer.Option(
        help="With --destination: the host statistic (default: settled_estimate for "
             "stock_abroad, immigrants_183_days for departures, emigrants_183_days for "
             "returns).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    draws: Annotated[int, typer.Option(min=10)] = 1000,
    chains: Annotated[int, typer.Option(min=1)] = 4,
    seed: Annotated[int, typer.Option()] = 0,
) -> None:
    """Predict a figure before it is published: what a source of that type would report."""
    from relokant.pipeline.validation import predict as predict_figure

    with err.status("fitting the estimate"):
        result = predict_figure(
            state_of(ctx).ledger(), measure=measure, as_of=as_of.date(),
            source_type=source_type,
            period_start=period_start.date() if period_start else None,
            destination=destination.upper() if destination else None, indicator=indicator,
            draws=draws, warmup=draws, chains=chains, seed=seed)
    doc = result.to_dict()
    if as_json:
        _emit(doc)
        return
    share = measure is Measure.return_share
    rep: dict[str, float] = doc["reported"]  # type: ignore[assignment]
    truth: dict[str, float] = doc["truth"]  # type: ignore[assignment]
    who = (f"in {doc['destination']} by its {doc['indicator']} statistic" if doc["destination"]
           else f"reported by {source_type.value}")
    table = Table(title=f"Predicted {measure.value} as of {doc['as_of']} (since "
                  f"{doc['period_start']}), {who}")
    for name in ("", "median (90% interval)", "50% interval"):
        table.add_column(name)
    table.add_row("what the source would report", _figure(rep["median"], rep["q05"],
                                                          rep["q95"], share),
                  _figure(rep["median"], rep["q25"], rep["q75"], share).split("(")[-1]
                  .rstrip(")"))
    table.add_row("the quantity itself (model)", _figure(truth["median"], truth["q05"],
                                                         truth["q95"], share), "")
    show_table(table)
    if doc["projected"]:
        out.print("The date lies past the latest claim: this is the model's projection.",
                  markup=False, highlight=False)


def _rate(value: float | None) -> str:
    return "—" if value is None or value != value else f"{100 * value:.0f}%"


def _num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None or value != value else f"{value:.{digits}f}"


@app.command()
def backtest(
    ctx: typer.Context,
    cutoff: Annotated[list[dt.datetime], typer.Option(
        "--cutoff", formats=["%Y-%m-%d"], help="Fit on claims published by this date; "
        "repeat for several.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    draws: Annotated[int, typer.Option(min=10)] = 1000,
    chains: Annotated[int, typer.Option(min=1)] = 4,
    seed: Annotated[int, typer.Option()] = 0,
) -> None:
    """Score the estimate's past predictions of claims published after each cutoff."""
    from relokant.estimate.backtest import summarise, to_dict
    from relokant.pipeline.validation import backtest_ledger

    def step(day: dt.date) -> None:
        err.print(f"fitting on the claims published by {day}", markup=False, highlight=False)

    results = backtest_ledger(state_of(ctx).ledger(), [c.date() for c in cutoff],
                              progress=None if as_json else step, draws=draws,
                              warmup=draws, chains=chains, seed=seed)
    if as_json:
        _emit({"cutoffs": [to_dict(r) for r in results]})
        return
    for r in results:
        table = Table(title=f"Back-test, cutoff {r.cutoff}: {r.n_fitted} claims fitted, "
                      f"{len(r.scores)} later claims scored")
        for name in ("claim", "measure", "source type", "reported", "predicted (90%)",
                     "in 50%", "in 90%", "PIT", "log score", "CRPS"):
            table.add_column(name)
        for row in r.scores.to_dict("records"):
            share = row["measure"] == "return_share"
            table.add_row(plain(row["id"]), row["measure"], row["source_type"],
                          plain(f"{row['reported']:g}%" if share else f"{row['reported']:,.0f}"),
                          _figure(row["pred_median"], row["pred_q05"], row["pred_q95"], share),
                          "yes" if row["in_50"] else "no", "yes" if row["in_90"] else "no",
                          _num(row["pit"]), _num(row["log_score"]), _num(row["crps"], 3))
        show_table(table)
        if len(r.scores):
            for level, frame in summarise(r.scores).items():
                summary = Table(title=f"Scores {'overall' if level == 'overall' else 'by ' + level}"
                                f" (cutoff {r.cutoff})")
                for name in ([] if level == "overall" else [level]) + [
                        "claims", "in 50%", "in 90%", "mean PIT", "mean log score", "mean CRPS"]:
                    summary.add_column(name)
                for row in frame.to_dict("records"):
                    summary.add_row(*([] if level == "overall" else [str(row[level])]),
                                    str(row["n"]), _rate(row["in_50"]), _rate(row["in_90"]),
                                    _num(row["pit_mean"]), _num(row["log_score"]),
                                    _num(row["crps"], 3))
                show_table(summary)
        if r.prior_only:
            out.print(f"Before {r.cutoff} no claim informed {', '.join(r.prior_only)}: those "
                      "predictions come from the priors.", markup=False, highlight=False)
        if not r.diagnostics_ok:
            err.print(f"WARNING: the fit at cutoff {r.cutoff} fails its sampler diagnostics",
                      style="bold yellow")


def _histogram(counts: list[int]) -> str:
    top = max(counts) or 1
    return "".join(_SPARK[round(8 * c / top)] for c in counts)


@app.command()
def calibrate(
    worlds: Annotated[int, typer.Option(min=1, help="Synthetic worlds to fit.")] = 100,
    draws: Annotated[int, typer.Option(min=10, help="Draws (and warm-up) per chain.")] = 1000,
    chains: Annotated[int, typer.Option(min=1)] = 4,
    seed: Annotated[int, typer.Option()] = 0,
    off_prior: Annotated[float, typer.Option(
        "--off-prior", min=0.1, help="Draw the worlds' source biases with this many times "
        "the prior's spread (1: from the prior).")] = 1.0,
    workers: Annotated[int, typer.Option(min=1, help="Local Dask worker processes.")] = 1,
    dask: Annotated[str | None, typer.Option(help="Dask scheduler address.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    results: Annotated[pathlib.Path | None, typer.Option(
        help="Keep each world's result in this file (JSON lines); a rerun resumes.")] = None,
) -> None:
    """Simulation-based calibration: coverage of the intervals over synthetic worlds."""
    from relokant.pipeline.validation import calibrate_worlds

    def step(done: int, total: int) -> None:
        err.print(f"world {done}/{total} fitted", markup=False, highlight=False)

    result = calibrate_worlds(worlds, seed=seed, draws=draws, warmup=draws, chains=chains,
                              off_prior=off_prior, workers=workers, dask_address=dask,
                              progress=step, store=results)
    doc = result.to_dict()
    if as_json:
        _emit(doc)
    else:
        table = Table(title=f"Calibration over {worlds} worlds (truth drawn from the prior"
                      + (f", biases {off_prior:g}x its spread" if off_prior != 1 else "")
                      + "): share of intervals covering the truth")
        for name in ("quantity", "values", "50% (target 42–58%)", "90% (target 85–95%)",
                     "rank histogram"):
            table.add_column(name)
        for name, c in doc["coverage"].items():
            table.add_row(name, str(c["n"]), _rate(c["50"]), _rate(c["90"]),
                          _histogram(c["rank_histogram"]))
        show_table(table)
        out.print(f"R-hat max {doc['rhat_max']}; {doc['worlds_rhat_over_1.01']} worlds with "
                  f"R-hat above 1.01, {doc['worlds_failing_diagnostics']} failing a sampler "
                  "check; targets " + ("met" if doc["meets_targets"] else "NOT met"),
                  markup=False, highlight=False)
    if not doc["meets_targets"]:
        raise typer.Exit(1)
