"""End to end in real headless Chromium: upload, review, re-fit, see the chart change."""

from __future__ import annotations

import os
import pathlib
import shutil
import socket
import threading
import time

import pytest

from relokant.ledger import Ledger
from relokant.web import create_app

TOKEN = "browser-token-0123456789abcdef"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = pathlib.Path(__file__).resolve().parents[2] / "test-artifacts"
ARTICLE = ("# A new estimate\n\nApril 2, 2024\n\nAccording to demographer Ivan Petrov, "
           "more than 1,900,000 people have left Russia since February 2022.\n")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: pathlib.Path):  # type: ignore[no-untyped-def]
    import uvicorn

    app = create_app(ledger=Ledger.open(f"sqlite:///{tmp_path / 'ledger.db'}"), token=TOKEN)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def _refit(page, base: str, shots: pathlib.Path, name: str) -> str:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/estimate")
    page.fill("input[name=draws]", "150")
    page.click("button:has-text('Re-fit')")
    page.wait_for_selector("text=done", timeout=240_000)
    page.goto(f"{base}/estimate")
    chart = page.locator("#chart-departures svg")
    chart.wait_for(timeout=30_000)
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    return str(chart.inner_html())


@pytest.mark.browser
@pytest.mark.slow
def test_upload_review_refit_in_chromium(server: str, tmp_path: pathlib.Path) -> None:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed in CI: run scripts/setup-system.sh")
        pytest.skip("Chromium is not installed (scripts/setup-system.sh installs it)")
    from playwright.sync_api import sync_playwright

    shots = ARTIFACTS / "browser"
    shots.mkdir(parents=True, exist_ok=True)
    article = tmp_path / "new-estimate.md"
    article.write_text(ARTICLE)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"])
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(f"{server}/login")
        page.fill("input[name=token]", TOKEN)
        page.click("button:has-text('Sign in')")
        before = _refit(page, server, shots, "1-estimate-before")
        page.goto(f"{server}/documents")
        page.set_input_files("input[type=file]", str(article))
        page.click("button:has-text('Upload and extract')")
        page.wait_for_selector("text=claims found")
        page.screenshot(path=str(shots / "2-uploaded.png"), full_page=True)
        page.goto(f"{server}/review")
        assert page.locator("mark", has_text="1,900,000").count() == 1
        page.screenshot(path=str(shots / "3-review.png"), full_page=True)
        page.click("button:has-text('Accept')")
        page.wait_for_selector("text=Nothing to review")
        after = _refit(page, server, shots, "4-estimate-after")
        assert before != after  # the new claim moved the posterior band
        browser.close()
    assert (shots / "4-estimate-after.png").stat().st_size > 10_000
