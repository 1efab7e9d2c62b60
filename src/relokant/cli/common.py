"""Shared pieces of the CLI: the Typer apps, global options, consoles and formatting."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from relokant.estimate.result import Estimate
from relokant.estimate.runtime import default_text
from relokant.ledger import Ledger
from relokant.ledger.serialise import write_claims
from relokant.records import Claim, format_figure

#: ``--draws`` and ``--warmup`` of every command that fits: unset, each model's own default.
DrawsOption = Annotated[int | None, typer.Option(
    min=10, help=f"Draws per chain ({default_text('draws')}).")]
WarmupOption = Annotated[int | None, typer.Option(
    min=10, help=f"Warm-up iterations per chain ({default_text('warmup')}).")]

app = typer.Typer(
    name="relokant",
    help="Measure an exodus: claims about emigration and return, reconciled with uncertainty.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
claims_app = typer.Typer(help="The ledger's claims: list, show, add, import, export, check.",
                         no_args_is_help=True)
actors_app = typer.Typer(help="Who made the estimates.", no_args_is_help=True)
app.add_typer(claims_app, name="claims")
app.add_typer(actors_app, name="actors")

out = Console(soft_wrap=True)
err = Console(stderr=True)


class ListFormat(StrEnum):
    """Output formats of listing commands."""

    table = "table"
    json = "json"
    csv = "csv"


class CheckFormat(StrEnum):
    """Output formats of ``claims check``."""

    table = "table"
    json = "json"


class ExportFormat(StrEnum):
    """File formats of ``claims export``."""

    json = "json"
    csv = "csv"
    parquet = "parquet"


class State:
    """What the global options chose, shared by every command."""

    def __init__(self, db: str | None) -> None:
        self.db = db
        self._ledger: Ledger | None = None

    def ledger(self, *, seed: bool = True) -> Ledger:
        """Open the ledger lazily: commands that do not need it never touch it."""
        if self._ledger is None:
            self._ledger = Ledger.open(self.db, seed=seed)
        return self._ledger


def state_of(ctx: typer.Context) -> State:
    """The global options of this invocation."""
    state = ctx.find_root().obj
    assert isinstance(state, State)
    return state


@app.callback()
def _root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Ledger URL (SQLAlchemy); default $RELOKANT_DB or "
                     "SQLite in the user data folder.", envvar="RELOKANT_DB"),
    ] = None,
) -> None:
    ctx.obj = State(db)


# -- helpers ---------------------------------------------------------------
def _cell_text(cell: object) -> str:
    text = cell.plain if isinstance(cell, Text) else Text.from_markup(str(cell)).plain
    return " ".join(text.split())


def show_table(table: Table) -> None:
    """A table for people on a terminal; tab-separated lines, ids intact, when piped.

    Piped output is read by programs and pasted into commands, so it is never
    wrapped or cut to a width: one header line, then one line per row.
    """
    if out.is_terminal:
        out.print(table)
        return
    if table.title:
        sys.stdout.write(f"# {_cell_text(table.title)}\n")
    columns = table.columns
    sys.stdout.write("\t".join(_cell_text(c.header) for c in columns) + "\n")
    for row in zip(*(list(c.cells) for c in columns), strict=True):
        sys.stdout.write("\t".join(_cell_text(cell) for cell in row) + "\n")
    sys.stdout.flush()


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """'1 claim', '2 claims': counts shown to people agree with their nouns."""
    return f"{count} {noun if count == 1 else (plural_form or noun + 's')}"


def fit_ledger(ledger: Ledger, *, chains: int, seed: int, draws: int | None = None,
               warmup: int | None = None, **settings: Any) -> Estimate:
    """Fit the ledger's accepted claims with a progress bar on stderr."""
    from relokant.pipeline import fit

    progress = Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                        console=err, transient=True, disable=not err.is_terminal)
    with progress:
        task = progress.add_task("preparing", total=1.0)

        def update(stage: str, fraction: float) -> None:
            progress.update(task, description=f"estimating: {stage}", completed=fraction)

        return fit(ledger, progress=update, draws=draws, chains=chains, seed=seed,
                   warmup=warmup, **settings)

def figure(claim: Claim) -> str:
    """A claim's figure as people write it: ~1,000,000, ≥15%, 550,000–800,000."""
    return format_figure(claim)


def provenance(claim: Claim) -> str:
    """Where a claim was first published, and how many more citations it has."""
    if not claim.citations:
        return "(no citation)"
    first = claim.citations[0].document
    more = f" +{len(claim.citations) - 1}" if len(claim.citations) > 1 else ""
    return f"{first.outlet}, {first.published}{more}"


def plain(value: object) -> Text:
    """Article and user text as literal text: never read as Rich markup."""
    return Text("" if value is None else str(value))


def claims_table(claims: list[Claim], title: str | None = None) -> Table:
    """A Rich table of claims, each figure beside its actor and citation."""
    table = Table(title=title, show_lines=False)
    for name in ("id", "measure", "figure", "unit", "as of", "attributed to", "source type",
                 "status", "cited in"):
        table.add_column(name, overflow="fold")
    for c in claims:
        table.add_row(*map(plain, (
            c.id or "", c.measure.value, figure(c), c.unit.value,
            str(c.as_of or ""), c.attributed_to or "—", c.source_type.value, c.status.value,
            provenance(c),
        )))
    return table


def emit_claims(claims: list[Claim], fmt: ListFormat) -> None:
    """Print claims as a table, JSON or CSV."""
    if fmt is ListFormat.table:
        show_table(claims_table(claims, title=plural(len(claims), 'claim')))
    else:
        sys.stdout.write(write_claims(claims, fmt.value))


