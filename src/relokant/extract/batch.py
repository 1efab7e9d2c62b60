"""Read and extract many files: in this process, in worker processes, or on Dask.

Results stream back one file at a time, so memory stays flat however large
the folder. A file that cannot be read is reported with its reason and the
batch goes on. This module reads files (read-only) and never writes.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import pathlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from relokant.errors import IngestError, RelokantError
from relokant.extract.extractor import Extraction
from relokant.extract.streaming import extract_blocks
from relokant.ingest import read_document
from relokant.records import Actor, TextDocument

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FileResult:
    """What one file gave: its document and claims, or why it was skipped."""

    path: str
    document: TextDocument | None
    extractions: tuple[Extraction, ...] = ()
    skipped: str | None = None


@dataclass(frozen=True)
class BatchSettings:
    """How to read each file (picklable, sent to workers)."""

    date: dt.date | None = None
    language: str = "auto"
    #: The actors names resolve against (the ledger's, so CLI and web agree); None: bundled.
    actors: tuple[Actor, ...] | None = None


def process_file(path: str, settings: BatchSettings, *,
                 on_block: Callable[[int, int], None] | None = None) -> FileResult:
    """Read and extract one file block by block, turning every failure into a skip reason.

    ``on_block(done, total)`` reports characters extracted so far, for progress bars.
    """
    try:
        document = read_document(path, date=settings.date, language=settings.language)
    except IngestError as exc:
        return FileResult(path, None, skipped=exc.message.split(": ", 1)[-1])
    except OSError as exc:
        return FileResult(path, None, skipped=f"cannot read ({exc})")
    try:
        extractions = tuple(extract_blocks(document, settings.language,
                                           actors=settings.actors, on_block=on_block))
    except RelokantError as exc:
        return FileResult(path, document, skipped=str(exc))
    except Exception as exc:  # one bad article must never stop a batch of thousands
        log.exception("extraction failed on %s", path)
        return FileResult(path, document, skipped=f"extraction failed: {type(exc).__name__}: "
                          f"{exc}")
    return FileResult(path, document, extractions)


def _process_chunk(paths: list[str], settings: BatchSettings) -> list[FileResult]:
    return [process_file(p, settings) for p in paths]


def _chunks(paths: Iterable[pathlib.Path], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for p in paths:
        chunk.append(str(p))
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_batch(
    paths: Iterable[pathlib.Path],
    settings: BatchSettings,
    *,
    workers: int = 1,
    dask_address: str | None = None,
    chunk_size: int = 16,
) -> Iterator[FileResult]:
    """Yield one :class:`FileResult` per path (order kept for local runs)."""
    if dask_address:
        yield from _run_dask(paths, settings, dask_address, chunk_size)
        return
    if workers <= 1:
        for p in paths:
            yield process_file(str(p), settings)
        return
    # spawn, not fork: the parent may already run JAX or natasha threads
    with ProcessPoolExecutor(max_workers=workers,
                             mp_context=multiprocessing.get_context("spawn")) as pool:
        window = workers * 4
        pending = []
        for chunk in _chunks(paths, chunk_size):
            pending.append(pool.submit(_process_chunk, chunk, settings))
            if len(pending) >= window:
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()


def _run_dask(
    paths: Iterable[pathlib.Path], settings: BatchSettings, address: str, chunk_size: int
) -> Iterator[FileResult]:
    try:
        from distributed import Client, as_completed
    except ImportError as exc:  # pragma: no cover - distributed is a dependency
        raise RelokantError("Dask distributed is not installed") from exc
    try:
        client = Client(address, timeout="10s")
    except OSError as exc:
        raise RelokantError(
            f"cannot reach the Dask scheduler at {address!r}: {exc}",
            hint="start one with 'dask scheduler' and workers with 'dask worker ADDRESS'",
        ) from None
    try:
        window = max(4, 4 * max(1, len(client.scheduler_info().get("workers", {}))))
        iterator = _chunks(paths, chunk_size)
        futures = as_completed()
        for chunk in iterator:
            futures.add(client.submit(_process_chunk, chunk, settings, pure=False))
            if futures.count() >= window:
                yield from next(futures).result()
        for future in futures:
            yield from future.result()
    finally:
        client.close()
