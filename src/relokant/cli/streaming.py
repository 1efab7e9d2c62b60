"""Extract one file block by block: memory bounded by the block, progress per block.

The extractor's public ``extract`` is fed one paragraph block at a time (a copy
of the document holding only that block); spans are shifted back to offsets in
the whole text, so quotes still point at the right characters.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterator
from functools import cache

from relokant.errors import IngestError, RelokantError
from relokant.extract.batch import BatchSettings, FileResult
from relokant.extract.extractor import ClaimExtractor, Extraction
from relokant.ingest import read_document
from relokant.ingest.blocks import BLOCK_CHARS, paragraph_blocks
from relokant.records import Actor, TextDocument

log = logging.getLogger(__name__)


@cache
def _extractor(language: str, actors: tuple[Actor, ...] | None) -> ClaimExtractor:
    return ClaimExtractor(actors, language=language)


def extract_blocks(document: TextDocument, language: str, *,
                   actors: tuple[Actor, ...] | None = None,
                   on_block: Callable[[int, int], None] | None = None) -> Iterator[Extraction]:
    """Every claim of ``document``, extracted block by block, spans in whole-text offsets."""
    extractor = _extractor(language, actors)
    if len(document.text) <= BLOCK_CHARS:
        yield from extractor.extract(document)
        return
    sentence_base = 0
    total = len(document.text)
    for offset, block in paragraph_blocks(document.text):
        part = document.model_copy(update={"text": block})
        found = extractor.extract(part)
        for x in found:
            yield dataclasses.replace(x, span_start=x.span_start + offset,
                                      span_end=x.span_end + offset,
                                      sentence_index=x.sentence_index + sentence_base)
        sentence_base += 1 + max((x.sentence_index for x in found), default=0)
        if on_block is not None:
            on_block(offset + len(block), total)


def process_file_streamed(path: str, settings: BatchSettings, *,
                          on_block: Callable[[int, int], None] | None = None) -> FileResult:
    """Like the batch's per-file step, but streaming the text through the extractor."""
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
    except Exception as exc:  # one bad article must never stop a batch
        log.exception("extraction failed on %s", path)
        return FileResult(path, document, skipped=f"extraction failed: {type(exc).__name__}: "
                          f"{exc}")
    return FileResult(path, document, extractions)
