"""From the shortages page to an item's page in a real Chromium, on the hand-built tiny
database of tests/dashboard (its figures are known: Paracetamol is short at ISSSTE).

Uses the shared browser of tests/browser/conftest.py and xdist_group("browser"), so it runs
in the browser suite's worker with its one Playwright.
"""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import CHART, no_exception
from tests.browser.server import serve
from tests.dashboard.conftest import build_tiny

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PARACETAMOL = "010.000.0104.00"


@pytest.fixture(scope="module")
def served_tiny(tmp_path_factory):
    db = build_tiny(tmp_path_factory.mktemp("served_tiny") / "tiny.duckdb")
    env = {"ABASTO_DB": str(db), "ABASTO_CONFIG": str(db.with_name("abasto.toml"))}
    with serve(env=env, log=db.with_name("streamlit.log")) as url:
        yield url


def test_an_item_opens_from_the_shortages_page_keeping_the_filters(served_tiny, page):
    page.goto(served_tiny + "/shortages?institution=ISSSTE")
    page.wait_for_selector(CHART)
    picker = page.locator('[data-testid="stSelectbox"]').filter(has_text="Abrir ficha del insumo")
    picker.locator("input").click()
    page.get_by_role("option").filter(has_text=PARACETAMOL).click()
    page.get_by_text(f"Abrir la ficha de {PARACETAMOL}").click()
    # the URL first: the item's label also shows in the shortages page's picker
    page.wait_for_url(re.compile("item=" + re.escape(PARACETAMOL)))
    page.wait_for_selector(f"h3:has-text('{PARACETAMOL} · Paracetamol 500 mg'), "
                           f"h2:has-text('{PARACETAMOL} · Paracetamol 500 mg'), "
                           f"h1:has-text('{PARACETAMOL} · Paracetamol 500 mg')")
    page.wait_for_selector("text=Institución: ISSSTE")      # the filter came along
    no_exception(page)
