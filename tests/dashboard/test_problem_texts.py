"""Import problems in the user's language, by their stable code."""
import pandas as pd

from dashboard.i18n import problems as problem_texts
from dashboard.i18n import t
from metrics.ingest import check_paths


def test_spanish_text_by_code_and_original_when_untranslated():
    frame = pd.DataFrame({"problem": ["not a date: looks like MM/DD/YYYY", "something new", "x"],
                          "code": ["bad_date", "brand_new_code", None]})
    es = problem_texts.texts(frame, "es")
    assert es == [t("problem.bad_date", "es"), "something new", "x"]
    assert es[0].startswith("No es una fecha válida")
    assert problem_texts.texts(frame, "en") == list(frame["problem"])
    assert problem_texts.texts(frame[["problem"]], "es") == list(frame["problem"])


def test_every_problem_of_a_bad_file_has_a_spanish_text(tmp_path, db):
    orders = tmp_path / "orders.csv"
    orders.write_text(
        "order_id,contract_id,item_code,unit_id,order_date,due_date,qty_ordered,nota\n"
        "P1,C-NO,010.000.0104.00,U-NO,31/02/2025,2025-01-01,abc,x\n"
        "P1,C-NO,010.000.0104.00,U-NO,2025-02-01,2025-01-01,-5,y\n"
        ",C-NO,,U-NO,2025-02-01,2025-03-01,1.5,z\n", encoding="utf-8")
    found = check_paths([orders], db)
    codes = set(found["code"])
    assert {"bad_date", "extra_column", "required_empty", "duplicate_key"} <= codes
    untranslated = sorted(c for c in codes if problem_texts.texts(
        pd.DataFrame({"problem": ["?"], "code": [c]}), "es") == ["?"])
    assert untranslated == []


def test_a_catalogue_without_header_and_items_without_group_read_in_spanish(tmp_path, db):
    bare = tmp_path / "cnis.csv"
    bare.write_text("010.000.0022.00,Caseinato de calcio,Pieza\n", encoding="utf-8")
    grouped = tmp_path / "items.csv"
    grouped.write_text("clave,descripcion\nHO.01.01.001,Calcarea carbonica\n", encoding="utf-8")
    for path, code in ((bare, "no_header"), (grouped, "no_group")):
        found = check_paths([path], db)
        assert code in set(found["code"])
        assert problem_texts.texts(found[found["code"] == code], "es") == [t(f"problem.{code}", "es")]
