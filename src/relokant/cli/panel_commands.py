"""The panel commands: import, estimate, claims, synth. No command prints respondent rows."""

from __future__ import annotations

import datetime as dt
import json
import pathlib
from typing import Annotated, Any

import typer
from rich.table import Table

from relokant.cli.common import app, err, out, state_of

panel_app = typer.Typer(help="Panel surveys of emigrants (privacy first).", no_args_is_help=True)
app.add_typer(panel_app, name="panel")

By = Annotated[str | None, typer.Option("--by", help="cohort or destination")]
K = Annotated[int, typer.Option("--k", help="minimum respondents per shown cell (>= 10)")]


def _fitted(ctx: typer.Context, by: str | None, k: int, replicates: int, seed: int) -> Any:
    from relokant.errors import ValidationError
    from relokant.panel import PanelEstimator
    from relokant.panel.tables import load_waves

    if by not in (None, "cohort", "destination"):
        raise ValidationError(f"received --by {by!r}; expected cohort or destination",
                              field="by", hint="group by cohort or destination")
    waves = load_waves(state_of(ctx).ledger().engine)
    with err.status("bootstrapping the panel estimate"):
        return PanelEstimator(by=by, k=k, replicates=replicates, seed=seed).fit(  # type: ignore[arg-type]
            waves)


@panel_app.command("import")
def import_cmd(
    ctx: typer.Context, file: pathlib.Path,
    on_conflict: Annotated[str, typer.Option(
        "--on-conflict", help="for waves already stored: error, skip (keep them) or "
                              "replace (overwrite with the file's)")] = "error",
) -> None:
    """Validate a CSV/Parquet panel and store it pseudonymised (all rows or none)."""
    from relokant.panel import import_panel

    done = import_panel(file, state_of(ctx).ledger().engine,
                        on_conflict=on_conflict)  # type: ignore[arg-type]
    out.print(f"imported {done.added} new respondent-wave rows (ids pseudonymised)"
              + (f", replaced {done.replaced}" if done.replaced else "")
              + (f", skipped {done.skipped} already stored" if done.skipped else ""))


@panel_app.command("estimate")
def estimate_cmd(ctx: typer.Context, by: By = None, k: K = 10,
                 replicates: int = 200, seed: int = 0,
                 as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Share returned within 12 months, with bootstrap intervals; small cells suppressed."""
    from relokant.panel.privacy import suppression_note
    from relokant.panel.spells import UNKNOWN, UNKNOWN_NOTE
    from relokant.report.figures import format_estimate

    fitted = _fitted(ctx, by, k, replicates, seed)
    rows: list[dict[str, Any]] = [
        {str(key): None if isinstance(v, float) and v != v else v for key, v in r.items()}
        for r in fitted.summary_.to_dict("records")]
    notes = [n for n in (suppression_note(fitted.suppressed_, k),
                         UNKNOWN_NOTE if by == "destination"
                         and any(r["group"] == UNKNOWN for r in rows) else None) if n]
    if as_json:
        out.print_json(json.dumps({"months": fitted.months, "level": fitted.level, "k": k,
                                   "suppressed_cells": fitted.suppressed_, "notes": notes,
                                   "cells": rows}))
        return
    level = f"{100 * fitted.level:.0f}%"
    table = Table(title=f"Returned within {fitted.months} months (median and {level} "
                        "bootstrap interval)")
    for col in ("group", "respondents", "return share"):
        table.add_column(col)
    for r in rows:
        if r["suppressed"]:
            table.add_row(str(r["group"]), "", "suppressed")
        else:
            table.add_row(str(r["group"]), str(r["respondents"]),
                          format_estimate(100 * r["return_share"], 100 * r["lower"],
                                          100 * r["upper"], share=True))
    out.print(table)
    for note in notes:
        out.print(note)


@panel_app.command("claims")
def claims_cmd(ctx: typer.Context, name: str = "panel", by: By = None, k: K = 10,
               replicates: int = 200, seed: int = 0,
               add: Annotated[bool, typer.Option("--add")] = False) -> None:
    """Turn the panel estimate into claims; --add stores them as pending."""
    from relokant.cli.common import claims_table
    from relokant.panel.claims import panel_claims
    from relokant.panel.privacy import suppression_note
    from relokant.panel.tables import load_waves
    from relokant.records import Status

    fitted = _fitted(ctx, by, k, replicates, seed)
    last = load_waves(state_of(ctx).ledger().engine)["interview_date"].max()
    claims = panel_claims(fitted, panel_name=name, wave_date=dt.date.fromisoformat(last))
    if add:
        claims = [c for c, _ in state_of(ctx).ledger().add_claims(claims, status=Status.pending)]
    out.print(claims_table(claims, title="panel claims" + (" (stored, pending)" if add else "")))
    note = suppression_note(fitted.suppressed_, k)
    if note:
        out.print(note)


@panel_app.command("synth")
def synth_cmd(path: pathlib.Path, respondents: int = 500, seed: int = 0) -> None:
    """Write a synthetic panel with known hazards and informative attrition."""
    from relokant.panel import SyntheticPanel

    panel = SyntheticPanel(respondents=respondents, seed=seed)
    panel.frame().to_csv(path, index=False)
    out.print(f"wrote {respondents} synthetic respondents to {path}; true 12-month return "
              f"share {100 * panel.true_return_share(12):.1f}%")
