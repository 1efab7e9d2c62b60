"""Ledger commands: init, claims list/show/add/import/export/check, actors list."""

from __future__ import annotations

import json
import pathlib
import sys
from typing import Annotated, Any

import typer
from rich.table import Table

from relokant.cli.common import (
    CheckFormat,
    ExportFormat,
    ListFormat,
    actors_app,
    app,
    claims_app,
    emit_claims,
    err,
    out,
    plain,
    show_table,
    state_of,
)
from relokant.consistency import check_claims
from relokant.errors import RelokantError
from relokant.ledger.serialise import parse_claim, read_claims_file, write_claims
from relokant.publish.parquet import write_claims_parquet
from relokant.records import Status


@app.command()
def init(
    ctx: typer.Context,
    empty: Annotated[bool, typer.Option("--empty", help="Create the ledger without the "
                                        "bundled record.")] = False,
) -> None:
    """Create the ledger (and load the bundled published record unless --empty)."""
    ledger = state_of(ctx).ledger(seed=False)
    added = ledger.initialise(empty=empty)
    total = ledger.count_claims()
    err.print(f"ledger at {ledger.engine.url.render_as_string(hide_password=True)}: "
              f"{added} claims added, {total} in all")


@claims_app.command("list")
def claims_list(
    ctx: typer.Context,
    measure: Annotated[str | None, typer.Option(help="Only this measure.")] = None,
    actor: Annotated[str | None, typer.Option(help="Only claims by this actor (or alias).")]
    = None,
    status: Annotated[str | None, typer.Option(help="pending, accepted or rejected.")] = None,
    source_type: Annotated[str | None, typer.Option(help="Only this source type.")] = None,
    search: Annotated[str | None, typer.Option(help="Text in actor, population, method, "
                                               "note or quote.")] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")]
    = ListFormat.table,
) -> None:
    """List claims with their figures and where they were published."""
    claims = state_of(ctx).ledger().list_claims(
        measure=measure, actor=actor, status=status, source_type=source_type, search=search
    )
    emit_claims(claims, fmt)


@claims_app.command("show")
def claims_show(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(help="The claim id (clm_…).")],
    fmt: Annotated[CheckFormat, typer.Option("--format")] = CheckFormat.table,
) -> None:
    """Show one claim with every citation."""
    claim = state_of(ctx).ledger().get_claim(claim_id)
    if fmt is CheckFormat.json:
        sys.stdout.write(json.dumps(claim.model_dump(mode="json"), ensure_ascii=False, indent=2)
                         + "\n")
        return
    table = Table(show_header=False, title=claim.id)
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    for name, value in claim.model_dump(mode="json", exclude={"citations"}).items():
        if value not in (None, [], ""):
            table.add_row(name, plain(value))
    show_table(table)
    for n, cit in enumerate(claim.citations, 1):
        doc = cit.document
        via = f" via {', '.join(cit.reported_via)}" if cit.reported_via else ""
        out.print(f"{n}. {doc.outlet}, {doc.published}: {doc.title or ''}{via}", markup=False,
                  highlight=False)
        if doc.url:
            out.print(f"   {doc.url}", markup=False, highlight=False)
        if cit.quote:
            out.print(f"   “{cit.quote}”", markup=False, highlight=False)
        elif cit.span_start is not None:
            out.print(f"   characters {cit.span_start}–{cit.span_end} of the article")


@claims_app.command("add")
def claims_add(
    ctx: typer.Context,
    measure: Annotated[str, typer.Option(help="departures, returns, return_share, …")],
    unit: Annotated[str, typer.Option(help="persons, percent, permits, …")],
    outlet: Annotated[str, typer.Option(help="Who published it.")],
    published: Annotated[str, typer.Option(help="Publication date YYYY-MM-DD.")],
    bound: Annotated[str, typer.Option(help="point, about, range, at_least, at_most.")]
    = "point",
    value: Annotated[float | None, typer.Option()] = None,
    low: Annotated[float | None, typer.Option()] = None,
    high: Annotated[float | None, typer.Option()] = None,
    actor: Annotated[str | None, typer.Option(help="Who made the estimate.")] = None,
    source_type: Annotated[str, typer.Option()] = "other",
    population: Annotated[str | None, typer.Option()] = None,
    period_start: Annotated[str | None, typer.Option()] = None,
    as_of: Annotated[str | None, typer.Option()] = None,
    method: Annotated[str | None, typer.Option()] = None,
    indicator: Annotated[str | None, typer.Option()] = None,
    title: Annotated[str | None, typer.Option()] = None,
    url: Annotated[str | None, typer.Option()] = None,
    quote: Annotated[str | None, typer.Option()] = None,
    status: Annotated[str, typer.Option()] = "accepted",
) -> None:
    """Add one claim by hand (a twin of a stored claim becomes a new citation)."""
    record: dict[str, Any] = {
        "measure": measure, "unit": unit, "bound": bound, "value": value, "low": low,
        "high": high, "attributed_to": actor, "source_type": source_type,
        "population": population, "period_start": period_start, "as_of": as_of,
        "method": method, "indicator": indicator, "status": status,
        "citations": [{"document": {"outlet": outlet, "published": published, "title": title,
                                    "url": url}, "quote": quote}],
    }
    claim = parse_claim({k: v for k, v in record.items() if v is not None},
                        source="command line", record=1)
    stored, new = state_of(ctx).ledger().add_claims([claim])[0]
    err.print(("added " if new else "new citation of existing claim ") + (stored.id or ""))
    sys.stdout.write(json.dumps(stored.model_dump(mode="json"), ensure_ascii=False) + "\n")


@claims_app.command("import")
def claims_import(
    ctx: typer.Context,
    file: Annotated[pathlib.Path, typer.Argument(help="JSON or CSV, as 'claims export' "
                                                 "writes.")],
    status: Annotated[str | None, typer.Option(help="Override each claim's status.")] = None,
) -> None:
    """Import claims from a file: all of them or, on any error, none."""
    claims = read_claims_file(file)
    override = Status(status) if status else None
    results = state_of(ctx).ledger().add_claims(claims, status=override)
    new = sum(1 for _, is_new in results if is_new)
    err.print(f"{file}: {len(claims)} records, {new} new claims, "
              f"{len(claims) - new} merged as citations")


@claims_app.command("export")
def claims_export(
    ctx: typer.Context,
    fmt: Annotated[ExportFormat, typer.Option("--format")] = ExportFormat.json,
    output: Annotated[pathlib.Path | None, typer.Option("-o", "--output")] = None,
    status: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Export claims in the format 'claims import' reads."""
    claims = state_of(ctx).ledger().list_claims(status=status)
    if fmt is ExportFormat.parquet:
        if output is None:
            raise RelokantError("parquet is binary and cannot be written to the terminal",
                                hint="name a file with -o/--output")
        write_claims_parquet(claims, output)
        err.print(f"wrote {len(claims)} claims to {output}")
        return
    text = write_claims(claims, fmt.value)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {len(claims)} claims to {output}")


@claims_app.command("check")
def claims_check(
    ctx: typer.Context,
    fmt: Annotated[CheckFormat, typer.Option("--format")] = CheckFormat.table,
) -> None:
    """Consistency findings across the ledger; exit code 1 when there are any."""
    findings = check_claims(state_of(ctx).ledger().list_claims())
    if fmt is CheckFormat.json:
        sys.stdout.write(json.dumps([f.model_dump(mode="json") for f in findings],
                                    ensure_ascii=False, indent=2) + "\n")
    else:
        table = Table(title=f"{len(findings)} findings")
        for name in ("kind", "claims", "message"):
            table.add_column(name, overflow="fold")
        for f in findings:
            table.add_row(plain(f.kind), plain(", ".join(f.claims)), plain(f.message))
        show_table(table)
    if findings:
        raise typer.Exit(1)


@actors_app.command("list")
def actors_list(
    ctx: typer.Context,
    fmt: Annotated[CheckFormat, typer.Option("--format")] = CheckFormat.table,
) -> None:
    """Actors with their kind, default source type and aliases."""
    actors = state_of(ctx).ledger().actors()
    if fmt is CheckFormat.json:
        sys.stdout.write(json.dumps([a.model_dump(mode="json") for a in actors],
                                    ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title=f"{len(actors)} actors")
    for name in ("name", "kind", "source type", "affiliation", "aliases"):
        table.add_column(name, overflow="fold")
    for a in actors:
        table.add_row(*map(plain, (a.name, a.kind.value, a.source_type.value,
                                   a.affiliation or "", ", ".join(a.aliases))))
    show_table(table)


