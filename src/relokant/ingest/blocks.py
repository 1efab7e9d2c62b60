"""Split a long text into paragraph blocks, so extraction works on a bounded window.

Extraction cost and memory grow faster than the text (sentence lists, masks,
named-entity batches); feeding blocks of whole paragraphs keeps them bounded,
and each block's offset lets quotes keep their spans in the whole document.
An ordinary article fits in one block and is extracted exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Characters per block: far above any one article, far below a 20 MiB dump.
BLOCK_CHARS = 64_000
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def paragraph_blocks(text: str, *, size: int = BLOCK_CHARS) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, block)`` pairs covering ``text`` in order, cut at paragraph breaks.

    A block ends at the last paragraph break before ``size`` characters; a
    paragraph longer than ``size`` is cut at a line break, else at ``size``.
    ``text[offset:offset + len(block)] == block`` always holds.
    """
    start = 0
    n = len(text)
    while start < n:
        end = min(start + size, n)
        if end < n:
            window = text[start:end]
            breaks = list(_PARAGRAPH_BREAK.finditer(window))
            if breaks and breaks[-1].end() > 0:
                end = start + breaks[-1].end()
            else:
                newline = window.rfind("\n")
                if newline > 0:
                    end = start + newline + 1
        yield start, text[start:end]
        start = end
