"""`abasto scores` and `abasto ledger` end to end on a fixture database."""
import csv
import io
import json

import pytest

from metrics import facts, store
from metrics.cli import scores_cmd, ledger_cmd
from metrics.kpis import SCORECARD_KPIS
from metrics.performance import SCORE_COLUMNS

from .metrics_fixtures import FIXTURES, load


@pytest.fixture
def loaded(db):
    with store.writer(db) as con:
        load(con, FIXTURES / "ledger-penalty_cap_reached.csv")
        facts.refresh(con)
    return db


def _run(module, argv, capsys):
    import argparse
    parser = argparse.ArgumentParser()
    module.add_arguments(parser)
    args = parser.parse_args(argv)
    assert module.run(args) == 0
    return capsys.readouterr()


def test_scores_csv_columns_exactly(loaded, capsys):
    out = _run(scores_cmd, ["--db", str(loaded), "--format", "csv"], capsys).out
    header = next(csv.reader(io.StringIO(out)))
    expected = ["supplier_id", "supplier_name"] + list(SCORECARD_KPIS) + SCORE_COLUMNS
    assert header[:len(expected)] == expected
    assert "weights_used" in header


def test_scores_json_raw_numbers_and_grouping(loaded, capsys):
    out = _run(scores_cmd, ["--db", str(loaded), "--format", "json", "--group-by", "institution"], capsys).out
    rows = json.loads(out)
    assert rows[0]["institution_id"] == "IMSS" and rows[0]["lines"] == 4
    assert rows[0]["penalties_due"] == 100.0
    assert "score" not in rows[0]


def test_scores_table_spanish_and_english(loaded, capsys):
    es = _run(scores_cmd, ["--db", str(loaded)], capsys).out
    assert "A tiempo y completo (OTIF)" in es and "$100.00" in es and "Datos insuficientes" in es
    assert "Fecha de corte: 25/01/2025" in es and "Pesos: Entrega (OTIF) 35" in es
    # short shelf life: no expiry dates; the reason in the table's language
    assert "Caducidad corta: no calculable: las entregas del alcance no traen fecha de caducidad" in es
    en = _run(scores_cmd, ["--db", str(loaded), "--lang", "en", "--supplier", "L"], capsys).out
    assert "On time in full (OTIF)" in en and "As of: 2025-01-25" in en and "Proveedor P" not in en
    assert "not computable: no expiry dates in the deliveries in scope" in en


def test_scores_lines_and_out_file(loaded, capsys, tmp_path):
    target = tmp_path / "lines.csv"
    _run(scores_cmd, ["--db", str(loaded), "--lines", "late", "--format", "csv", "--out", str(target)], capsys)
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [r["order_id"] for r in rows] == ["L1", "L2", "L3"]


def test_unknown_grouping_is_a_clear_error(loaded):
    from metrics.cli import main
    assert main(["scores", "--db", str(loaded), "--group-by", "colour"]) == 1


def test_ledger_table_and_csv(loaded, capsys):
    out = _run(ledger_cmd, ["--db", str(loaded)], capsys).out
    assert "C_L" in out and "rescindido" in out and "Contratos rescindidos" in out and "75.0 %" in out
    rows = list(csv.DictReader(io.StringIO(_run(ledger_cmd, ["--db", str(loaded), "--format", "csv"], capsys).out)))
    first = rows[0]
    assert first["contract_id"] == "C_L" and float(first["penalties_due"]) == 100
    assert float(first["cap_used"]) == 1 and first["near_rescission"] == "True"


def test_scores_by_supplier_and_item_names_both(loaded, capsys):
    out = _run(scores_cmd, ["--db", str(loaded), "--format", "csv", "--group-by", "supplier,item"], capsys).out
    header = next(csv.reader(io.StringIO(out)))
    assert header[:5] == ["supplier_id", "supplier_name", "item_code", "item_description", "lines"]
    assert "score" not in header


def test_whole_scope_row_and_empty_scope(loaded):
    from metrics import scope, scorecard
    with store.connect_read(loaded) as con:
        total = scorecard.scorecard(con, scope.Scope(), group_by=())
        empty = scorecard.scorecard(con, scope.Scope.make(date_from="2030-01-01"), group_by=())
    assert len(total) == 1 and total.loc[0, "lines"] == 4 and total.loc[0, "penalties_applied"] == 35
    assert empty.loc[0, "lines"] == 0                      # a count of nothing is 0 …
    assert empty["otif_rate"].isna().all()                 # … a rate of nothing is not computable
    assert empty.attrs["not_computable"]["otif_rate"] == "no evaluable lines in scope"


def test_set_overrides_a_setting_for_one_run(loaded, capsys):
    rows = json.loads(_run(scores_cmd, ["--db", str(loaded), "--format", "json",
                                        "--set", "min_lines=1", "--set", "weight_price=0"], capsys).out)
    assert rows[0]["tier"] in ("A", "B", "C", "D")                     # 3 lines now enough
    assert "price=0" in rows[0]["weights_used"]
    from metrics.cli import main
    assert main(["scores", "--db", str(loaded), "--set", "tier_a"]) == 1
    assert main(["scores", "--db", str(loaded), "--set", "colour=red"]) == 1


def test_an_empty_scope_of_a_database_without_orders_says_so(db):
    from metrics import scope, scorecard, words
    with store.writer(db) as con:
        con.execute("INSERT INTO institutions (institution_id, name) VALUES ('IMSS', 'IMSS');"
                    "INSERT INTO suppliers (supplier_id, name) VALUES ('S1', 'Uno');"
                    "INSERT INTO contracts (contract_id, institution_id, supplier_id, procedure_type, "
                    "signed_date, start_date, end_date, amount, status) VALUES "
                    "('C1', 'IMSS', 'S1', 'restricted', '2014-01-02', '2014-01-02', '2014-06-30', 10, 'completed')")
        facts.refresh(con)
    with store.connect_read(db) as con:
        board = scorecard.scorecard(con, scope.Scope())
        reasons = scorecard.computability(con, scope.Scope())
    assert board.empty and board.attrs["contracts"] == 1
    assert set(board.attrs["not_computable"].values()) == {words.NO_ORDERS}
    assert reasons["otif_rate"] == words.NO_ORDERS and reasons["lines"] is None
