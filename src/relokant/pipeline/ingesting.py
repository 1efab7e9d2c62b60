"""Ingest: read articles, extract their claims against the ledger's actors, store them.

The one place that decides how a document becomes ledger entries: which actors
speakers resolve to, when an outlet given by the user applies, and what makes a file
refused. Files are refused one by one with a reason; a batch goes on.
"""

from __future__ import annotations

import datetime as dt
import pathlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from relokant.errors import IngestError, ValidationError
from relokant.extract.batch import BatchSettings, FileResult, run_batch
from relokant.extract.streaming import extract_blocks
from relokant.ingest import iter_paths, read_bytes
from relokant.ledger import Ledger
from relokant.records import Document, TextDocument

#: Suffixes an upload may have (what ``read_document`` reads from disk too).
UPLOAD_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
NO_DATE = "no publication date found (give the publication date, or add STEM.meta.json)"


@dataclass(frozen=True)
class FileOutcome:
    """What one file gave the ledger: its document and claim ids, or why it was refused."""

    path: str
    document: Document | None = None
    #: (claim id, whether the claim is new rather than a further citation of a known one)
    claims: tuple[tuple[str, bool], ...] = ()
    refused: str | None = None

    @property
    def new(self) -> int:
        """How many claims this file added."""
        return sum(1 for _, is_new in self.claims if is_new)


@dataclass(frozen=True)
class IngestOutcome:
    """A whole ingest run, file by file."""

    files: tuple[FileOutcome, ...]

    @property
    def new(self) -> int:
        """Claims added."""
        return sum(f.new for f in self.files)

    @property
    def merged(self) -> int:
        """Claims already known, which gained a citation."""
        return sum(len(f.claims) - f.new for f in self.files)

    @property
    def refused(self) -> tuple[FileOutcome, ...]:
        """The files that gave nothing, with their reasons."""
        return tuple(f for f in self.files if f.refused)


def _with_outlet(document: TextDocument, outlet: str | None) -> TextDocument:
    """The user's outlet applies only where the file's own metadata names none."""
    if outlet and not document.outlet:
        return document.model_copy(update={"outlet": outlet})
    return document


def _store(ledger: Ledger, result: FileResult, outlet: str | None) -> FileOutcome:
    if result.document is None or result.skipped:
        return FileOutcome(result.path, refused=result.skipped or "unreadable")
    document = _with_outlet(result.document, outlet)
    if document.published is None:
        return FileOutcome(result.path, refused=NO_DATE)
    citation_doc = document.as_document()
    stored = ledger.ingest(citation_doc, [x.claim for x in result.extractions],
                           text_sha256=document.sha256)
    return FileOutcome(result.path, citation_doc,
                       tuple((c.id or "", is_new) for c, is_new in stored))


def extract_paths(
    paths: Iterable[pathlib.Path], *, ledger: Ledger | None = None, date: dt.date | None = None,
    language: str = "auto", workers: int = 1, dask_address: str | None = None,
) -> Iterator[FileResult]:
    """Read and extract files without storing anything; actors from ``ledger`` if given."""
    actors = tuple(ledger.actors()) if ledger is not None else None
    settings = BatchSettings(date=date, language=language, actors=actors)
    yield from run_batch(iter_paths(list(paths)), settings, workers=workers,
                         dask_address=dask_address)


def ingest_paths(
    ledger: Ledger, paths: Iterable[pathlib.Path], *, date: dt.date | None = None,
    language: str = "auto", outlet: str | None = None, workers: int = 1,
    dask_address: str | None = None, on_file: Callable[[FileOutcome], None] | None = None,
) -> IngestOutcome:
    """Store the claims of every readable file as pending; refuse the rest with reasons."""
    outcomes: list[FileOutcome] = []
    for result in extract_paths(paths, ledger=ledger, date=date, language=language,
                                workers=workers, dask_address=dask_address):
        outcome = _store(ledger, result, outlet)
        outcomes.append(outcome)
        if on_file is not None:
            on_file(outcome)
    return IngestOutcome(tuple(outcomes))


def ingest_bytes(
    ledger: Ledger, name: str, data: bytes, *, date: dt.date | None = None,
    outlet: str | None = None, language: str = "auto",
) -> FileOutcome:
    """Ingest one uploaded file held in memory (no temporary file).

    Raises
    ------
    ValidationError
        The name has a suffix relokant does not read, or no publication date is known.
    IngestError
        The bytes cannot be read as an article (empty, binary, undecodable, too large).
    """
    base = pathlib.PurePath(name).name or "upload.txt"
    if not base.lower().endswith(UPLOAD_SUFFIXES):
        raise ValidationError(f"only {', '.join(UPLOAD_SUFFIXES)} files are accepted",
                              source=base, field="file")
    document = _with_outlet(read_bytes(data, name=base, date=date, language=language),
                            outlet)
    if document.published is None:
        raise ValidationError("no publication date found", source=base, field="date",
                              hint="give the publication date (YYYY-MM-DD)")
    found = list(extract_blocks(document, language, actors=tuple(ledger.actors())))
    citation_doc = document.as_document()
    stored = ledger.ingest(citation_doc, [x.claim for x in found], text_sha256=document.sha256)
    return FileOutcome(base, citation_doc, tuple((c.id or "", new) for c, new in stored))


__all__ = ["FileOutcome", "IngestError", "IngestOutcome", "extract_paths", "ingest_bytes",
           "ingest_paths"]
