"""Reading documents: encodings, HTML, dates, languages, and files that are not articles."""

from __future__ import annotations

import datetime as dt
import json
import pathlib

import pytest

from relokant.errors import IngestError
from relokant.ingest import detect_language, iter_paths, read_document

RU = "По данным Росстата, в прошлом году страну покинули 668 тыс. 400 человек."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8_r", "utf-16"])
def test_russian_in_any_encoding(tmp_path: pathlib.Path, encoding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(("Москва, 3 апреля 2024\n\n" + RU).encode(encoding))
    doc = read_document(path)
    assert RU in doc.text
    assert doc.language == "ru"
    assert doc.published == dt.date(2024, 4, 3)


def test_html_is_read_with_trafilatura_and_metadata(tmp_path: pathlib.Path) -> None:
    html = ("<html><head><title>Exodus</title><meta property='article:published_time' "
            "content='2024-02-10'><meta property='og:site_name' content='Test Daily'></head>"
            "<body><nav>Menu Home About</nav><article><h1>Exodus</h1><p>According to "
            "demographer Ivan Petrov, 700,000 people left Russia last year.</p><p>Experts "
            "disagree about the figure and about what it means for the economy.</p></article>"
            "<footer>© 2024</footer></body></html>")
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "html"
    assert "700,000 people left Russia" in doc.text and "<p>" not in doc.text
    assert doc.published == dt.date(2024, 2, 10)


def test_broken_html_still_reads(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text("<html><body><p>Over 15% of emigres <b>returned</p></div></span>")
    doc = read_document(path, date=dt.date(2024, 1, 1))
    assert "15% of emigres" in doc.text


def test_sidecar_metadata_wins_over_dateline(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("January 2, 2020\n\nSome text about 1,000 emigrants who left.")
    (tmp_path / "story.meta.json").write_text(json.dumps(
        {"date": "2024-05-06", "outlet": "Daily", "title": "Story", "language": "en"}))
    doc = read_document(path)
    assert doc.published == dt.date(2024, 5, 6) and doc.outlet == "Daily"
    assert read_document(path, date=dt.date(2021, 1, 1)).published == dt.date(2021, 1, 1)


def test_date_from_published_key_or_file_name(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "2023-11-02_daily_story.txt"
    path.write_text("Some text about 1,000 emigrants who left.")
    assert read_document(path).published == dt.date(2023, 11, 2)
    (tmp_path / "2023-11-02_daily_story.meta.json").write_text(
        json.dumps({"published": "2023-11-03T08:00:00Z"}))
    assert read_document(path).published == dt.date(2023, 11, 3)
    other = tmp_path / "20231102-story.txt"  # not the YYYY-MM-DD convention
    other.write_text("Some text about 1,000 emigrants who left.")
    assert read_document(other).published is None


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary"),
])
def test_unreadable_files_raise_with_reason(tmp_path: pathlib.Path, content: bytes,
                                            message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(IngestError, match=message):
        read_document(path)


def test_too_large_is_refused(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 5000)
    with pytest.raises(IngestError, match="larger than"):
        read_document(path, max_bytes=1000)


def test_truncated_utf8_is_read(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes(RU.encode("utf-8")[:-1])  # a multibyte character cut in half
    doc = read_document(path, date=dt.date(2024, 1, 1))
    assert "Росстата" in doc.text


def test_language_detection_and_folder_listing(tmp_path: pathlib.Path) -> None:
    assert detect_language(RU) == "ru"
    assert detect_language("More than 820,000 people have left.") == "en"
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.md").write_text("x")
    (tmp_path / "c.png").write_bytes(b"x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text("x")
    assert [p.name for p in iter_paths([tmp_path])] == ["a.txt", "b.md"]
