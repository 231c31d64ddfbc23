"""The table format speaks the reader's language: stored codes (groups, procedures, tiers,
trends, statuses) in words, order lines with labels, DD/MM/YYYY and sí/no, an empty scope
said once. CSV and JSON keep the codes and raw values (scripts read them)."""
import csv
import io
import re

from metrics.cli import main

CODES = ("direct_award", "open_tender", "restricted", "medicine", "medical_supply", "vaccine",
         "insufficient data", "improving", "declining", "stable", "worsening")


def run(capsys, *argv) -> tuple[str, str]:
    assert main([str(a) for a in argv]) == 0
    got = capsys.readouterr()
    return got.out, got.err


def words_in(text: str) -> set[str]:
    return {c for c in CODES if re.search(rf"(?<![\w_]){re.escape(c)}(?![\w_])", text)}


def test_scores_by_procedure_and_group_in_words(demo_db, capsys):
    es, _ = run(capsys, "scores", "--db", demo_db, "--group-by", "procedure_type")
    assert {"Adjudicación directa", "Licitación pública", "Invitación a tres"} <= set(re.findall(
        r"Adjudicación directa|Licitación pública|Invitación a tres", es))
    assert words_in(es) == set()
    es, _ = run(capsys, "scores", "--db", demo_db, "--group-by", "item_group")
    assert "Medicamento" in es and "Material de curación" in es and words_in(es) == set()
    en, _ = run(capsys, "scores", "--db", demo_db, "--group-by", "item_group", "--lang", "en")
    assert "Medicine" in en and "Medical supply" in en and words_in(en) == set()
    raw, _ = run(capsys, "scores", "--db", demo_db, "--group-by", "procedure_type", "--format", "csv")
    assert {r["procedure_type"] for r in csv.DictReader(io.StringIO(raw))} == {
        "direct_award", "open_tender", "restricted"}


def test_supplier_scores_tier_and_trend_in_words(demo_db, capsys):
    es, _ = run(capsys, "scores", "--db", demo_db)
    assert "Datos insuficientes" in es and "estable" in es and words_in(es) == set()
    raw, _ = run(capsys, "scores", "--db", demo_db, "--format", "json")
    assert '"tier": "insufficient data"' in raw and '"trend": "stable"' in raw


def test_shortage_concentration_and_risk_in_words(demo_db, capsys):
    for view in ("concentration", "risk"):
        es, _ = run(capsys, "shortages", view, "--db", demo_db)
        assert "Medicamento" in es and words_in(es) == set(), view
        raw, _ = run(capsys, "shortages", view, "--db", demo_db, "--format", "csv")
        assert "medicine" in {r["item_group"] for r in csv.DictReader(io.StringIO(raw))}


def test_ledger_status_and_procedure_in_words(demo_db, capsys):
    es, _ = run(capsys, "ledger", "--db", demo_db)
    assert "Vigente" in es and "Rescindido" in es and words_in(es) == set()


def test_lines_table_has_labels_dates_and_yes_no(demo_db, capsys):
    es, _ = run(capsys, "scores", "--db", demo_db, "--lines", "late", "--limit", "5")
    header = es.splitlines()[0]
    for label in ("Proveedor", "Razón social", "Orden", "Fecha límite", "Cantidad ordenada",
                  "A tiempo y completa", "Procedimiento"):
        assert label in header
    assert "supplier_id" not in es and "qty_ordered" not in es and "is_otif" not in es
    assert re.search(r"\b\d\d/\d\d/20\d\d\b", es) and not re.search(r"\b20\d\d-\d\d-\d\d\b", es)
    assert " no " in es and "False" not in es and "True" not in es
    assert words_in(es) == set()
    en, _ = run(capsys, "scores", "--db", demo_db, "--lines", "late", "--limit", "5", "--lang", "en")
    assert "Due date" in en.splitlines()[0] and "False" not in en
    raw, _ = run(capsys, "scores", "--db", demo_db, "--lines", "late", "--limit", "5", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(raw)))
    assert "supplier_id" in rows[0] and rows[0]["is_otif"] == "False"
    assert re.fullmatch(r"20\d\d-\d\d-\d\d", rows[0]["due_date"])


def test_empty_scope_said_once_in_the_language(demo_db, capsys):
    es, err = run(capsys, "scores", "--db", demo_db, "--from", "2030-01-01")
    assert es.count("Sin líneas evaluables en el alcance: amplíe el periodo o quite filtros.") == 1
    assert "no calculable" not in es and "no evaluable" not in es and "(no rows)" not in es
    assert err == ""
    en, _ = run(capsys, "scores", "--db", demo_db, "--from", "2030-01-01", "--lang", "en")
    assert en.count("No evaluable lines in scope: widen the period or remove filters.") == 1
    assert "not computable" not in en
    raw, err = run(capsys, "scores", "--db", demo_db, "--from", "2030-01-01", "--format", "csv")
    assert err.splitlines() == ["abasto: Sin líneas evaluables en el alcance: amplíe el periodo o quite filtros."]
    assert raw.startswith("supplier_id,")


CONTRACTS_ONLY = """
INSERT INTO institutions (institution_id, name) VALUES ('IMSS', 'Instituto Mexicano del Seguro Social');
INSERT INTO suppliers (supplier_id, name) VALUES ('NOM-1', 'Proveedor Uno');
INSERT INTO contracts (contract_id, institution_id, supplier_id, procedure_type, signed_date,
                       start_date, end_date, amount, status) VALUES
  ('C1', 'IMSS', 'NOM-1', 'direct_award', '2014-11-18', '2014-11-18', '2014-12-31', 1000, 'completed'),
  ('C2', 'IMSS', 'NOM-1', 'open_tender', '2014-10-01', '2014-10-01', '2014-12-31', 5000, 'completed');
"""


def test_contracts_without_orders_say_what_to_import(db, capsys):
    # what importing only CompraNet / OCDS contracts leaves: no filter can be the cause
    from metrics import facts, store
    with store.writer(db) as con:
        con.execute(CONTRACTS_ONLY)
        facts.refresh(con)
    es, _ = run(capsys, "scores", "--db", db)
    assert es.count("2 contratos pero ninguna orden de suministro: importe órdenes y entregas "
                    "para calcular indicadores.") == 1
    assert "Sin líneas evaluables" not in es and "amplíe el periodo" not in es
    en, _ = run(capsys, "scores", "--db", db, "--lang", "en")
    assert "2 contracts but no delivery orders: import orders and deliveries to compute the indicators." in en
    raw, err = run(capsys, "scores", "--db", db, "--format", "csv")
    assert err.splitlines() == ["abasto: 2 contratos pero ninguna orden de suministro: importe "
                                "órdenes y entregas para calcular indicadores."]
    for command in (("ledger",), ("shortages",), ("shortages", "episodes")):   # they say it too
        _, err = run(capsys, *command, "--db", db)
        assert "2 contratos pero ninguna orden de suministro" in err, command
    with store.writer(db) as con:
        con.execute("DELETE FROM contracts WHERE contract_id = 'C2'")
    es, _ = run(capsys, "scores", "--db", db)
    assert "1 contrato pero ninguna orden de suministro" in es
