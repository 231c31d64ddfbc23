"""bench/common.py and `python -m bench`: the contract other bench modules rely on."""
import json
import sys

import pytest

from bench import __main__ as cli
from bench import common

ALLOCATE = "import sys; block = b'x' * (int(sys.argv[1]) << 20)"


def test_measure_records_median_and_the_childs_peak_memory():
    small = common.measure("small", [sys.executable, "-c", ALLOCATE, 1], lines=10, repeat=3,
                           bench="probe")
    big = common.measure("big", [sys.executable, "-c", ALLOCATE, 120], lines=10, repeat=1,
                         baseline="small", bench="probe")
    assert small["bench"] == "probe" and small["case"] == "small" and small["lines"] == 10
    assert len(small["runs_s"]) == 3 and small["median_s"] == sorted(small["runs_s"])[1]
    # the child's memory (120 MB allocated), not this (large) test process's
    assert small["peak_mb"] < 60 and big["peak_mb"] > small["peak_mb"] + 100
    rows = common.ratios([small, big])
    assert rows[0]["ratio"] is None
    assert rows[1]["ratio"] == pytest.approx(big["median_s"] / small["median_s"])
    assert rows[1]["mem_ratio"] == pytest.approx(big["peak_mb"] / small["peak_mb"])


def test_interleaved_cases_run_in_rounds(tmp_path):
    log = tmp_path / "order"
    note = "import sys; open(sys.argv[1], 'a').write(sys.argv[2])"
    rows = common.measure_interleaved(
        [(name, [sys.executable, "-c", note, log, name], "a" if name != "a" else None) for name in "abc"],
        lines=5, repeat=3, bench="probe")
    assert log.read_text() == "abcabcabc"
    assert [r["case"] for r in rows] == ["a", "b", "c"] and all(len(r["runs_s"]) == 3 for r in rows)
    assert rows[1]["baseline"] == "a" and rows[0]["baseline"] is None


def test_a_failing_command_raises_with_its_stderr():
    with pytest.raises(common.BenchError, match="boom"):
        common.measure("fails", [sys.executable, "-c", "import sys; sys.exit('boom')"], lines=1, repeat=1)


def test_ratios_only_compare_the_same_bench_and_size():
    rows = [{"bench": "a", "case": "base", "lines": 1, "median_s": 2.0, "peak_mb": 10.0, "baseline": None},
            {"bench": "a", "case": "x", "lines": 1, "median_s": 6.0, "peak_mb": 30.0, "baseline": "base"},
            {"bench": "a", "case": "x", "lines": 2, "median_s": 6.0, "peak_mb": 30.0, "baseline": "base"},
            {"bench": "b", "case": "x", "lines": 1, "median_s": 6.0, "peak_mb": 30.0, "baseline": "base"}]
    out = common.ratios(rows)
    assert (out[1]["ratio"], out[1]["mem_ratio"]) == (3.0, 3.0)
    assert out[2]["ratio"] is None and out[3]["ratio"] is None


def test_report_prints_the_table_and_writes_json(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(common, "RESULTS", tmp_path / "results")
    monkeypatch.setattr(common, "ROOT", tmp_path)
    rows = common.ratios([{"bench": "a", "case": "base", "lines": 1_000_000, "median_s": 2.0,
                           "runs_s": [2.0], "peak_mb": 10.0, "baseline": None}])
    path = common.report(rows, "a")
    out = capsys.readouterr().out
    assert "1,000,000" in out and "median s" in out
    data = json.loads(path.read_text())
    assert path.name.startswith("a-") and data["rows"][0]["case"] == "base"
    assert {"python", "duckdb", "cpus"} <= set(data["environment"])


@pytest.mark.parametrize("text, value", [("1000000", 1_000_000), ("1e6", 1_000_000), ("1M", 1_000_000),
                                         ("250k", 250_000), ("10_000_000", 10_000_000)])
def test_sizes_are_read_in_any_usual_spelling(text, value):
    assert cli.parse_size(text) == value


def test_every_bench_module_keeps_the_contract(capsys):
    found = cli.modules()
    assert "demo" in found
    for name, module in found.items():
        assert module.NAME == name and callable(module.run)
    assert cli.main(["--list"]) == 0
    assert "demo" in capsys.readouterr().out.split()
    with pytest.raises(SystemExit):
        cli.main(["--only", "nonexistent"])


TIMED = """
import time, sys
time.sleep(0.3)                       # stands for imports: not the case's time
from bench.clock import timed
with timed():
    time.sleep(0.05)
for _ in range(3):
    with timed("again"):
        time.sleep(0.01)
"""


def test_the_case_time_is_what_the_child_timed_and_the_process_time_is_kept():
    row = common.measure("op", [sys.executable, "-c", TIMED], lines=1, repeat=1, bench="probe")
    assert row["timed"] == "op"
    assert 0.05 <= row["median_s"] < row["process_s"]
    assert row["process_s"] >= 0.35
    rows = common.measure_keys([("first", "op", None), ("again", "again", "first")],
                               [sys.executable, "-c", TIMED], lines=1, repeat=2, bench="probe")
    assert [r["case"] for r in rows] == ["first", "again"] and rows[1]["baseline"] == "first"
    assert rows[1]["median_s"] < rows[0]["median_s"] and len(rows[1]["runs_s"]) == 2
    assert rows[0]["peak_mb"] == rows[1]["peak_mb"]


def test_a_child_that_times_nothing_is_timed_by_its_process():
    row = common.measure("plain", [sys.executable, "-c", "pass"], lines=1, repeat=1, bench="probe")
    assert row["timed"] == "process" and row["median_s"] == row["process_s"]


def _r(case, lines, s, mb, baseline=None):
    return {"bench": "scorecard", "case": case, "lines": lines, "median_s": s, "peak_mb": mb,
            "runs_s": [s], "baseline": baseline}


def test_growth_says_how_cost_grows_between_sizes():
    rows = [_r("a", 1_000_000, 1.0, 100), _r("a", 10_000_000, 10.0, 200),
            _r("b", 1_000_000, 1.0, 100), _r("b", 10_000_000, 2.0, 100),
            _r("c", 1_000_000, 1.0, 100), _r("c", 10_000_000, 100.0, 100), _r("only", 1, 1.0, 1)]
    grown = {g["case"]: g for g in common.growth(rows)}
    assert set(grown) == {"a", "b", "c"}
    assert grown["a"]["exponent"] == pytest.approx(1.0) and grown["a"]["shape"] == "linear"
    assert grown["a"]["mem_x"] == pytest.approx(2.0)
    assert grown["b"]["shape"] == "better than linear" and grown["c"]["shape"] == "worse than linear"
    assert "worse than linear: scorecard/c" in common.growth_text(list(grown.values()))


def test_targets_are_checked_per_size():
    from bench import targets
    rows = common.ratios([_r("pandas_way", 10, 2.0, 800), _r("scorecard", 10, 0.1, 80, "pandas_way"),
                          _r("scan_columns", 10, 0.02, 70, "scorecard")])
    got = {c["target"]: c for c in targets.check(rows)}
    assert got["scorecard ≥10x faster than the pandas way"]["met"] is True        # 0.05
    assert got["scorecard at ≤1/8 of the pandas way's memory"]["met"] is True     # 0.1
    assert got["scorecard within 10x of a bare scan of the columns it reads"]["value"] == pytest.approx(5.0)
    assert not any(c["target"].startswith("validated import") for c in targets.check(rows))


def test_the_import_floor_is_reported_beside_the_import_target():
    from bench import targets
    rows = [{**_r(case, 10, s, mb, base), "bench": "import"} for case, s, mb, base in (
        ("duckdb_read_csv", 10.0, 500, None), ("abasto_import", 90.0, 1500, "duckdb_read_csv"),
        ("facts_floor", 21.0, 900, "duckdb_read_csv"))]
    checks = targets.check(common.ratios(rows))
    floor = next(c for c in checks if c["target"].startswith("floor"))
    assert floor["value"] == pytest.approx(2.1) and floor["met"] is False
    assert "no import keeping line facts can meet" in targets.text(checks)
    floor["value"], floor["met"] = 1.9, True
    assert "leaves 0.10x of the bare read" in targets.text(checks)
