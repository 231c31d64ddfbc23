"""The benchmark's pandas baseline computes the same numbers as the scorecard (so the
benchmark compares like with like), and every benchmark case runs on a small database."""
import datetime
import importlib.util
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from metrics import facts, scope, scorecard, store

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_scorecard.py"


def _module():
    spec = importlib.util.spec_from_file_location("bench_scorecard", BENCH)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_pandas_baseline_equals_scorecard(demo_db):
    bench = _module()
    with store.connect_read(demo_db) as con:
        as_of = facts.latest_delivery(con)
        start = as_of - datetime.timedelta(days=364)
        ours = scorecard.scorecard(con, scope.Scope.make(date_from=start, date_to=as_of, as_of=as_of))
        theirs = bench.pandas_kpis(con, start, as_of, as_of)
    # the scorecard also lists suppliers with penalties applied in the window but no line due
    ours = ours[ours["lines"] > 0].set_index("supplier_id").sort_index()
    theirs = theirs.set_index("supplier_id").sort_index()
    assert list(ours.index) == list(theirs.index)
    for col in theirs.columns:
        pd.testing.assert_series_equal(ours[col].astype(float), theirs[col].astype(float),
                                       check_names=False, rtol=1e-9, atol=1e-9, obj=col)


def test_like_for_like_kpis_equal_the_pandas_baseline(demo_db):
    """The bench's scorecard_kpis case (scorecard.kpi_frame) computes what pandas_kpis does."""
    bench = _module()
    with store.connect_read(demo_db) as con:
        as_of = facts.latest_delivery(con)
        start = as_of - datetime.timedelta(days=364)
        resolved = scorecard.resolve(con, scope.Scope.make(date_from=start, date_to=as_of, as_of=as_of))
        ours = scorecard.kpi_frame(con, resolved, ("supplier",))
        theirs = bench.pandas_kpis(con, start, as_of, as_of)
    ours = ours.set_index("supplier_id").sort_index()
    theirs = theirs.set_index("supplier_id").sort_index()
    assert list(ours.index) == list(theirs.index) and len(ours) > 10
    for col in theirs.columns:
        pd.testing.assert_series_equal(ours[col].astype(float), theirs[col].astype(float),
                                       check_names=False, rtol=1e-9, atol=1e-9, obj=col)


@pytest.mark.parametrize("case", ["scorecard", "scorecard_warm", "scorecard_kpis", "pandas_way_warm",
                                  "scorecard_lines", "pandas_way", "bare_scan", "one_supplier",
                                  "ledger"])
def test_every_bench_case_runs(demo_db, case):
    bench = _module()
    done = subprocess.run([sys.executable, "-c", bench.CASES[case], str(demo_db), str(BENCH.parent)],
                          capture_output=True, text=True, cwd=BENCH.parents[1])
    assert done.returncode == 0, done.stderr[-2000:]
