"""What a new user hits in the first hour (#11 items 2, 3, 4, 7, 8)."""

from __future__ import annotations

import datetime as dt
import json
import os
import pathlib
import sys

import pytest

from relokant.errors import IngestError
from relokant.ingest import read_document

SRC = pathlib.Path(__file__).resolve().parents[2] / "src"
ARTICLE = ("# Exodus in numbers\n\nMarch 3, 2024\n\nAccording to demographer Ivan Petrov, "
           "between 600,000 and 900,000 Russians left the country last year.\n")
RU_LINE = "Россия: по данным Росстата, страну покинули 668 тысяч человек.\n"


def test_review_in_a_real_terminal_shows_the_letters_and_ends_at_eof(
    cli, tmp_path: pathlib.Path,  # type: ignore[no-untyped-def]
) -> None:
    pexpect = pytest.importorskip("pexpect")
    path = tmp_path / "one.md"
    path.write_text(ARTICLE, encoding="utf-8")
    assert cli("ingest", str(path)).code == 0
    env = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "120", "TERM": "xterm"}
    child = pexpect.spawn(sys.executable, ["-m", "relokant", "review"], env=env,
                          encoding="utf-8", timeout=60, dimensions=(40, 120))
    child.expect_exact("[a]ccept, [r]eject, [e]dit FIELD=VALUE, [s]kip, [q]uit")
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert "Traceback" not in (child.before or "")
    assert "EOFError" not in (child.before or "")
    assert child.exitstatus == 0


def test_piped_tables_keep_ids_whole_at_any_width(cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from relokant.cli import common

    monkeypatch.setattr(common.out, "width", 20)
    added = cli("claims", "add", "--measure", "departures", "--unit", "persons",
                "--value", "700000", "--outlet", "Test Daily", "--published", "2024-01-05",
                "--actor", "Ivan Petrov", "--as-of", "2023-12-31")
    assert added.code == 0, added.err
    ids = [c["id"] for c in json.loads(cli("claims", "list", "--format", "json").out)]
    listed = cli("claims", "list").out
    rows = [line.split("\t") for line in listed.splitlines() if not line.startswith("#")]
    assert rows[0][0] == "id"
    assert {r[0] for r in rows[1:]} == set(ids)
    assert "…" not in listed


def test_ingest_where_every_file_is_refused_exits_2_with_reasons(
    cli, tmp_path: pathlib.Path,  # type: ignore[no-untyped-def]
) -> None:
    (tmp_path / "undated.txt").write_text("More than 820,000 people have left since 2022.")
    (tmp_path / "empty.txt").write_bytes(b"")
    result = cli("ingest", str(tmp_path / "undated.txt"), str(tmp_path / "empty.txt"))
    assert result.code == 2
    assert "undated.txt: no publication date" in result.err
    assert "give the publication date" in result.err
    assert "empty.txt: empty file" in result.err
    assert "every one was refused" in result.err


def test_plurals_agree(cli, tmp_path: pathlib.Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "one.md"
    path.write_text(ARTICLE, encoding="utf-8")
    result = cli("extract", str(path))
    assert "read 1 file," in result.err and "1 files" not in result.err


def test_html_without_date_metadata_is_not_dated_from_its_body(tmp_path: pathlib.Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Exodus</title></head><body><article><p>In 2022 "
                    "about 700,000 people left Russia, demographers said in 2022.</p><p>"
                    "The figure is disputed by officials and by researchers alike.</p>"
                    "</article></body></html>", encoding="utf-8")
    assert read_document(page).published is None
    assert read_document(page, date=dt.date(2023, 5, 1)).published == dt.date(2023, 5, 1)
    dated = tmp_path / "2023-04-02_page.html"
    dated.write_bytes(page.read_bytes())
    assert read_document(dated).published == dt.date(2023, 4, 2)


def test_html_dated_by_json_ld(tmp_path: pathlib.Path) -> None:
    page = tmp_path / "page.html"
    page.write_text('<html><head><script type="application/ld+json">{"datePublished": '
                    '"2024-06-07T10:00:00Z"}</script></head><body><p>In 2022 many left, '
                    'about 700,000 people according to experts.</p></body></html>',
                    encoding="utf-8")
    assert read_document(page).published == dt.date(2024, 6, 7)


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_russian_legacy_text_is_never_read_as_mac_cyrillic(
    tmp_path: pathlib.Path, encoding: str,
) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes(("Москва, 3 апреля 2024\n\n" + RU_LINE * 3).encode(encoding))
    doc = read_document(path)
    assert doc.encoding == encoding
    assert "Россия" in doc.text and "–оссия" not in doc.text


def test_mixed_utf8_and_cp1251_lines_are_decoded_line_by_line_with_a_warning(
    cli, tmp_path: pathlib.Path,  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "2024-04-03_mixed.txt"
    path.write_bytes(RU_LINE.encode("utf-8") + RU_LINE.encode("cp1251") * 2)
    doc = read_document(path)
    assert doc.text == RU_LINE * 3
    assert doc.encoding == "mixed:utf-8+cp1251"
    for door in ("extract", "ingest"):
        result = cli(door, str(path))
        assert f"warning: {path}: mixed encodings" in result.err, door


def test_western_legacy_text_stays_western(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "2024-01-01_fr.txt"
    path.write_bytes("Café, résumé et naïveté: 700 000 départs selon l'étude.\n"
                     .encode("cp1252"))
    assert "Café" in read_document(path).text


def test_a_nul_byte_anywhere_marks_binary(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "2024-01-01_late_nul.txt"
    path.write_bytes(ARTICLE.encode() * 500 + b"\x00tail")
    with pytest.raises(IngestError, match=r"late_nul\.txt: binary"):
        read_document(path)


def test_size_limit_message_states_the_real_limit(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(IngestError, match=r"larger than the 1,024 bytes limit"):
        read_document(path, max_bytes=1024)
    from relokant.ingest.reading import MAX_BYTES, _mib

    assert _mib(MAX_BYTES) == "20 MiB"
