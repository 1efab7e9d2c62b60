"""Extract one file block by block: memory bounded by the block, progress per block.

The extractor's public ``extract`` is fed one paragraph block at a time (a copy
of the document holding only that block); spans are shifted back to offsets in
the whole text, so quotes still point at the right characters.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from relokant.errors import IngestError, RelokantError
from relokant.extract.batch import BatchSettings, FileResult
from relokant.extract.streaming import extract_blocks
from relokant.ingest import read_document

log = logging.getLogger(__name__)


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
