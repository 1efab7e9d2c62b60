"""Extraction commands: extract (no ledger), ingest (to the ledger), review."""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import sys
from collections import Counter
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.prompt import Prompt
from rich.table import Table
from rich.text import Text

from relokant.cli.common import app, err, figure, out, plain, plural, show_table, state_of
from relokant.errors import IngestError, ValidationError
from relokant.extract import to_gold
from relokant.extract.batch import BatchSettings, FileResult, process_file, run_batch
from relokant.ingest import iter_paths
from relokant.pipeline import ReviewItem, review_queue
from relokant.pipeline.reviewing import review_item
from relokant.records import Claim, Status


class ExtractFormat(StrEnum):
    """Output formats of ``extract``."""

    table = "table"
    json = "json"
    gold = "gold"


class Language(StrEnum):
    """Document language choice."""

    auto = "auto"
    en = "en"
    ru = "ru"


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(f"--date must be YYYY-MM-DD, got {value!r}", field="date") from None


def _progress() -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"), BarColumn(),
        MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True,
        disable=not err.is_terminal,
    )


def _batch(paths: list[pathlib.Path], date: str | None, lang: Language, workers: int,
           dask: str | None, label: str) -> Any:
    files = iter_paths(paths)
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise ValidationError(f"no such file or folder: {missing[0]}", source=str(missing[0]))
    settings = BatchSettings(date=_parse_date(date), language=lang.value)
    progress = _progress()
    task = progress.add_task(label, total=len(files))

    def results() -> Any:
        with progress:
            if workers > 1 or dask:
                for result in run_batch(files, settings, workers=workers, dask_address=dask):
                    progress.advance(task)
                    yield result
                return
            for done, path in enumerate(files):
                # one file, block by block: the bar moves within a long file too
                def on_block(read: int, total: int, done: int = done) -> None:
                    progress.update(task, completed=done + read / total)

                yield process_file(str(path), settings, on_block=on_block)
                progress.update(task, completed=done + 1)

    return results()


def _summary(results: list[tuple[str, str | None, int]]) -> None:
    read = [r for r in results if r[1] is None]
    skipped = [r for r in results if r[1] is not None]
    claims = sum(r[2] for r in results)
    err.print(f"read {plural(len(read), 'file')}, skipped {len(skipped)}, found "
              f"{plural(claims, 'claim')}", markup=False, highlight=False)
    for path, reason, _ in skipped:
        err.print(f"  skipped {path}: {reason}", markup=False, highlight=False, soft_wrap=True)
    if results and not read:
        raise IngestError(f"{plural(len(skipped), 'file')} given and every one was refused "
                          "(reasons above)", hint="fix the files named above")


@app.command()
def extract(
    paths: Annotated[list[pathlib.Path], typer.Argument(help="Files or folders (.txt .md "
                                                        ".html).")],
    fmt: Annotated[ExtractFormat, typer.Option("--format")] = ExtractFormat.table,
    date: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD (else "
                                             "STEM.meta.json, else the text).")] = None,
    lang: Annotated[Language, typer.Option("--lang")] = Language.auto,
    out_dir: Annotated[pathlib.Path | None, typer.Option("--out", help="Write DIR/STEM.json "
                                                         "per input.")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    dask: Annotated[str | None, typer.Option(help="Dask scheduler address.")] = None,
) -> None:
    """Print the claims found in documents, without touching the ledger."""
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    summary: list[tuple[str, str | None, int]] = []
    collected: dict[str, Any] = {}
    table = Table(title="claims found")
    for name in ("file", "figure", "measure", "unit", "as of", "attributed to", "quote"):
        table.add_column(name, overflow="fold")
    result: FileResult
    for result in _batch(paths, date, lang, workers, dask, "extracting"):
        summary.append((result.path, result.skipped, len(result.extractions)))
        if result.skipped and result.document is None:
            continue
        stem = pathlib.Path(result.path).stem
        if fmt is ExtractFormat.gold:
            records: Any = to_gold(result.extractions)
        else:
            records = [
                {**x.claim.model_dump(mode="json", exclude={"citations", "id", "status",
                                                             "reviewed_by", "reviewed_at"}),
                 "quote": x.quote, "span_start": x.span_start, "span_end": x.span_end,
                 "reported_via": x.reported_via}
                for x in result.extractions
            ]
        if out_dir is not None:
            (out_dir / f"{stem}.json").write_text(
                json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        elif fmt is ExtractFormat.table:
            for x in result.extractions:
                table.add_row(*map(plain, (stem, figure(x.claim), x.claim.measure.value,
                                           x.claim.unit.value, str(x.claim.as_of or ""),
                                           x.claim.attributed_to or "—", x.quote[:160])))
        else:
            collected[result.path] = records
    if out_dir is None:
        if fmt is ExtractFormat.table:
            show_table(table)
        elif len(collected) == 1:
            sys.stdout.write(json.dumps(next(iter(collected.values())), ensure_ascii=False,
                                        indent=1) + "\n")
        else:
            sys.stdout.write(json.dumps(collected, ensure_ascii=False, indent=1) + "\n")
    _summary(summary)


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[pathlib.Path], typer.Argument(help="Files or folders.")],
    date: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD.")] = None,
    lang: Annotated[Language, typer.Option("--lang")] = Language.auto,
    outlet: Annotated[str | None, typer.Option(help="Outlet, when no metadata names it.")]
    = None,
    workers: Annotated[int, typer.Option(min=1)] = 1,
) -> None:
    """Store documents and their claims in the ledger as pending, for review."""
    from relokant.pipeline import FileOutcome, ingest_paths

    missing = [p for p in paths if not p.exists()]
    if missing:
        raise ValidationError(f"no such file or folder: {missing[0]}", source=str(missing[0]))
    progress = _progress()
    task = progress.add_task("ingesting", total=len(iter_paths(paths)))

    def advance(_: FileOutcome) -> None:
        progress.advance(task)

    with progress:
        outcome = ingest_paths(state_of(ctx).ledger(), paths, date=_parse_date(date),
                               language=lang.value, outlet=outlet, workers=workers,
                               on_file=advance)
    _summary([(f.path, f.refused, len(f.claims)) for f in outcome.files])
    err.print(f"{plural(outcome.new, 'new pending claim')}, {outcome.merged} merged into "
              "existing claims as citations; review them with 'relokant review'",
              markup=False, highlight=False)


def highlighted(quote: str, claim: Claim) -> Text:
    """The quote with the claim's figures in bold."""
    from relokant.pipeline import figure_spans

    text = Text(quote)
    for start, end in figure_spans(quote, claim):
        text.stylize("bold reverse", start, end)
    return text


def _show_pending(item: ReviewItem) -> None:
    claim = item.claim
    out.rule(plain(f"{claim.id}: {claim.measure.value} {figure(claim)} {claim.unit.value}"))
    for cit in claim.citations:
        out.print(plain(f"{cit.document.outlet}, {cit.document.published}"), style="dim")
        if cit.quote:
            out.print(highlighted(cit.quote, claim))
    out.print(f"attributed to: {claim.attributed_to or '—'} ({claim.source_type.value}); "
              f"period {claim.period_start or '?'} → {claim.as_of or '?'}; "
              f"population: {claim.population or '—'}", markup=False, highlight=False)
    if item.uncertain:
        unsure = ", ".join(f"{name} ({item.confidence_of(name) or 0:.2f})"
                           for name in item.uncertain)
        out.print(f"check: {unsure} (the extractor was unsure of these)", style="bold yellow",
                  markup=False, highlight=False)


_REVIEW_PROMPT = "[a]ccept, [r]eject, [e]dit FIELD=VALUE, [s]kip, [q]uit"


def _split_ids(values: list[str] | None) -> list[str]:
    return [part for v in values or [] for part in v.replace(",", " ").split()]


@app.command()
def review(
    ctx: typer.Context,
    accept: Annotated[list[str] | None, typer.Option("--accept", help="Accept these ids.")]
    = None,
    reject: Annotated[list[str] | None, typer.Option("--reject", help="Reject these ids.")]
    = None,
    reviewer: Annotated[str, typer.Option("--by", help="Who is reviewing.")] = "cli",
) -> None:
    """Review pending claims: interactively, or with --accept/--reject for scripts."""
    ledger = state_of(ctx).ledger()
    to_accept, to_reject = _split_ids(accept), _split_ids(reject)
    if to_accept or to_reject:
        both = set(to_accept) & set(to_reject)
        if both:
            raise ValidationError(f"claim {sorted(both)[0]} is both accepted and rejected")
        if to_accept:
            ledger.review(to_accept, Status.accepted, by=reviewer)
        if to_reject:
            ledger.review(to_reject, Status.rejected, by=reviewer)
        err.print(f"accepted {len(to_accept)}, rejected {len(to_reject)}")
        return
    pending, _ = review_queue(ledger)  # least certain first
    if not pending:
        err.print("no pending claims")
        return
    decided: Counter[str] = Counter()
    for item in pending:
        claim = item.claim
        _show_pending(item)
        while True:
            try:
                choice = Prompt.ask(Text(_REVIEW_PROMPT), default="s", console=out).strip()
            except (EOFError, KeyboardInterrupt):
                out.print()
                choice = "q"
            if choice in ("a", "accept"):
                ledger.review([claim.id or ""], Status.accepted, by=reviewer)
                decided["accepted"] += 1
            elif choice in ("r", "reject"):
                ledger.review([claim.id or ""], Status.rejected, by=reviewer)
                decided["rejected"] += 1
            elif choice.startswith(("e ", "edit ")) and "=" in choice:
                field, value = choice.split(" ", 1)[1].split("=", 1)
                try:
                    claim = ledger.update_claim(claim.id or "", by=reviewer,
                                                **{field.strip(): value.strip() or None})
                except ValidationError as exc:
                    err.print(plain(exc.message), style="red")
                else:
                    _show_pending(review_item(claim))
                continue
            elif choice in ("q", "quit"):
                err.print(f"accepted {decided['accepted']}, rejected {decided['rejected']}")
                return
            break
    err.print(f"accepted {decided['accepted']}, rejected {decided['rejected']}")
