"""The publish command: the ledger and its estimate as files others can open."""

from __future__ import annotations

import pathlib
from typing import Annotated

import typer

from relokant.cli.common import (
    DrawsOption,
    WarmupOption,
    app,
    err,
    fit_ledger,
    plain,
    plural,
    state_of,
)
from relokant.records import Status


@app.command()
def publish(
    ctx: typer.Context,
    folder: Annotated[pathlib.Path, typer.Argument(help="Folder to write into (created).")],
    all_claims: Annotated[bool, typer.Option(
        "--all-claims", help="Publish pending and rejected claims too (default: accepted).")]
    = False,
    quotes: Annotated[bool, typer.Option(
        "--include-quotes", help="Publish the quotes the ledger holds (default: character "
        "offsets only; include quotes only where you may redistribute them).")] = False,
    estimate: Annotated[bool, typer.Option(
        "--estimate/--no-estimate", help="Fit and publish the estimate and report.")] = True,
    draws: DrawsOption = None,
    warmup: WarmupOption = None,
    chains: Annotated[int, typer.Option(min=1)] = 4,
    seed: Annotated[int, typer.Option()] = 0,
) -> None:
    """Write a Frictionless data package, a datasette-ready SQLite file, the estimate, report."""
    from relokant.pipeline import publish as publish_ledger

    ledger = state_of(ctx).ledger()
    fitted = fit_ledger(ledger, draws=draws, chains=chains, seed=seed, warmup=warmup) \
        if estimate else None
    statuses = tuple(Status) if all_claims else (Status.accepted,)
    publication, _ = publish_ledger(ledger, folder, statuses=statuses, include_quotes=quotes,
                                    estimate=estimate, fitted=fitted, seed=seed)
    err.print(plain(f"published {plural(publication.claims, 'claim')}, "
                    f"{plural(publication.citations, 'citation')}, "
                    f"{plural(publication.documents, 'document')} and "
                    f"{plural(publication.actors, 'actor')} to {folder}"))
    for name in publication.files:
        err.print(plain(f"  {name}"))
    if fitted is not None:
        for warning in fitted.warnings:
            err.print(plain(f"WARNING: {warning}"), style="bold yellow")
        if not fitted.diagnostics.ok:
            raise typer.Exit(1)
