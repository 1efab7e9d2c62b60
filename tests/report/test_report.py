"""The report and the estimate command as users run them."""

from __future__ import annotations

import html as html_lib
import json
import pathlib
import re

import pytest

from relokant.ledger import Ledger

FAST = ("--draws", "300", "--warmup", "300", "--chains", "2", "--seed", "2")


@pytest.fixture(scope="module")
def report_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """One CLI run of estimate and report on a ledger with a hostile claim added."""
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from relokant.cli import main

    folder = tmp_path_factory.mktemp("report")
    db = f"sqlite:///{folder / 'ledger.db'}"
    hostile = folder / "hostile.json"
    hostile.write_text(json.dumps([{
        "measure": "departures", "unit": "persons", "bound": "about", "value": 900000,
        "as_of": "2023-03-31", "period_start": "2022-02-24",
        "attributed_to": "<script>alert('x')</script> Research",
        "source_type": "independent_research",
        "citations": [{"document": {"outlet": "<b>Evil</b> Daily", "published": "2023-04-01"},
                       "quote": "<img src=x onerror=alert(1)> 900,000 left"}]}]))
    results: dict[str, object] = {}
    for name, args in (
        ("import", ["--db", db, "claims", "import", str(hostile)]),
        ("estimate", ["--db", db, "estimate", "--json", *FAST]),
        ("html", ["--db", db, "report", "-o", str(folder / "report.html"), *FAST]),
        ("md", ["--db", db, "report", "--format", "md", "-o", str(folder / "report.md"),
                *FAST]),
    ):
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(args)
        results[name] = (code, out.getvalue(), err.getvalue())
    results["folder"] = folder
    return results


def test_estimate_json_fields(report_run: dict[str, object]) -> None:
    code, out, err = report_run["estimate"]  # type: ignore[misc]
    assert code in (0, 1), err
    result = json.loads(out)
    assert {"quantities", "diagnostics", "sources", "claims", "excluded"} <= set(result)
    for quantity in ("departures", "returns", "return_share", "abroad"):
        rows = result["quantities"][quantity]
        assert rows[0]["date"] == "2022-02-28"
        assert all(set(r) == {"date", "median", "q05", "q25", "q75", "q95"} for r in rows)
    assert result["diagnostics"]["rhat_max"] < 1.05
    assert {"median", "q05", "q95"} <= set(result["sources"]["government_statement"]["share"])
    assert all({"id", "residual", "tail_probability", "influence"} <= set(c)
               for c in result["claims"])
    assert all(e["reason"] for e in result["excluded"])


def test_html_report_is_self_contained_and_escaped(report_run: dict[str, object]) -> None:
    code, _, err = report_run["html"]  # type: ignore[misc]
    assert code in (0, 1), err
    assert "report written to" in err
    # a trustworthy fit prints its headline; a failing one says it prints none
    expected = "departures by end of 2022" if code == 0 else "no headline figures"
    assert expected in err
    folder = report_run["folder"]
    assert isinstance(folder, pathlib.Path)
    html = (folder / "report.html").read_text(encoding="utf-8")
    for section in ("Headline", "The evidence over time", "Which sources lean which way",
                    "Claims the evidence contradicts", "Consistency findings", "Methods",
                    "Claims set aside"):
        assert section in html
    assert html.count("<svg") >= 4
    assert "<script" not in html.lower().replace("&lt;script", "")
    assert "&lt;script&gt;alert(" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror" in html
    assert "<b>Evil</b>" not in html
    assert not re.search(r"src=\"https?://", html)  # nothing is loaded from outside
    # the only outside links are the pages the claims were read from
    cited = {cit.document.url for c in Ledger.open("sqlite://").list_claims()
             for cit in c.citations if cit.document.url}
    for url in re.findall(r"href=\"(https?://[^\"]+)\"", html):
        assert html_lib.unescape(url) in cited or "themoscowtimes" in url, url
    assert "174,000" in html  # the consistency finding


def test_markdown_report_with_png_charts(report_run: dict[str, object]) -> None:
    code, _, err = report_run["md"]  # type: ignore[misc]
    assert code in (0, 1), err
    folder = report_run["folder"]
    assert isinstance(folder, pathlib.Path)
    md = (folder / "report.md").read_text(encoding="utf-8")
    assert md.startswith("# How many left Russia")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", md)
    assert len(images) >= 4
    for image in images:
        assert (folder / image).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_estimate_on_empty_ledger_explains(cli, tmp_path: pathlib.Path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    cli("--db", url, "init", "--empty")
    result = cli("--db", url, "estimate", "--json")
    assert result.code == 2
    assert "no accepted claims" in result.err and "try:" in result.err


@pytest.fixture(scope="module")
def destination_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """``estimate --by destination`` (the table) and ``--by national`` on the bundle."""
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from relokant.cli import main

    folder = tmp_path_factory.mktemp("destinations")
    db = f"sqlite:///{folder / 'ledger.db'}"
    short = ("--draws", "100", "--warmup", "150", "--chains", "2", "--seed", "1",
             "--no-sensitivity")
    results: dict[str, object] = {"folder": folder}
    for name, args in (("table", ["--db", db, "estimate", *short, "--by", "destination"]),
                       ("national", ["--db", db, "estimate", "--json", *short, "--by",
                                     "national"])):
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(args)
        results[name] = (code, out.getvalue(), err.getvalue())
    return results


def test_the_estimate_fits_the_destination_model_by_default(
        destination_run: dict[str, object], report_run: dict[str, object]) -> None:
    """By default the host figures are used through their indicators and each modelled
    destination has a stock path; with ``--by national`` they are set aside."""
    code, out, err = report_run["estimate"]  # type: ignore[misc]
    assert code in (0, 1), err
    result = json.loads(out)
    modelled = [d for d in result["destinations"] if d["stock"]]
    assert [d["code"] for d in modelled][-1] == "rest_of_world"
    assert {"GE", "KZ", "IL", "TR"} <= {d["code"] for d in modelled}
    # a listed destination that no figure is about is not printed as if estimated
    assert all(any(e["used"] for e in d["evidence"]) for d in modelled[:-1])
    for d in modelled:
        assert all(r["q05"] <= r["median"] <= r["q95"] for r in d["stock"])
    used = [e for d in modelled for e in d["evidence"] if e["used"]]
    assert len(used) >= 20
    unmodelled = [d for d in result["destinations"] if not d["stock"]]
    assert unmodelled and all(e["reason"] for d in unmodelled for e in d["evidence"])
    code, out, err = destination_run["national"]  # type: ignore[misc]
    assert code in (0, 1), err
    national = json.loads(out)
    assert [d["code"] for d in national["destinations"] if d["stock"]] == ["rest_of_world"]
    assert not any(e["used"] for d in national["destinations"] for e in d["evidence"])


def test_estimate_by_destination_prints_the_table(destination_run: dict[str, object]) -> None:
    code, out, err = destination_run["table"]  # type: ignore[misc]
    assert code in (0, 1), err
    assert "Georgia" in out and "Israel" in out  # one row per modelled destination


def test_report_shows_people_present_by_destination(report_run: dict[str, object]) -> None:
    code, _, err = report_run["md"]  # type: ignore[misc]
    assert code in (0, 1), err
    text = (report_run["folder"] / "report.md").read_text()  # type: ignore[operator]
    assert "by destination" in text.lower() and "Georgia" in text
