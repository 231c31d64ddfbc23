"""abasto shortages: views, --by, formats, labels, errors (in-process, on the fixtures)."""
import argparse
import json
import sys

import pytest

from metrics.cli import main, shortages_cmd
from metrics.exceptions import AbastoError


@pytest.fixture
def short_flag(case_db):
    return case_db("short_flag")


def _run(capsys, *argv):
    """The command alone (so another command's plugin being mid-change cannot fail these),
    with the entry point's handling of project errors."""
    parser = argparse.ArgumentParser(prog="abasto shortages")
    shortages_cmd.add_arguments(parser)
    try:
        code = shortages_cmd.run(parser.parse_args(argv))
    except AbastoError as exc:
        print(f"abasto: {exc}", file=sys.stderr)
        code = 1
    out, err = capsys.readouterr()
    return code, out, err


def test_entry_point(short_flag, capsys):
    assert main(["shortages", "headline", "--as-of", "2025-03-31", "--format", "csv"]) == 0
    assert "undelivered_share" in capsys.readouterr().out


def test_default_is_one_row_per_month_with_short_items(short_flag, capsys):
    code, out, _ = _run(capsys, "--as-of", "2025-03-31", "--format", "json")
    rows = json.loads(out)
    assert code == 0
    assert [(r["month"], r["short_items"]) for r in rows] == [("2025-01-01", 1), ("2025-02-01", 1)]


def test_table_is_labelled_in_spanish_with_mexican_formats(short_flag, capsys):
    code, out, _ = _run(capsys, "--as-of", "31/03/2025", "--by", "item")
    assert code == 0
    assert "Surtimiento" in out and "Meses en desabasto" in out
    assert "95.0 %" in out and "Paracetamol 500 mg" in out
    _, out_en, _ = _run(capsys, "--as-of", "2025-03-31", "--by", "item", "--lang", "en")
    assert "Short months" in out_en and "Fill rate" in out_en


def test_headline_stands_up(short_flag, capsys):
    _, out, _ = _run(capsys, "headline", "--as-of", "2025-03-31")
    assert "% de piezas no entregadas" in out and "9.0 %" in out and "feb 2025" in out


@pytest.mark.parametrize("view", [v for v in shortages_cmd.VIEWS])
def test_every_view_runs_and_writes_csv(short_flag, tmp_path, capsys, view, monkeypatch):
    if view == "risk":
        import pandas as pd
        import metrics.scorecard
        monkeypatch.setattr(metrics.scorecard, "scorecard", lambda con, scope=None, **kw: pd.DataFrame(
            {"supplier_id": ["S1", "S2"], "tier": ["D", "A"], "score": [40.0, 90.0], "trend": ["stable"] * 2}))
    out_file = tmp_path / f"{view}.csv"
    code, _, err = _run(capsys, view, "--as-of", "2025-03-31", "--format", "csv", "--out", str(out_file))
    assert code == 0 and out_file.exists()
    if view in ("prescriptions", "funnel"):
        assert "not loaded" in err or "No hay" in err


def test_not_loaded_reason_in_the_chosen_language(short_flag, capsys):
    _, _, err = _run(capsys, "funnel", "--lang", "en")
    assert "Tender items are not loaded" in err
    _, _, err = _run(capsys, "prescriptions")
    assert "No hay recetas cargadas" in err


def test_bad_grouping_is_a_clear_error(short_flag, capsys):
    code, _, err = _run(capsys, "--by", "colour")
    assert code == 1 and "abasto: --by: cannot group by colour (choose from" in err and "Traceback" not in err
    code, _, err = _run(capsys, "episodes", "--by", "month")
    assert code == 1 and "--by: cannot group by month" in err
    code, _, err = _run(capsys, "trend", "--by", "state,group")
    assert code == 1 and "trend by: one of" in err
    code, _, err = _run(capsys, "headline", "--by", "item")
    assert code == 1 and "--by does not apply" in err
    code, _, err = _run(capsys, "--from", "2025-13-01")
    assert code == 1 and "is not a date" in err


def test_json_keeps_empty_values_empty(case_db, capsys):
    case_db("concentration")
    code, out, err = _run(capsys, "concentration", "--as-of", "2025-03-31", "--format", "json")
    assert code == 0, err
    rows = {r["item_code"]: r for r in json.loads(out)}
    assert rows["E"]["hhi"] is None and rows["E"]["highly_concentrated"] is None
    assert rows["A"]["hhi"] == 4600


def test_set_overrides_a_setting_for_one_run(short_flag, capsys):
    # shortage_threshold 0.95: item A's January (90 of 100 accepted, 0.90) is short too
    _, out, _ = _run(capsys, "--as-of", "2025-03-31", "--format", "json", "--set", "shortage_threshold=0.95")
    assert [(r["month"], r["short_items"]) for r in json.loads(out)] == [("2025-01-01", 2), ("2025-02-01", 1)]
    # 10 days of grace: A's February order (due 10/02, all 100 delivered 20/02) is met by its due date
    _, out, _ = _run(capsys, "--as-of", "2025-03-31", "--by", "item,month", "--format", "json",
                     "--set", "grace_days=10")
    a_feb = next(r for r in json.loads(out) if r["item_code"] == "A" and r["month"] == "2025-02-01")
    assert a_feb["qty_accepted_by_due"] == 100 and a_feb["fill_rate_by_due"] == 1.0


def test_bad_set_is_the_error_scores_gives(short_flag, capsys):
    for bad in ("grace_days=abc", "trend_alpha=nan", "colour=red", "tier_a"):
        assert main(["scores", "--set", bad]) == 1
        want = capsys.readouterr().err
        assert main(["shortages", "--set", bad]) == 1
        assert capsys.readouterr().err == want
    assert want == "abasto: --set 'tier_a': expected NAME=VALUE, e.g. --set grace_days=2\n"


def test_risk_flag_uses_the_trend_word(short_flag, capsys, monkeypatch):
    """The supplier-declining flag is named with the trend's own word ("empeora"), not a
    second one ("A la baja"), in the table, the help and the PDF's method text."""
    import pandas as pd

    import metrics.scorecard
    from dashboard.exports.reports.texts import tr
    monkeypatch.setattr(metrics.scorecard, "scorecard", lambda con, scope=None, **kw: pd.DataFrame(
        {"supplier_id": ["S1", "S2"], "tier": ["D", "D"], "score": [40.0, 45.0],
         "trend": ["declining", "stable"]}))
    code, out, _ = _run(capsys, "risk", "--as-of", "2025-03-31")
    header = out.splitlines()[0]
    assert code == 0 and "Tendencia del proveedor" in header and "Empeora" in header
    assert "A la baja" not in out and "empeora" in out
    _, out_en, _ = _run(capsys, "risk", "--as-of", "2025-03-31", "--lang", "en")
    assert "Declining" in out_en.splitlines()[0]
    assert "o que empeora" in shortages_cmd.VIEWS["risk"][2]
    assert "C/D o que empeora" in tr("shortages.method_text", "es", threshold="80 %", grace=5)
