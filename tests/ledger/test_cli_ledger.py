"""The ledger CLI as users meet it: list, show, check, add, import, export, bad input."""

from __future__ import annotations

import json
import pathlib

import pytest


def test_list_json_has_claims_with_citations(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("claims", "list", "--format", "json")
    assert result.code == 0, result.err
    claims = json.loads(result.out)
    assert len(claims) >= 20
    for claim in claims:
        assert claim["id"].startswith("clm_")
        assert isinstance(claim["citations"], list) and claim["citations"]
        assert claim["citations"][0]["document"]["outlet"]
        assert claim["citations"][0]["document"]["published"]


def test_list_filters_and_table(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("claims", "list", "--measure", "return_share", "--format", "csv")
    rows = result.out.strip().splitlines()
    assert rows[0].startswith("id,measure") and len(rows) == 1 + 4
    table = cli("claims", "list", "--actor", "Rosstat")
    assert "668,400" in table.out and "Rosstat" in table.out


def test_check_reports_and_exits_1(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("claims", "check", "--format", "json")
    assert result.code == 1
    findings = json.loads(result.out)
    assert {"kind", "message", "claims"} <= set(findings[0])
    assert any("174,000" in f["message"] for f in findings)


def test_show_and_not_found(cli) -> None:  # type: ignore[no-untyped-def]
    first = json.loads(cli("claims", "list", "--format", "json").out)[0]
    shown = cli("claims", "show", first["id"], "--format", "json")
    assert json.loads(shown.out)["id"] == first["id"]
    missing = cli("claims", "show", "clm_nope")
    assert missing.code == 3 and "no claim with id" in missing.err


def test_init_empty_and_add(cli, tmp_path: pathlib.Path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    assert cli("--db", url, "init", "--empty").code == 0
    assert json.loads(cli("--db", url, "claims", "list", "--format", "json").out) == []
    added = cli("--db", url, "claims", "add", "--measure", "departures", "--unit", "persons",
                "--bound", "range", "--low", "500000", "--high", "900000", "--actor", "Росстат",
                "--outlet", "РБК", "--published", "2024-02-01", "--as-of", "2023-12-31")
    assert added.code == 0, added.err
    stored = json.loads(added.out)
    assert stored["attributed_to"] == "Rosstat"
    assert stored["source_type"] == "official_statistics"
    bad = cli("--db", url, "claims", "add", "--measure", "departures", "--unit", "persons",
              "--value", "-5", "--outlet", "X", "--published", "2024-02-01")
    assert bad.code == 2 and "negative" in bad.err


def test_export_import_roundtrip_into_empty(cli, tmp_path: pathlib.Path) -> None:  # type: ignore[no-untyped-def]
    for fmt in ("json", "csv"):
        exported = tmp_path / f"all.{fmt}"
        assert cli("claims", "export", "--format", fmt, "-o", str(exported)).code == 0
        url = f"sqlite:///{tmp_path / f'copy-{fmt}.db'}"
        cli("--db", url, "init", "--empty")
        assert cli("--db", url, "claims", "import", str(exported)).code == 0
        again = cli("--db", url, "claims", "export", "--format", fmt).out
        assert again == exported.read_text(encoding="utf-8")


GOOD = {"measure": "departures", "unit": "persons", "bound": "point", "value": 1000,
        "citations": [{"document": {"outlet": "X", "published": "2024-01-01"}}]}


def _with(**changes: object) -> list[dict[str, object]]:
    record = json.loads(json.dumps(GOOD))
    for key, value in changes.items():
        if key == "citation_document":
            record["citations"][0]["document"] = value
        else:
            record[key] = value
    return [GOOD, record]


BAD_JSON = [
    ("not json", "{oops", None, "not valid JSON"),
    ("unknown measure", _with(measure="emigrants"), "measure", "Input should be"),
    ("unknown unit", _with(unit="people"), "unit", "Input should be"),
    ("negative", _with(value=-10), None, "negative"),
    ("percent over 100", _with(unit="percent", value=140), None, "cannot exceed 100"),
    ("low above high", _with(bound="range", value=None, low=9, high=3), None, "greater than"),
    ("impossible date", _with(as_of="2023-02-30"), "as_of", "date"),
    ("period reversed", _with(period_start="2023-05-01", as_of="2022-01-01"), None, "before"),
    ("citation without outlet", _with(citation_document={"published": "2024-01-01"}),
     "citations.0.document.outlet", "Field required"),
    ("citation without date", _with(citation_document={"outlet": "X"}),
     "citations.0.document.published", "Field required"),
    ("unknown field", _with(colour="red"), "colour", "Extra inputs"),
]


@pytest.mark.parametrize(("case", "payload", "field", "message"), BAD_JSON,
                         ids=[c[0] for c in BAD_JSON])
def test_bad_json_import_is_rejected_whole(cli, tmp_path: pathlib.Path, case: str,  # type: ignore[no-untyped-def]
                                           payload: object, field: str | None,
                                           message: str) -> None:
    before = cli("claims", "export", "--format", "json").out
    path = tmp_path / "bad.json"
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload))
    result = cli("claims", "import", str(path))
    assert result.code == 2
    assert str(path) in result.err
    if not isinstance(payload, str):
        assert "record 2" in result.err
    if field:
        assert f"field '{field}'" in result.err
    assert message in result.err
    assert cli("claims", "export", "--format", "json").out == before


def test_bad_csv_names_the_line(cli, tmp_path: pathlib.Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.csv"
    path.write_text("measure,unit,bound,value,citations\n"
                    'departures,persons,point,10,"[{""document"": {""outlet"": ""X"", '
                    '""published"": ""2024-01-01""}}]"\n'
                    'returns,persons,point,-4,"[]"\n')
    result = cli("claims", "import", str(path))
    assert result.code == 2 and "record 3" in result.err and "negative" in result.err
    assert cli("claims", "list", "--measure", "returns", "--format", "json").out.count(
        '"value": -4') == 0


def test_every_command_has_help(cli) -> None:  # type: ignore[no-untyped-def]
    from typer.main import get_command

    from relokant.cli import app

    root = get_command(app)
    names: list[tuple[str, ...]] = []
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        sub = getattr(command, "commands", None)
        if sub:
            names += [(name, s) for s in sub]
        else:
            names.append((name,))
    assert len(names) >= 11
    for path in names:
        result = cli(*path, "--help")
        assert result.code == 0 and "Usage" in result.out, path
        assert (root.commands[path[0]].help or "").strip()  # type: ignore[attr-defined]
