"""The ingest use case: one way from an article to ledger claims, whatever the front end."""

from __future__ import annotations

import datetime as dt
import pathlib

import pytest

from relokant.errors import IngestError, ValidationError
from relokant.ledger import Ledger
from relokant.pipeline import figure_spans, ingest_bytes, ingest_paths
from relokant.records import Bound, Claim, Measure, Unit


def _claims(ledger: Ledger) -> list[dict[str, object]]:
    return sorted((c.model_dump(mode="json", exclude={"citations"})
                   for c in ledger.list_claims()), key=lambda c: str(c["id"]))


def test_paths_and_bytes_give_the_same_claims(corpus: pathlib.Path) -> None:
    article = sorted(corpus.glob("*.txt"))[0]
    meta = article.with_name(article.stem + ".meta.json")
    from_disk, from_upload = Ledger.open("sqlite://"), Ledger.open("sqlite://")
    outcome = ingest_paths(from_disk, [article])
    assert outcome.files[0].claims and not outcome.refused
    import json

    published = dt.date.fromisoformat(json.loads(meta.read_text())["date"][:10])
    uploaded = ingest_bytes(from_upload, article.name, article.read_bytes(), date=published,
                            outlet=json.loads(meta.read_text())["outlet"])
    assert uploaded.claims == outcome.files[0].claims
    assert _claims(from_disk) == _claims(from_upload)


def test_a_file_without_a_date_is_refused_with_its_reason(tmp_path: pathlib.Path) -> None:
    undated = tmp_path / "note.txt"
    undated.write_text("About 100,000 people left the country, the ministry said.\n")
    ledger = Ledger.open("sqlite://")
    before = len(ledger.list_claims())
    outcome = ingest_paths(ledger, [undated])
    assert [f.path for f in outcome.refused] == [str(undated)]
    assert "publication date" in (outcome.refused[0].refused or "")
    assert len(ledger.list_claims()) == before
    dated = ingest_paths(ledger, [undated], date=dt.date(2023, 5, 1))
    assert not dated.refused and dated.files[0].document is not None
    assert dated.files[0].document.published == dt.date(2023, 5, 1)


def test_the_users_outlet_applies_only_where_the_file_names_none(tmp_path: pathlib.Path) -> None:
    text = "More than 500,000 people have left Russia, the demographer said.\n"
    ledger = Ledger.open("sqlite://")
    done = ingest_bytes(ledger, "2023-05-01_note.txt", text.encode(), outlet="Given Outlet")
    assert done.document is not None and done.document.outlet == "Given Outlet"
    html = ("<html><head><meta property='og:site_name' content='Own Outlet'>"
            "<meta property='article:published_time' content='2023-05-02'></head>"
            f"<body><article><p>{text}</p></article></body></html>")
    page = ingest_bytes(ledger, "page.html", html.encode(), outlet="Given Outlet")
    assert page.document is not None and page.document.outlet == "Own Outlet"


def test_uploads_are_refused_by_name_and_content() -> None:
    ledger = Ledger.open("sqlite://")
    with pytest.raises(ValidationError) as bad_suffix:
        ingest_bytes(ledger, "slides.pdf", b"%PDF-1.4", date=dt.date(2023, 1, 1))
    assert bad_suffix.value.field == "file" and "slides.pdf" in bad_suffix.value.message
    with pytest.raises(IngestError):
        ingest_bytes(ledger, "empty.txt", b"", date=dt.date(2023, 1, 1))
    with pytest.raises(ValidationError) as undated:
        ingest_bytes(ledger, "note.txt", b"About 100,000 people left.\n")
    assert undated.value.field == "date"


def test_figure_spans_mark_the_claims_numbers_only() -> None:
    claim = Claim(measure=Measure.departures, unit=Unit.persons, bound=Bound.about,
                  value=700_000)
    quote = "In 2023 about 700,000 people had left, up from 500,000"
    spans = figure_spans(quote, claim)
    assert [quote[a:b] for a, b in spans] == ["700,000"]


def test_long_files_are_ingested_block_by_block_with_true_spans(tmp_path: pathlib.Path) -> None:
    from relokant.ingest.blocks import BLOCK_CHARS

    filler = "The weather was mild and the markets were calm that week.\n\n"
    sentence = "About 420,000 people left the country, the ministry said.\n"
    text = filler * (3 * BLOCK_CHARS // len(filler)) + sentence
    path = tmp_path / "2023-05-01_long.txt"
    path.write_text(text, encoding="utf-8")
    ledger = Ledger.open("sqlite://")
    outcome = ingest_paths(ledger, [path])
    (claim_id, _), = outcome.files[0].claims
    citation = next(c for c in ledger.get_claim(claim_id).citations
                    if c.document.published == dt.date(2023, 5, 1))
    assert citation.span_start is not None and citation.span_start > 2 * BLOCK_CHARS
    assert text[citation.span_start:citation.span_end] == citation.quote
    uploaded = ingest_bytes(Ledger.open("sqlite://"), path.name, path.read_bytes())
    assert uploaded.claims and uploaded.claims[0][0] == claim_id
