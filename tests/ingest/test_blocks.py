"""Paragraph blocks and block-by-block extraction keep quotes' spans right (#11 item 9)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from relokant.extract.streaming import extract_blocks
from relokant.ingest.blocks import paragraph_blocks
from relokant.records import TextDocument

PARA = ("According to demographer Ivan Petrov, between 600,000 and 900,000 Russians left "
        "the country last year.")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n\t."), max_size=400), st.integers(5, 50))
def test_blocks_cover_the_text_in_order(text: str, size: int) -> None:
    pieces = list(paragraph_blocks(text, size=size))
    assert "".join(b for _, b in pieces) == text
    for offset, block in pieces:
        assert text[offset:offset + len(block)] == block and block


def test_block_extraction_matches_whole_text_spans() -> None:
    text = "\n\n".join([PARA] + ["Filler paragraph with no figures at all. " * 40] * 70
                       + [PARA.replace("600,000", "650,000")])
    assert len(text) > 100_000
    doc = TextDocument(source="big.txt", text=text, published=dt.date(2024, 3, 3))
    found = list(extract_blocks(doc, "en"))
    assert len(found) >= 2
    for x in found:
        assert text[x.span_start:x.span_end] == x.quote
    assert {x.claim.low for x in found} >= {600_000, 650_000}
