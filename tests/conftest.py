"""Shared fixtures: ledgers on SQLite (always) and PostgreSQL (when a server is given)."""

from __future__ import annotations

import os
import pathlib
import uuid
from collections.abc import Iterator

import pytest

from relokant.cli import common, main
from relokant.ledger import Ledger

ROOT = pathlib.Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SCORER = ROOT.parent / "shared" / "tools" / "score_claims.py"
PG_URL = os.environ.get("RELOKANT_TEST_PG_URL")


def _pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for one test, dropped afterwards."""
    import psycopg

    assert PG_URL is not None
    name = "relokant_test_" + uuid.uuid4().hex[:10]
    admin = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = admin.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(autouse=True, scope="module")
def _release_compiled_programs() -> Iterator[None]:
    """Free JAX's compiled programs after each test module.

    One serial pytest process fits hundreds of models of different shapes; JAX keeps
    every compiled program of a jitted function for the life of the process, and
    without this the suite's memory grew past 5 GB (CI aborted with it).
    """
    yield
    import gc
    import sys

    if "jax" in sys.modules:
        sys.modules["jax"].clear_caches()
    if "relokant.estimate.chains" in sys.modules:
        sys.modules["relokant.estimate.chains"].forget()
    gc.collect()


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: pathlib.Path) -> Iterator[str]:
    """A ledger URL on each backend; PostgreSQL is skipped without a server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ledger.db'}"
        return
    if not PG_URL:
        if os.environ.get("CI"):
            pytest.fail("RELOKANT_TEST_PG_URL is not set in CI: PostgreSQL tests must run")
        pytest.skip("set RELOKANT_TEST_PG_URL to run the PostgreSQL tests")
    yield from _pg_database()


@pytest.fixture
def ledger(db_url: str) -> Ledger:
    """A ledger seeded with the bundled record."""
    return Ledger.open(db_url)


@pytest.fixture
def memory_ledger() -> Ledger:
    """An in-memory SQLite ledger with the bundled record (fast)."""
    return Ledger.open("sqlite://")


@pytest.fixture
def empty_ledger(db_url: str) -> Ledger:
    """A ledger initialised without the bundle."""
    ledger = Ledger.open(db_url, seed=False)
    ledger.initialise(empty=True)
    return ledger


class CliResult:
    """What one CLI run printed and returned."""

    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: pathlib.Path):  # type: ignore[no-untyped-def]
    """Run ``relokant ARGS`` in-process against a private ledger."""
    monkeypatch.setenv("RELOKANT_DB", f"sqlite:///{tmp_path / 'cli-ledger.db'}")
    monkeypatch.setenv("COLUMNS", "200")
    # the consoles may have fixed their width when first imported (pytest-xdist workers)
    monkeypatch.setattr(common.out, "width", 200)
    monkeypatch.setattr(common.err, "width", 200)

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def corpus() -> pathlib.Path:
    """The development corpus beside the checkout."""
    if not CORPUS.exists():
        pytest.skip("../shared/corpus is not present")
    return CORPUS
