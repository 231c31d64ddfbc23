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
