"""extract, ingest and review as users run them."""

from __future__ import annotations

import json
import pathlib

import pytest

ARTICLE = ("# Exodus in numbers\n\nMarch 3, 2024\n\nAccording to demographer Ivan Petrov, "
           "between 600,000 and 900,000 Russians left the country last year.\n\n"
           "Izvestia reports that the job site WorkNow placed the share of returnees at 20%.\n")
RUSSIAN = ("# Возвращение\n\n5 апреля 2024\n\nПо данным Росстата, в прошлом году страну покинули "
           "668 тыс. 400 человек.\n\nКаждый пятый уехавший уже вернулся, подсчитали в сервисе "
           "WorkNow.\n")


def _folder(tmp_path: pathlib.Path) -> pathlib.Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "en.md").write_text(ARTICLE, encoding="utf-8")
    (folder / "ru.txt").write_bytes(RUSSIAN.encode("cp1251"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.html").write_bytes(b"\x00\x01\x02" * 100)
    return folder


def test_extract_gold_per_file_and_summary(cli, tmp_path: pathlib.Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    result = cli("extract", str(_folder(tmp_path)), "--format", "gold", "--out", str(out))
    assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == ["en.json", "ru.json"]
    en = json.loads((out / "en.json").read_text())
    assert [c.get("low") or c.get("value") for c in en] == [600000, 20]
    assert en[0]["attributed_to"] == "Ivan Petrov" and en[0]["as_of"] == "2023-12-31"
    assert en[1]["attributed_to"] == "WorkNow" and en[1]["reported_via"] == "Izvestia"
    ru = json.loads((out / "ru.json").read_text(encoding="utf-8"))
    assert [c["value"] for c in ru] == [668400, 20]
    assert all(c["quote"] in RUSSIAN for c in ru)
    assert "read 2 files, skipped 2" in result.err
    assert "empty file" in result.err and "binary" in result.err


def test_extract_json_and_table(cli, tmp_path: pathlib.Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "one.md"
    path.write_text(ARTICLE)
    data = json.loads(cli("extract", str(path), "--format", "json").out)
    assert data[0]["measure"] == "departures" and data[0]["span_end"] > data[0]["span_start"]
    table = cli("extract", str(path), "--date", "2024-03-03")
    assert "Ivan Petrov" in table.out
    bad = cli("extract", str(path), "--date", "March 3")
    assert bad.code == 2 and "YYYY-MM-DD" in bad.err
    missing = cli("extract", str(tmp_path / "nope.txt"))
    assert missing.code == 2 and "no such file" in missing.err


def test_workers_give_the_same_result(cli, tmp_path: pathlib.Path) -> None:  # type: ignore[no-untyped-def]
    folder = _folder(tmp_path)
    one = cli("extract", str(folder), "--format", "json").out
    two = cli("extract", str(folder), "--format", "json", "--workers", "2").out
    assert json.loads(one) == json.loads(two)


@pytest.mark.slow
def test_dask_local_cluster(cli, tmp_path: pathlib.Path) -> None:  # type: ignore[no-untyped-def]
    from distributed import LocalCluster

    folder = _folder(tmp_path)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        result = cli("extract", str(folder), "--format", "json", "--dask", address)
    assert result.code == 0, result.err
    local = json.loads(cli("extract", str(folder), "--format", "json").out)
    assert json.loads(result.out) == local


def test_ingest_review_flow_merges_duplicates(cli, tmp_path: pathlib.Path) -> None:  # type: ignore[no-untyped-def]
    folder = _folder(tmp_path)
    first = cli("ingest", str(folder))
    assert first.code == 0, first.err
    assert "4 new pending claims" in first.err
    pending = json.loads(cli("claims", "list", "--status", "pending", "--format", "json").out)
    assert len(pending) == 4
    assert all(p["citations"][0]["quote"] for p in pending)
    # The same articles again: every claim is already there, nothing new.
    again = cli("ingest", str(folder))
    assert "0 new pending claims" in again.err
    assert len(json.loads(cli("claims", "list", "--status", "pending", "--format",
                              "json").out)) == 4
    # A second outlet relaying the Rosstat figure adds a citation, not a claim.
    relay = tmp_path / "relay.md"
    relay.write_text("# Relay\n\nApril 9, 2024\n\nAccording to Rosstat, 668,400 people left the "
                     "country last year.\n")
    cli("ingest", str(relay))
    rosstat = json.loads(cli("claims", "list", "--actor", "Rosstat", "--status", "pending",
                             "--format", "json").out)
    assert len(rosstat) == 1 and len(rosstat[0]["citations"]) == 2
    ids = [p["id"] for p in pending]
    result = cli("review", "--accept", ids[0], "--reject", ",".join(ids[1:3]))
    assert result.code == 0, result.err
    statuses = {c["id"]: c["status"] for c in json.loads(
        cli("claims", "list", "--format", "json").out)}
    assert statuses[ids[0]] == "accepted" and statuses[ids[1]] == "rejected"
    assert statuses[ids[3]] == "pending"
    unknown = cli("review", "--accept", "clm_unknown")
    assert unknown.code == 3


def test_interactive_review(cli, tmp_path: pathlib.Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import io

    path = tmp_path / "one.md"
    path.write_text(ARTICLE)
    cli("ingest", str(path))
    # the queue shows the least certain claim first: answer each claim by who made it
    pending = json.loads(cli("claims", "list", "--status", "pending", "--format", "json").out)
    by_id = {c["id"]: c for c in pending}
    from relokant.pipeline.reviewing import review_item
    from relokant.records import Claim
    order = sorted(pending, key=lambda c: review_item(Claim.model_validate(c)).certainty)
    answers = {True: "e value=999\na\n", False: "r\n"}
    script = "".join(answers[by_id[c["id"]]["attributed_to"] == "Ivan Petrov"] for c in order)
    monkeypatch.setattr("sys.stdin", io.StringIO(script))
    result = cli("review")
    assert result.code == 0, result.err
    assert "600,000" in result.out  # the quote was shown
    claims = json.loads(cli("claims", "list", "--search", "worknow", "--format", "json").out)
    assert claims[0]["status"] == "rejected"
    petrov = json.loads(cli("claims", "list", "--actor", "Ivan Petrov", "--format", "json").out)
    assert petrov[0]["status"] == "accepted"


def test_ingest_without_date_is_skipped_with_reason(cli, tmp_path: pathlib.Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "undated.txt"
    path.write_text("More than 820,000 people have left Russia since February 2022.")
    before = cli("claims", "export").out
    result = cli("ingest", str(path))
    assert "no publication date" in result.err
    assert cli("claims", "export").out == before
