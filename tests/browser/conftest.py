"""Real-browser fixtures: one `streamlit run` per test session on a copy of the demo
database, one headless Debian Chromium, and a screenshot helper writing test-artifacts/.

Every browser test is marked `browser` and grouped with xdist_group("browser") so that
`pytest -n 2 --dist loadgroup` runs them in one worker against the one server.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser.server import ROOT, launch_browser, serve

ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHART = '[data-testid="stPlotlyChart"] .main-svg'
TABLE = '[data-testid="stDataFrame"] canvas'
WAIT_MS = 60_000


@pytest.fixture(scope="session")
def served_db(demo_db, tmp_path_factory) -> Path:
    """A copy of the session's demo database: the upload flow writes to it."""
    folder = tmp_path_factory.mktemp("browser_db")
    path = folder / "abasto.duckdb"
    shutil.copyfile(demo_db, path)
    return path


@pytest.fixture(scope="session")
def served(served_db):
    """Base URL of the dashboard on the copied demo database (127.0.0.1, free port)."""
    env = {"ABASTO_DB": str(served_db), "ABASTO_CONFIG": str(served_db.with_name("abasto.toml"))}
    with serve(env=env, log=served_db.with_name("streamlit.log")) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    with sync_api.sync_playwright() as p:
        b = launch_browser(p)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, request):
    """A fresh tab (tall viewport: Streamlit scrolls an inner container) that saves a
    screenshot under test-artifacts/browser/<test>.png when the test ends."""
    context = browser.new_context(viewport={"width": 1400, "height": 2400}, accept_downloads=True,
                                  locale="es-MX")
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    yield tab
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    except Exception:       # a closed page: nothing to keep
        pass
    context.close()


def no_exception(tab) -> None:
    """No Streamlit exception box and no error alert on the page."""
    assert tab.locator('[data-testid="stException"]').count() == 0, \
        tab.locator('[data-testid="stException"]').first.inner_text()


def first_metric(tab) -> str:
    return tab.locator('[data-testid="stMetricValue"]').first.inner_text().strip()
