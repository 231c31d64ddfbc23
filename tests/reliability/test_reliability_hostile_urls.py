"""Filters and URL parameters carrying SQL or script are inert.

Through the dashboard (AppTest with hostile query parameters on every page): no exception,
no error, nothing rendered as HTML, and no more data than the same page shows without
filters. Through the library: a hostile filter value is a literal that matches nothing
(values always travel as $parameters, never in the SQL text)."""
from __future__ import annotations

import pytest
import streamlit as st

from metrics import store
from metrics.scope import Scope
from metrics.scorecard import scorecard
from tests.dashboard.conftest import build_tiny, no_exception, run_app

PAYLOADS = ["' OR 1=1--", "IMSS' OR '1'='1", "'; DROP TABLE orders; --", "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>", "${7*7}{{7*7}}", "../../etc/passwd", "IMSS\x00",
            "%27%20OR%201%3D1--", "é" * 500]
URL_PAYLOADS = PAYLOADS[:4] + PAYLOADS[7:8]
PAGES = {"overview": ["institution", "state", "item_group", "procedure_type", "date_from", "lang"],
         "suppliers": ["institution", "as_of"],
         "scorecard": ["supplier", "institution"],
         "shortages": ["item_group", "date_to"],
         "item": ["item"],
         "contracts": ["procedure_type"],
         "contract": ["contract"],
         "compare": ["supplier"]}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return build_tiny(tmp_path_factory.mktemp("hostile") / "tiny.duckdb")


@pytest.fixture
def open_page(tiny, monkeypatch, tmp_path):
    monkeypatch.setenv("ABASTO_DB", str(tiny))
    monkeypatch.setenv("ABASTO_CONFIG", str(tmp_path / "abasto.toml"))

    def run(page, **query):
        st.cache_data.clear()
        return run_app(page, query)
    return run


def _numbers(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_hostile_url_parameters_are_inert_on_every_page(open_page, page):
    plain = _numbers(open_page(page))
    selects = any(p in ("supplier", "item", "contract") for p in PAGES[page])
    for payload in URL_PAYLOADS:
        at = open_page(page, **{param: payload for param in PAGES[page]})   # every parameter at once
        no_exception(at)
        assert not [m for m in at.markdown if m.proto.allow_html and payload in m.value]
        shown = _numbers(at)
        if selects:
            # a selection that names nothing shows nothing of anyone
            assert not shown or shown == plain, (payload, shown)
        else:
            # invalid filters are dropped: the page shows what it shows unfiltered
            assert shown == plain, (payload, shown)


def test_an_injected_filter_value_is_a_literal_in_sql(tiny):
    con = store.connect_read(tiny)
    try:
        everyone = scorecard(con, Scope.make(), group_by=())
        assert int(everyone["lines"].iloc[0]) > 0
        for payload in PAYLOADS:
            for name in ("institution", "state", "supplier", "item"):
                hostile = scorecard(con, Scope.make(**{name: (payload,)}), group_by=())
                lines = 0 if hostile.empty else int(hostile["lines"].fillna(0).iloc[0])
                assert lines == 0, (name, payload)
        assert con.execute("SELECT count(*) FROM orders").fetchone()[0] > 0     # nothing dropped
    finally:
        con.close()
