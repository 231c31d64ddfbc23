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


def _full_scorecard(con, scope_):
    frame = scorecard.scorecard(con, scope_)
    # the scorecard also lists suppliers with penalties applied in the window but no line due
    return frame[frame["lines"] > 0]


def _kpis_alone(con, scope_):
    """The bench's scorecard_kpis case: the KPI columns without the score."""
    return scorecard.kpi_frame(con, scorecard.resolve(con, scope_), ("supplier",))


@pytest.mark.parametrize("ours_of", [_full_scorecard, _kpis_alone], ids=["scorecard", "kpi_frame"])
def test_pandas_baseline_equals_ours(demo_db, ours_of):
    bench = _module()
    with store.connect_read(demo_db) as con:
        as_of = facts.latest_delivery(con)
        start = as_of - datetime.timedelta(days=364)
        ours = ours_of(con, scope.Scope.make(date_from=start, date_to=as_of, as_of=as_of))
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
