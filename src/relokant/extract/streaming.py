"""Extract one document block by block: memory bounded by the block, not the file.

The extractor is fed one paragraph block at a time (a copy of the document holding only
that block); spans, the claims' citation spans included, are shifted back to offsets in
the whole text, so every quote still points at the right characters.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from functools import cache

from relokant.extract.extractor import ClaimExtractor, Extraction
from relokant.ingest.blocks import BLOCK_CHARS, paragraph_blocks
from relokant.records import Actor, TextDocument


def _shifted(x: Extraction, offset: int, sentence_base: int) -> Extraction:
    citations = tuple(
        c.model_copy(update={"span_start": c.span_start + offset,
                             "span_end": (c.span_end or 0) + offset})
        if c.span_start is not None else c for c in x.claim.citations)
    claim = x.claim.model_copy(update={"citations": citations})
    return dataclasses.replace(x, claim=claim, span_start=x.span_start + offset,
                               span_end=x.span_end + offset,
                               sentence_index=x.sentence_index + sentence_base)


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
            yield _shifted(x, offset, sentence_base)
        sentence_base += 1 + max((x.sentence_index for x in found), default=0)
        if on_block is not None:
            on_block(offset + len(block), total)
