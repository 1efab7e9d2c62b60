"""`relokant publish DIR`: a valid data package, a database datasette serves, no panel rows."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import pathlib
import sqlite3
from contextlib import redirect_stderr, redirect_stdout

import pytest

from relokant.ledger import Ledger
from relokant.panel import SyntheticPanel, import_panel

FAST = ("--draws", "300", "--warmup", "300", "--chains", "2", "--seed", "2")


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The bundled ledger, with a panel imported, published through the CLI once."""
    from relokant.cli import main

    folder = tmp_path_factory.mktemp("publish")
    mp = pytest.MonkeyPatch()
    mp.setenv("RELOKANT_PANEL_KEY_FILE", str(folder / "keys" / "panel.key"))
    db = f"sqlite:///{folder / 'ledger.db'}"
    ledger = Ledger.open(db)
    panel = folder / "panel.csv"
    SyntheticPanel(respondents=150, seed=2).frame().to_csv(panel, index=False)
    import_panel(panel, ledger.engine)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["--db", db, "publish", str(folder / "out"), *FAST])
    mp.undo()
    return {"code": code, "err": err.getvalue(), "out": folder / "out",
            "snapshot": ledger.snapshot_hash(), "panel_ids": set(
                __import__("pandas").read_csv(panel)["respondent_id"].astype(str))}


def _out(published: dict[str, object]) -> pathlib.Path:
    folder = published["out"]
    assert isinstance(folder, pathlib.Path)
    return folder


def test_publish_writes_every_artefact(published: dict[str, object]) -> None:
    assert published["code"] in (0, 1), published["err"]
    folder = _out(published)
    for name in ("datapackage.json", "data/claims.csv", "data/citations.csv",
                 "data/documents.csv", "data/actors.csv", "relokant.db", "metadata.json",
                 "estimate/posterior.nc", "estimate/headline.csv", "estimate/monthly.csv",
                 "report.html"):
        assert (folder / name).is_file(), name
    accepted = len(Ledger.open("sqlite://").list_claims(status="accepted"))
    assert f"published {accepted} claims" in str(published["err"])


def test_data_package_validates_and_is_stamped(published: dict[str, object]) -> None:
    from frictionless import validate

    folder = _out(published)
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])
    descriptor = json.loads((folder / "datapackage.json").read_text())
    assert descriptor["relokant"]["ledger_snapshot"] == published["snapshot"]
    assert descriptor["relokant"]["version"]
    names = {r["name"] for r in descriptor["resources"]}
    assert {"claims", "citations", "documents", "actors", "headline", "monthly",
            "posterior", "report"} <= names
    citations = next(r for r in descriptor["resources"] if r["name"] == "citations")
    assert {fk["reference"]["resource"] for fk in citations["schema"]["foreignKeys"]} == \
        {"claims", "documents"}


def test_broken_foreign_key_fails_validation(published: dict[str, object],
                                             tmp_path: pathlib.Path) -> None:
    """The keys are checked, not decoration: a citation of an unknown claim is an error."""
    import shutil

    from frictionless import validate

    copy = tmp_path / "pkg"
    shutil.copytree(_out(published), copy)
    path = copy / "data" / "citations.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows[1][1] = "clm_nonexistent"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    report = validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert "foreign-key" in {e[0] for e in report.flatten(["type"])}


def test_datasette_serves_a_claim_and_searches(published: dict[str, object]) -> None:
    from datasette.app import Datasette

    folder = _out(published)
    metadata = json.loads((folder / "metadata.json").read_text())
    claim_id = next(csv.DictReader((folder / "data" / "claims.csv").open()))["id"]
    ds = Datasette([str(folder / "relokant.db")], metadata=metadata)

    async def fetch() -> tuple[dict[str, object], dict[str, object], dict[str, object], str]:
        row = await ds.client.get(f"/relokant/claims/{claim_id}.json?_shape=objects")
        assert row.status_code == 200, row.text
        search = await ds.client.get("/relokant/claims.json?_search=Unattributed"
                                     "&_shape=objects")
        assert search.status_code == 200, search.text
        meta = await ds.client.get("/-/metadata.json")
        page = await ds.client.get("/relokant/citations")
        return row.json(), search.json(), meta.json(), page.text

    row, search, meta, page = asyncio.run(fetch())
    rows = row["rows"]
    assert isinstance(rows, list) and rows[0]["id"] == claim_id
    assert search["rows"], "full-text search on claims found nothing"
    assert meta["license"] == "CC-BY-4.0"
    assert "character offsets" in page or "offsets" in page  # table description shown
    assert 'name="_search"' in page  # datasette found the FTS index on quotes


def test_database_has_keys_and_no_panel_tables(published: dict[str, object]) -> None:
    folder = _out(published)
    conn = sqlite3.connect(folder / "relokant.db")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"claims", "citations", "documents", "actors"} <= tables
    assert not any("panel" in t or "respondent" in t for t in tables)
    fks = {(r[2], r[3]) for r in conn.execute("PRAGMA foreign_key_list(citations)")}
    assert fks == {("claims", "claim_id"), ("documents", "document_id")}
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("SELECT count(*) FROM citations WHERE quote IS NOT NULL").fetchone() \
        == (0,)


def test_package_holds_no_respondent_rows(published: dict[str, object]) -> None:
    """No table, column or cell carries the panel: not even its pseudonymised ids."""
    folder = _out(published)
    descriptor = json.loads((folder / "datapackage.json").read_text())
    columns = {f["name"] for r in descriptor["resources"] if "schema" in r
               for f in r["schema"]["fields"]}
    assert not any("respondent" in c or "panel" in c for c in columns)
    ids = published["panel_ids"]
    assert isinstance(ids, set) and ids
    text = "".join(p.read_text(encoding="utf-8") for p in folder.rglob("*.csv"))
    dump = "\n".join(sqlite3.connect(folder / "relokant.db").iterdump())
    assert not any(i in text or i in dump for i in ids)


def test_estimate_files_open(published: dict[str, object]) -> None:
    import arviz as az

    folder = _out(published)
    posterior = az.from_netcdf(folder / "estimate" / "posterior.nc")
    assert posterior.posterior.attrs["ledger_snapshot"] == published["snapshot"]
    headline = list(csv.DictReader((folder / "estimate" / "headline.csv").open()))
    assert headline and all(float(r["q05"]) <= float(r["median"]) <= float(r["q95"])
                            for r in headline)
    monthly = list(csv.DictReader((folder / "estimate" / "monthly.csv").open()))
    assert {r["quantity"] for r in monthly} >= {"departures", "return_share"}


def test_quotes_only_when_asked(tmp_path: pathlib.Path) -> None:
    """The ledger's quotes leave only with include_quotes, and are then searchable."""
    from relokant.pipeline import publish
    from relokant.records import Bound, Citation, Claim, Document, Measure, Unit

    ledger = Ledger.open("sqlite://")
    ledger.add_claim(Claim(
        measure=Measure.departures, unit=Unit.persons, bound=Bound.about, value=650_000,
        attributed_to="Test Institute", citations=(Citation(
            document=Document(outlet="Daily Test", published="2024-01-02"),  # type: ignore[arg-type]
            quote="About 650,000 people emigrated, the institute said.",
            span_start=10, span_end=61),)))
    bundled = len(Ledger.open("sqlite://").list_claims(status="accepted"))
    plain, _ = publish(ledger, tmp_path / "plain", estimate=False)
    quoted, _ = publish(ledger, tmp_path / "quoted", estimate=False, include_quotes=True)
    assert plain.claims == quoted.claims == bundled + 1
    assert "emigrated, the institute" not in (tmp_path / "plain" / "data" /
                                              "citations.csv").read_text()
    conn = sqlite3.connect(tmp_path / "quoted" / "relokant.db")
    hits = conn.execute("SELECT c.claim_id FROM citations_fts f JOIN citations c "
                        "ON c.id = f.rowid WHERE citations_fts MATCH 'emigrated'").fetchall()
    assert len(hits) == 1
    assert json.loads((tmp_path / "quoted" / "datapackage.json").read_text())[
        "relokant"]["quotes_included"] is True


def test_publish_into_a_file_is_refused(cli, tmp_path: pathlib.Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "taken"
    target.write_text("not a folder")
    result = cli("publish", str(target), "--no-estimate")
    assert result.code == 2
    assert "is a file" in result.err


def test_publish_without_estimate_lists_only_data(cli, tmp_path: pathlib.Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("publish", str(tmp_path / "out"), "--no-estimate", "--all-claims")
    assert result.code == 0, result.err
    assert "datapackage.json" in result.err and "posterior.nc" not in result.err
    assert not (tmp_path / "out" / "report.html").exists()
