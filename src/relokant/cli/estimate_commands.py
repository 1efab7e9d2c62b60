"""Estimation and report commands: estimate, report."""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import sys
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.table import Table

from relokant.cli.common import (
    DrawsOption,
    WarmupOption,
    app,
    err,
    fit_ledger,
    out,
    plain,
    show_table,
    state_of,
)
from relokant.report.estimate_json import estimate_document
from relokant.report.labels import human


class ReportFormat(StrEnum):
    """Report formats."""

    html = "html"
    md = "md"


def headline_figure(row: dict[str, Any]) -> str:
    """A headline's median and 90% interval, rounded to what the interval supports."""
    from relokant.report.figures import format_estimate

    return format_estimate(row["median"], row["q05"], row["q95"],
                           share="share" in row["quantity"])


def print_estimate(result: dict[str, Any]) -> None:
    """Human-readable estimate: headline with intervals, sources, contradictions."""
    d = result["diagnostics"]
    if d["ok"]:
        table = Table(title=f"Estimate (model {result['model_version']}, ledger snapshot "
                      f"{result['ledger_snapshot']}, seed {result['seed']})")
        for name in ("quantity", "median (90% interval)"):
            table.add_column(name)
        for row in result["headline"]:
            table.add_row(plain(row["quantity"]), headline_figure(row))
        show_table(table)
    else:
        # no headline that reads as trustworthy: what failed, and which claims drive it
        out.print("The sampler's diagnostics fail: no headline figures are shown.",
                  markup=False, highlight=False)
        for reason in d.get("failing", []):
            out.print(f"  failing: {reason}", markup=False, highlight=False)
        for claim in d.get("suspect_claims", []):
            out.print(f"  suspect claim: {claim}", markup=False, highlight=False)
    sources = Table(title="Source-type bias (multiplier of counts, or of odds for shares; "
                    "1 = unbiased)")
    for name in ("source type", "scale", "claims", "median", "90% interval"):
        sources.add_column(name)
    for source, scales in result["sources"].items():
        for scale, s in scales.items():
            if s["n_claims"]:
                sources.add_row(human(source), scale, str(s["n_claims"]), f"{s['median']:.2f}",
                                f"{s['q05']:.2f} – {s['q95']:.2f}")
    show_table(sources)
    claims = Table(title="Claims, most contradicted first")
    for name in ("id", "kind", "attributed to", "P(face value)", "contradicted", "influence %"):
        claims.add_column(name)
    for c in result["claims"]:
        claims.add_row(plain(c["id"]), plain(c["kind"]), plain(c["attributed_to"] or "—"),
                       f"{c['face_value_probability']:.3f}",
                       "yes" if c["contradicted"] else "",
                       f"{max((abs(v) for v in c['influence'].values()), default=0):.1f}")
    show_table(claims)
    if result["excluded"]:
        out.print(f"{len(result['excluded'])} claims set aside (see --json for reasons)")
    if result.get("sensitivity"):
        print_sensitivity(result)
    horizon = result.get("horizon") or {}
    if horizon.get("projected_from"):
        out.print(f"No claim after {horizon['evidence_until'][:7]}: from "
                  f"{horizon['projected_from'][:7]} to {horizon['until'][:7]} the figures are the "
                  "model's projection (intervals widen).", markup=False, highlight=False)
    out.print(f"R-hat max {d['rhat_max']}, bulk ESS min {d['ess_bulk_min']}, "
              f"{d['divergences']} divergences, {d['seconds']} s")


def print_destinations(result: dict[str, Any]) -> None:
    """People abroad by destination: stock at the first year's end and now, and evidence."""
    from relokant.report.figures import format_estimate

    rows = [d for d in result.get("destinations", []) if d["stock"]]
    if not rows:
        out.print("No destinations are modelled (the event lists none).")
        return
    first = rows[0]["stock"][-1]["date"]
    table = Table(title="People abroad by destination (median, 90% interval)")
    for name in ("destination", "end of first year", f"as of {first}", "arrived to date",
                 "figures used", "contradicted", "set aside"):
        table.add_column(name)
    for d in rows:
        by_date = {r["date"]: r for r in d["stock"]}
        year = by_date.get(result.get("first_year_end", ""), d["stock"][-1])
        used = [e for e in d["evidence"] if e["used"]]
        table.add_row(plain(f"{d['name']} ({d['code']})"),
                      format_estimate(year["median"], year["q05"], year["q95"]),
                      format_estimate(d["stock"][-1]["median"], d["stock"][-1]["q05"],
                                      d["stock"][-1]["q95"]),
                      format_estimate(d["arrivals"][-1]["median"], d["arrivals"][-1]["q05"],
                                      d["arrivals"][-1]["q95"]),
                      str(len(used)), str(sum(e["status"] == "contradicted" for e in used)),
                      str(sum(not e["used"] for e in d["evidence"])))
    show_table(table)
    for d in result.get("destinations", []):
        for e in d["evidence"]:
            if e["reason"]:
                out.print(plain(f"{d['code']} {e['id']} {e['status']}: {e['reason']}"),
                          markup=False, highlight=False)


def print_sensitivity(result: dict[str, Any]) -> None:
    """Which headlines the priors drive, and which source types' claims move them most."""
    sens = Table(title="Prior sensitivity (power-scaling; 0.05 or more: that part informs "
                 f"the headline; bias priors {result.get('bias_priors', 'as stated')})")
    for name in ("headline", "priors", "bias priors", "claims", "most sensitive type",
                 "verdict"):
        sens.add_column(name)
    for name, s in result["sensitivity"].items():
        types = {k: v for k, v in s["likelihood"].items() if k != "all_claims"}
        top = max(types, key=lambda k: types[k], default="—")
        sens.add_row(name, f"{s['prior']['all_priors']:.3f}", f"{s['prior']['bias_priors']:.3f}",
                     f"{s['likelihood']['all_claims']:.3f}", f"{top} ({types.get(top, 0):.3f})",
                     plain(s["verdict"]))
    show_table(sens)


@app.command()
def estimate(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    draws: DrawsOption = None,
    warmup: WarmupOption = None,
    chains: Annotated[int, typer.Option(min=1)] = 4,
    seed: Annotated[int, typer.Option()] = 0,
    save: Annotated[pathlib.Path | None, typer.Option(help="Write the posterior (NetCDF).")]
    = None,
    by: Annotated[str | None, typer.Option("--by", help="destination: print people abroad "
                                           "by destination, with the evidence; national: "
                                           "fit the national model only (host-country "
                                           "figures set aside)")] = None,
    until: Annotated[str | None, typer.Option(
        help="Horizon YYYY-MM: project the path to this month (default: the latest "
        "accepted claim's month).")] = None,
    prior_scale: Annotated[str | None, typer.Option(
        "--prior-scale", help="Source-type bias priors: 'neutral' (no stated direction), a "
        "factor on their spread (e.g. 2), or both ('neutral:2').")] = None,
    sensitivity: Annotated[bool, typer.Option(
        help="Power-scaling sensitivity of each headline to the priors and to each source "
        "type's claims.")] = True,
) -> None:
    """Reconcile the accepted claims: posterior trajectories, source biases, contradictions."""
    from relokant.estimate.horizon import parse_month
    from relokant.estimate.priors import parse_prior_scale
    from relokant.pipeline import by_destination

    destinations = by_destination(by)
    fitted = fit_ledger(state_of(ctx).ledger(), draws=draws, chains=chains, seed=seed,
                        warmup=warmup, until=parse_month(until) if until else None,
                        prior_scale=parse_prior_scale(prior_scale) if prior_scale else None,
                        sensitivity=sensitivity, by_destination=destinations)
    result = estimate_document(fitted)
    if save is not None:
        fitted.save(str(save))
        err.print(f"posterior written to {save}")
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    elif by == "destination":
        print_destinations(result)
    else:
        print_estimate(result)
    for warning in result["warnings"]:
        err.print(plain(f"WARNING: {warning}"), style="bold yellow")
    if not result["diagnostics"]["ok"]:
        raise typer.Exit(1)


@app.command()
def report(
    ctx: typer.Context,
    output: Annotated[pathlib.Path, typer.Option("-o", "--output", help="Report file.")]
    = pathlib.Path("report.html"),
    fmt: Annotated[ReportFormat, typer.Option("--format")] = ReportFormat.html,
    draws: DrawsOption = None,
    warmup: WarmupOption = None,
    chains: Annotated[int, typer.Option(min=1)] = 4,
    seed: Annotated[int, typer.Option()] = 0,
    scenarios: Annotated[str | None, typer.Option(help="Comma-separated scenarios to add "
                                                  "(names or TOML files).")] = None,
    sensitivity: Annotated[bool, typer.Option(
        help="Show each headline's power-scaling sensitivity to the priors.")] = True,
    backtest: Annotated[list[dt.datetime] | None, typer.Option(
        "--backtest", formats=["%Y-%m-%d"], help="Add a back-test with this cutoff (one fit "
        "each); repeat for several.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="national: fit the national model "
                                           "only (host-country figures set aside); "
                                           "destination (the default): people abroad by "
                                           "destination too")] = None,
) -> None:
    """Fit the ledger and write the report: headline, charts, contradictions, methods."""
    from relokant.estimate.backtest import to_dict
    from relokant.pipeline import build_report, by_destination
    from relokant.pipeline.validation import backtest_ledger
    from relokant.report import render_html, render_markdown

    destinations = by_destination(by)
    ledger = state_of(ctx).ledger()
    fitted = fit_ledger(ledger, draws=draws, chains=chains, seed=seed, warmup=warmup,
                        sensitivity=sensitivity, by_destination=destinations)
    data = build_report(ledger, fitted=fitted, seed=seed,
                        scenarios=[s.strip() for s in (scenarios or "").split(",") if s.strip()])
    if backtest:
        data.backtest = [to_dict(r) for r in backtest_ledger(
            ledger, [c.date() for c in backtest], draws=draws, warmup=warmup, chains=chains,
            seed=seed)]
    if fmt is ReportFormat.html:
        output.write_text(render_html(data), encoding="utf-8")
    else:
        if output.suffix == ".html":
            output = output.with_suffix(".md")
        output.write_text(render_markdown(data, output.parent, stem=output.stem),
                          encoding="utf-8")
    result = data.estimate
    if result["diagnostics"]["ok"]:
        for row in result["headline"]:
            err.print(plain(f"{row['quantity']}: {headline_figure(row)} (median, 90% interval)"))
    else:
        err.print("no headline figures: the sampler's diagnostics fail (the report says which)",
                  markup=False, highlight=False)
    for warning in result["warnings"]:
        err.print(plain(f"WARNING: {warning}"), style="bold yellow")
    err.print(f"report written to {output}")
    if not result["diagnostics"]["ok"]:
        raise typer.Exit(1)
