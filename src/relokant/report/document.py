"""Assemble the report from the estimate, the claims and the consistency findings.

Pure: fitted results and records in, HTML or Markdown text out. The HTML is
one self-contained file (inline CSS and SVG, no script, nothing fetched);
Jinja2 escapes every string that came from an article or a user.
"""

from __future__ import annotations

import datetime as dt
import pathlib
from dataclasses import dataclass, field
from importlib.metadata import version
from typing import Any

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from relokant.estimate.indicators import methods_rows
from relokant.estimate.result import Estimate
from relokant.records import Claim, Finding, format_figure, format_number
from relokant.report import charts
from relokant.report.estimate_json import estimate_document
from relokant.report.figures import format_change, format_estimate, format_probability
from relokant.report.labels import human, long_date
from relokant.urls import CONTENT_SECURITY_POLICY, safe_url


@dataclass
class ReportData:
    """Everything a report shows, already computed."""

    estimate: dict[str, Any]
    quantities: pd.DataFrame
    sources: pd.DataFrame
    claims: list[Claim]
    findings: list[Finding]
    priors: list[dict[str, Any]]
    scenarios: pd.DataFrame | None = None
    scenario_summary: list[dict[str, Any]] = field(default_factory=list)
    #: The panel-survey section (already suppressed to safe cells), when a panel is held.
    panel: dict[str, Any] | None = None
    generated: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    #: The estimate the report was built from (None for a report assembled by hand).
    fitted: Estimate | None = None
    #: Each host-country indicator's observation equation, prior and reason (Methods).
    indicators: list[dict[str, str]] = field(default_factory=list)
    #: Back-tests (``relokant backtest --json`` documents, one per cutoff), when asked for.
    backtest: list[dict[str, Any]] = field(default_factory=list)


def from_estimate(est: Estimate, claims: list[Claim], findings: list[Finding]) -> ReportData:
    """Collect what the report needs from a fitted :class:`Estimate`."""
    return ReportData(estimate=estimate_document(est), quantities=est.quantities,
                      sources=est.sources, claims=claims, findings=findings,
                      priors=[vars(p) for p in est.priors], fitted=est,
                      indicators=methods_rows())


def add_filters(env: Environment) -> None:
    """Filters the report and the web pages share: ``num`` and ``figure``."""
    env.filters["num"] = lambda value, quantity="": format_number(value, quantity or "count")
    env.filters["estimate"] = lambda row, quantity="": format_estimate(
        row["median"], row["q05"], row["q95"], share="share" in (quantity or ""))
    env.filters["change"] = lambda row, quantity="": format_change(
        *(row[k] for k in (("diff_median", "diff_q05", "diff_q95") if "diff_median" in row
                           else ("median", "q05", "q95"))), share="share" in (quantity or ""))
    env.filters["figure"] = lambda claim: format_figure(claim, words=True)
    env.filters["human"] = human
    env.filters["long_date"] = long_date
    env.filters["probability"] = format_probability
    env.filters["safe_url"] = safe_url
    env.globals["content_security_policy"] = CONTENT_SECURITY_POLICY
    env.globals["chart_captions"] = CAPTIONS


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("relokant.report", "templates"),
                      autoescape=select_autoescape(["html", "j2"]), trim_blocks=True,
                      lstrip_blocks=True)
    add_filters(env)
    return env


#: Below this leave-one-out probability of its face value a claim is "in tension".
TENSION_P = 0.2
#: Pareto k above which the leave-one-out figures are approximate.
PARETO_K_LIMIT = 0.7


def verdict(row: dict[str, Any]) -> str:
    """What a claim's probability of face value means, in words."""
    p = row["face_value_probability"]
    if row["contradicted"]:
        text = "contradicted: if the other claims are right, a figure like this is very unlikely"
    elif p < TENSION_P:
        text = "in tension with the other claims"
    else:
        text = "consistent with the other claims"
    if row.get("pareto_k", 0.0) > PARETO_K_LIMIT:
        text += " (approximate: the claim weighs heavily on the fit)"
    return text


def influence_text(influence: dict[str, float]) -> str:
    """How far leaving the claim out moves each headline median, largest first, in words."""
    moved = sorted(((k, v) for k, v in influence.items() if abs(v) >= 1),
                   key=lambda kv: -abs(kv[1]))
    if not moved:
        return "moves no headline figure by 1% or more"
    parts = [f"{human(k)} {'+' if v > 0 else '−'}{abs(v):.0f}%" for k, v in moved]
    return "leaving it out moves " + ", ".join(parts)


_BANDS = ("Line: posterior median; darker band: 50% interval; lighter band: 90% interval. "
          "Marks: the claims at face value (bars: a range's two ends), coloured by source "
          "type and shaped by form; claims on nearby dates are spread a few days apart.")
#: The captions of the estimate's charts (the web app's estimate page shows them too).
CAPTIONS = {
    **{q: f"{charts.TITLES[q]}, month by month. {_BANDS}"
       for q in ("departures", "return_share", "abroad")},
    "biases": ("Source-type bias: dot, posterior median; bar and numbers, 90% interval. A "
               "multiplier of 1 (dashed line) means unbiased; counts are multiplied, shares' "
               "odds are."),
}


def chart_captions(data: ReportData) -> dict[str, str]:
    """Each chart's caption, naming the intervals it draws."""
    captions = dict(CAPTIONS)
    projected = (data.estimate.get("horizon") or {}).get("projected_from")
    if projected:
        for name in ("departures", "return_share", "abroad", "destinations"):
            if name in captions:
                captions[name] += (f" Grey span: the model's projection from "
                                   f"{long_date(pd.Timestamp(projected))}, with no claims.")
    if data.scenarios is not None and not data.scenarios.empty:
        end = long_date(pd.to_datetime(data.scenarios["date"]).max())
        for name, what in (("scenario_returns", "Cumulative returns"),
                           ("scenario_abroad", "People abroad")):
            captions[name] = (f"{what} by scenario: line, median; band, 90% interval over "
                              f"posterior draws and behavioural uncertainty. The projection "
                              f"ends on {end}.")
    return captions


def _context(data: ReportData, figures: dict[str, str]) -> dict[str, Any]:
    by_id = {c.id: c for c in data.claims}
    judged = []
    for row in data.estimate["claims"]:
        claim = by_id.get(row["id"])
        judged.append({**row, "claim": claim, "verdict": verdict(row),
                       "influence_text": influence_text(row["influence"])})
    ends = None
    if data.scenarios is not None and not data.scenarios.empty:
        ends = long_date(pd.to_datetime(data.scenarios["date"]).max())
    used = {row["id"] for row in data.estimate["claims"]}
    return {
        "est": data.estimate, "figures": figures, "judged": judged,
        "excluded": [{**e, "claim": by_id.get(e["id"])} for e in data.estimate["excluded"]],
        "findings": data.findings, "priors": data.priors, "claims": data.claims,
        "unused_ids": [c.id for c in data.claims if c.id not in used],
        "generated": data.generated.isoformat(timespec="seconds"),
        "versions": {p: version(p) for p in ("relokant", "numpyro", "jax", "arviz")},
        "scenario_summary": data.scenario_summary, "panel": data.panel,
        "captions": chart_captions(data), "scenario_end": ends, "backtest": data.backtest,
        "destinations": [d for d in data.estimate.get("destinations", []) if d["stock"]],
        "host_evidence": [{**e, "code": d["code"], "name": d["name"]}
                          for d in data.estimate.get("destinations", []) for e in d["evidence"]],
        "first_year_end": data.estimate.get("first_year_end", ""),
        "indicators": data.indicators,
    }


def build_charts(data: ReportData) -> dict[str, Any]:
    """The report's charts by name (the web app renders the same ones)."""
    present = set(data.quantities["quantity"]) if not data.quantities.empty else set()
    built: dict[str, Any] = {}
    horizon = data.estimate.get("horizon") or {}
    projected = horizon.get("projected_from")
    for quantity in ("departures", "return_share", "abroad"):
        if quantity in present:
            built[quantity] = charts.band_chart(data.quantities, data.claims, quantity,
                                                projected)
    built["biases"] = charts.forest_chart(data.sources)
    modelled = [d for d in data.estimate.get("destinations", []) if d["stock"]]
    if modelled:
        built["destinations"] = charts.destination_chart(modelled, data.claims, projected)
    if data.backtest and any(b["claims"] for b in data.backtest):
        from relokant.report.validation_charts import backtest_chart, backtest_frame

        built["backtest"] = backtest_chart(backtest_frame(data.backtest))
    if data.scenarios is not None and not data.scenarios.empty:
        built["scenario_returns"] = charts.scenario_chart(
            data.scenarios, "returns", "Cumulative returns by scenario")
        built["scenario_abroad"] = charts.scenario_chart(
            data.scenarios, "abroad", "People abroad by scenario")
    return built


def render_html(data: ReportData) -> str:
    """The report as one self-contained HTML page."""
    svgs = {name: charts.to_svg(chart) for name, chart in build_charts(data).items()}
    template = _environment().get_template("report.html.j2")
    return template.render(**_context(data, svgs))


def render_markdown(data: ReportData, folder: pathlib.Path, stem: str = "report") -> str:
    """The report as Markdown, with PNG charts written into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    names: dict[str, str] = {}
    for name, chart in build_charts(data).items():
        file = f"{stem}-{name}.png"
        (folder / file).write_bytes(charts.to_png(chart))
        names[name] = file
    env = _environment()
    env.autoescape = False
    return env.get_template("report.md.j2").render(**_context(data, names))
