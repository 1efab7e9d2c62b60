"""The report as a reader sees it: headless Chromium at a desktop and a phone width.

Screenshots are kept (``$RELOKANT_TEST_ARTIFACTS`` or ``test-artifacts/`` beside the
checkout's tests) so a person can look; the assertions hold what the eye would check:
no chart text outside its drawing or cut short with an ellipsis, no two legend or axis
labels on top of each other, and a caption under every chart that names its interval.
"""

from __future__ import annotations

import os
import pathlib
import shutil
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ROOT = pathlib.Path(__file__).resolve().parents[2]
ARTIFACTS = pathlib.Path(os.environ.get("RELOKANT_TEST_ARTIFACTS", ROOT / "test-artifacts"))
WIDTHS = (1280, 420)

#: Run in the page: every chart's text boxes against the chart's own box, and each other.
MEASURE = """() => [...document.querySelectorAll('figure')].map(fig => {
  const svg = fig.querySelector('svg');
  const box = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].filter(t => {
    const s = getComputedStyle(t);
    return t.textContent.trim() && s.opacity !== '0' && s.visibility !== 'hidden'
      && t.getAttribute('opacity') !== '0';
  }).map(t => {
    const r = t.getBoundingClientRect();
    const role = (t.closest('[class*=role-]') || t).getAttribute('class') || '';
    return {text: t.textContent, left: r.left, right: r.right, top: r.top,
            bottom: r.bottom, role: role};
  });
  const cap = fig.querySelector('figcaption');
  return {id: fig.id, caption: cap ? cap.textContent : '', texts: texts,
          svg: {left: box.left, right: box.right, top: box.top, bottom: box.bottom},
          figure_right: fig.getBoundingClientRect().right};
})"""


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """The bundled record's report, with a small scenario run so every chart is drawn."""
    from relokant.ledger import Ledger
    from relokant.pipeline import build_report, fit, scenario_frames
    from relokant.report import render_html

    ledger = Ledger.open("sqlite://")
    fitted = fit(ledger, draws=300, warmup=300, chains=2, seed=2)
    data = build_report(ledger, fitted=fitted, seed=2)
    data.scenarios, data.scenario_summary = scenario_frames(
        fitted, ["incentives"], agents=5_000, draws=4, months=12, seed=2)
    path = tmp_path_factory.mktemp("visual") / "report.html"
    path.write_text(render_html(data), encoding="utf-8")
    return path


def _chromium() -> str:
    if CHROMIUM is None:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("Chromium is not installed in CI: run scripts/setup-system.sh")
        pytest.skip("Chromium is not installed (scripts/setup-system.sh installs it)")
    return CHROMIUM


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two text boxes cover each other by more than a pixel each way."""
    return (min(a["right"], b["right"]) - max(a["left"], b["left"]) > 1
            and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 1)


def _problems(figure: dict[str, Any]) -> list[str]:
    found = []
    svg, name = figure["svg"], figure["id"] or "a chart"
    for t in figure["texts"]:
        if t["text"].rstrip().endswith(("…", "...")):
            found.append(f"{name}: label cut short: {t['text']!r}")
        if (t["left"] < svg["left"] - 1 or t["right"] > svg["right"] + 1
                or t["top"] < svg["top"] - 1 or t["bottom"] > svg["bottom"] + 1):
            found.append(f"{name}: text outside the chart's box: {t['text']!r}")
    labels = [t for t in figure["texts"] if "legend-label" in t["role"]
              or "axis-label" in t["role"]]
    for i, a in enumerate(labels):
        found.extend(f"{name}: {a['text']!r} overlaps {b['text']!r}"
                     for b in labels[i + 1:] if _overlap(a, b))
    if svg["right"] > figure["figure_right"] + 1:
        found.append(f"{name}: wider than its column")
    return found


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_report_renders_uncut_with_captions(report_file: pathlib.Path, width: int) -> None:
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    shots = ARTIFACTS / "report"
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(report_file.as_uri())
            page.screenshot(path=str(shots / f"report-{width}px.png"), full_page=True)
            figures = page.evaluate(MEASURE)
            overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        finally:
            browser.close()
    names = {f["id"] for f in figures}
    assert {"chart-departures", "chart-return_share", "chart-biases",
            "chart-scenario_returns", "chart-scenario_abroad"} <= names, names
    problems = [p for f in figures for p in _problems(f)]
    assert not problems, "\n".join(problems)
    for f in figures:
        assert "90% interval" in f["caption"], f"{f['id']} has no caption naming its interval"
        assert f["texts"], f"{f['id']} drew no text"
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px at {width}px"
    assert (shots / f"report-{width}px.png").stat().st_size > 10_000
