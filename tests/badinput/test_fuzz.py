"""Random bytes into the readers: they raise only relokant's own errors (#11 item 15)."""

from __future__ import annotations

import pathlib
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relokant.errors import RelokantError
from relokant.ingest import read_document
from relokant.ledger.serialise import read_claims_file

_SUFFIXES = st.sampled_from([".txt", ".md", ".html", ".json", ".csv"])
#: Random bytes, and random bytes glued to plausible starts so parsers go deeper.
_RAW = st.one_of(
    st.binary(max_size=600),
    st.tuples(st.sampled_from([b"<html><body>", b"March 3, 2024\n\n", b"[{", b'{"claims": [',
                               b"measure,unit,bound,value\n", "Россия ".encode("cp1251")]),
              st.binary(max_size=300)).map(lambda t: t[0] + t[1]),
)
_FUZZ = settings(max_examples=80, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])


def _file(raw: bytes, suffix: str) -> pathlib.Path:
    folder = pathlib.Path(tempfile.mkdtemp(prefix="relokant-fuzz-"))
    path = folder / f"2024-01-02_fuzz{suffix}"
    path.write_bytes(raw)
    return path


@_FUZZ
@given(_RAW, _SUFFIXES)
def test_read_document_raises_only_relokant_errors(raw: bytes, suffix: str) -> None:
    path = _file(raw, suffix)
    try:
        doc = read_document(path)
    except RelokantError as exc:
        assert str(path) in exc.message
    else:
        assert doc.text.strip() and "\x00" not in doc.text


@_FUZZ
@given(_RAW, st.sampled_from([".json", ".csv"]))
def test_claims_files_raise_only_relokant_errors(raw: bytes, suffix: str) -> None:
    path = _file(raw, suffix)
    try:
        read_claims_file(path)
    except RelokantError as exc:
        assert str(path) in str(exc)
