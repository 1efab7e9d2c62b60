"""Every front door over the hostile corpus (#11 item 15).

For each input: no traceback, exit 2 (or HTTP 4xx) with the file, record and
field named, and the ledger file byte-for-byte unchanged.
"""

from __future__ import annotations

import hashlib
import json
import pathlib

import pytest

from tests.badinput.corpus import (
    CLAIM,
    HOSTILE_DOCUMENTS,
    REFUSED_DOCUMENTS,
    REFUSED_IMPORTS,
)

TOKEN = "test-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _ledger_hash(tmp_path: pathlib.Path) -> str:
    return hashlib.sha256((tmp_path / "cli-ledger.db").read_bytes()).hexdigest()


@pytest.fixture
def ledger(cli, tmp_path: pathlib.Path):  # type: ignore[no-untyped-def]
    """A file ledger with one stored claim; returns a function giving its hash."""
    folder = tmp_path / "ok.json"
    folder.write_text(json.dumps([CLAIM]), encoding="utf-8")
    assert cli("claims", "import", str(folder)).code == 0
    return lambda: _ledger_hash(tmp_path)


def _write(tmp_path: pathlib.Path, name: str, data: bytes) -> pathlib.Path:
    path = tmp_path / "in" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", sorted(REFUSED_DOCUMENTS))
@pytest.mark.parametrize("door", ["extract", "ingest"])
def test_refused_documents(cli, ledger, tmp_path: pathlib.Path, door: str,  # type: ignore[no-untyped-def]
                           name: str) -> None:
    if door == "extract" and name.startswith("undated"):
        pytest.skip("extract prints claims of undated files (nothing is stored or dated)")
    path = _write(tmp_path, name, REFUSED_DOCUMENTS[name])
    before = ledger()
    result = cli(door, str(path))
    assert "Traceback" not in result.err + result.out
    assert result.code == 2, result.err
    assert f"skipped {path}:" in result.err
    assert ledger() == before


def test_huge_document_is_refused_with_the_real_limit(cli, ledger,  # type: ignore[no-untyped-def]
                                                      tmp_path: pathlib.Path) -> None:
    path = tmp_path / "2024-01-01_huge.txt"
    with path.open("wb") as f:
        f.truncate(20 * 1024 * 1024 + 1)  # sparse: cheap to make
    before = ledger()
    result = cli("ingest", str(path))
    assert result.code == 2 and "20 MiB limit" in result.err and str(path) in result.err
    assert ledger() == before


@pytest.mark.parametrize("name", sorted(HOSTILE_DOCUMENTS))
def test_hostile_but_readable_documents(cli, ledger, tmp_path: pathlib.Path,  # type: ignore[no-untyped-def]
                                        name: str) -> None:
    path = _write(tmp_path, name, HOSTILE_DOCUMENTS[name])
    result = cli("extract", "--format", "json", str(path))
    assert "Traceback" not in result.err and result.code in (0, 2)
    assert "alert(" not in result.out and "document.write" not in result.out
    ingested = cli("ingest", str(path))
    assert "Traceback" not in ingested.err and ingested.code in (0, 2)
    exported = cli("claims", "export").out
    assert "javascript:" not in exported and "alert(" not in exported


@pytest.mark.parametrize("name", sorted(REFUSED_IMPORTS))
def test_refused_imports(cli, ledger, tmp_path: pathlib.Path, name: str) -> None:  # type: ignore[no-untyped-def]
    data, says = REFUSED_IMPORTS[name]
    path = _write(tmp_path, name, data)
    before = ledger()
    result = cli("claims", "import", str(path))
    assert "Traceback" not in result.err
    assert result.code == 2, result.err
    assert str(path) in result.err and says in result.err
    assert ledger() == before


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400"])
def test_claims_add_refuses_non_finite_values(cli, ledger, value: str) -> None:  # type: ignore[no-untyped-def]
    before = ledger()
    result = cli("claims", "add", "--measure", "departures", "--unit", "persons",
                 "--outlet", "Test Daily", "--published", "2024-01-05", "--value", value)
    assert "Traceback" not in result.err
    assert result.code == 2 and "value" in result.err
    assert ledger() == before


@pytest.fixture
def api(tmp_path: pathlib.Path):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from relokant.ledger import Ledger
    from relokant.web.app import create_app

    db = tmp_path / "api.db"
    store = Ledger.open(f"sqlite:///{db}")
    client = TestClient(create_app(ledger=store, token=TOKEN), raise_server_exceptions=False)
    assert client.post("/api/claims", json=CLAIM, headers=AUTH).status_code == 201
    return client, lambda: hashlib.sha256(db.read_bytes()).hexdigest()


@pytest.mark.parametrize("body", [
    json.dumps(CLAIM).replace("750000", "NaN"),
    json.dumps(CLAIM).replace("750000", "Infinity"),
    json.dumps(CLAIM).replace("750000", "1e400"),
    "[" * 50_000 + "]" * 50_000,
    json.dumps(CLAIM)[:-5],
    "\x00\x01\x02",
])
def test_api_claims_refuses_hostile_bodies(api, body: str) -> None:  # type: ignore[no-untyped-def]
    client, digest = api
    before = digest()
    response = client.post("/api/claims", content=body.encode(),
                           headers={**AUTH, "Content-Type": "application/json"})
    assert 400 <= response.status_code < 500, response.text
    assert response.json()["message"]
    if any(word in body for word in ("NaN", "Infinity", "1e400")):
        assert response.json()["field"] == "value"  # the non-finite number is named
    assert digest() == before


@pytest.mark.parametrize("name", sorted(n for n in REFUSED_DOCUMENTS if REFUSED_DOCUMENTS[n]))
def test_api_upload_refuses_hostile_files(api, name: str) -> None:  # type: ignore[no-untyped-def]
    client, digest = api
    before = digest()
    response = client.post("/api/documents", headers=AUTH,
                           files={"file": (name, REFUSED_DOCUMENTS[name], "text/plain")})
    assert 400 <= response.status_code < 500, response.text
    assert response.json()["message"]
    assert digest() == before
