"""Dashboard pages benchmark (see /work/helpers/BENCH_API.md; run by `python -m bench`).

Each page runs under `streamlit.testing.v1.AppTest` on the demo database, in its own
subprocess (so its memory is its own). What a running server does once at start is done
before the clock starts, so the times are the page's own work: Streamlit, Plotly, pandas,
the metrics library and the dashboard modules are imported (a visitor's first view does
not pay for them), Plotly's default template is built, and the installed Streamlit
components are scanned (Runtime does it at server start; AppTest does it in its first run
unless given the scanned registry, ~0.4 s here):
- <page>_first_run     : the first run of the page in that process (empty st.cache_data, a
                         new database reader): what the first visitor of a filter waits for
- <page>_filter_change : the median of FILTER_CHANGES reruns, each selecting another
                         institution in the shared filters (never a cached scope)

Pages: overview, suppliers, scorecard (the largest supplier's ficha), shortages; and
methodology, a page that queries nothing, as the framework's floor: the baseline of every
page's first run and filter change (its ratio says how much the page's data adds). The
targets (bench/targets.py) are absolute: scorecard first run < 2 s, filter change < 0.5 s.
"""
from __future__ import annotations

import sys

NAME = "pages"
PAGES = ("methodology", "overview", "suppliers", "scorecard", "shortages")
BASELINE_PAGE = "methodology"
FILTER_CHANGES = 3

_PAGE = """
import os, sys, tempfile
db, page, changes = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.environ["ABASTO_DB"] = db
os.environ["ABASTO_CONFIG"] = os.path.join(tempfile.mkdtemp(), "abasto.toml")
from bench.clock import timed
import duckdb, pandas, plotly.graph_objects, plotly.io, streamlit
from streamlit.testing.v1 import AppTest
import metrics.scorecard, metrics.shortages, metrics.ledger, dashboard.data, dashboard.charts
import dashboard.components, dashboard.state, dashboard.auth
import dashboard.charts.overview, dashboard.charts.suppliers, dashboard.charts.shortages
from pathlib import Path
plotly.graph_objects.Figure(layout={"template": plotly.io.templates.default})   # built once per process

con = duckdb.connect(db, read_only=True)
top = con.execute("SELECT supplier_id FROM line_facts GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
institutions = [r[0] for r in con.execute(
    "SELECT institution_id FROM line_facts GROUP BY 1 ORDER BY count(*) DESC").fetchall()]
con.close()

at = AppTest.from_file(str(Path("dashboard/app.py").resolve()), default_timeout=600)
try:        # the component scan a server's Runtime does at start (AppTest: in its first run)
    from streamlit.components.v2.component_manager import BidiComponentManager
    components = BidiComponentManager()
    components.discover_and_register_components(start_file_watching=False)
    at._bidi_component_manager = components
except (ImportError, AttributeError):
    pass
if page == "scorecard":
    at.query_params["supplier"] = top
if page != "overview":
    at.switch_page(f"views/{page}.py")

def check():
    problems = [e.message for e in at.exception] + [e.value for e in at.error]
    if problems:
        sys.exit(f"page {page}: {problems[:3]}")

with timed("first_run"):
    at.run()
check()
for n in range(changes):
    at.multiselect(key="institution").set_value([institutions[n % len(institutions)]])
    with timed("filter_change"):
        at.run()
    check()
"""


def run(sizes: list[int], repeat: int) -> list[dict]:
    from bench.common import demo_db, measure_keys, ratios
    rows = []
    for lines in sizes:
        path = demo_db(lines)
        for page in PAGES:
            base = None if page == BASELINE_PAGE else BASELINE_PAGE
            cases = [(f"{page}_first_run", "first_run", base and f"{base}_first_run"),
                     (f"{page}_filter_change", "filter_change", base and f"{base}_filter_change")]
            rows += measure_keys(cases, [sys.executable, "-c", _PAGE, path, page, FILTER_CHANGES],
                                 lines=lines, repeat=repeat)
    return ratios(rows)
