"""metrics.words: codes and library reasons in words (the one table the command line, the
exports, the reports and the dashboard read)."""
import pandas as pd

from dashboard.i18n import t
from metrics import words


def test_dashboard_labels_come_from_the_words_table():
    assert t("group.medicine", "es") == words.word("item_group", "medicine", "es") == "Medicamento"
    assert t("procedure.direct_award", "en") == words.word("procedure_type", "direct_award", "en")
    assert t("tier.insufficient", "es") == words.word("tier", "insufficient data", "es")
    assert t("status.active", "es") == words.word("status", "active", "es") == "Vigente"
    assert words.word("status", "worsening", "es") == "empeora"
    assert words.word("state", "medicine", "es") == "medicine"          # only coded columns


def test_scorecard_texts_for_people():
    frame = pd.DataFrame({"not_computable": ["days_late_mean: no completed lines in scope", None],
                          "weights_used": ["delivery=35;price=10", None], "item_group": ["vaccine", None]})
    es = words.for_people(frame, "es")
    assert es["not_computable"][0] == "Días de atraso (promedio): no hay líneas completadas en el alcance"
    assert es["weights_used"][0] == "Entrega (OTIF) 35; Precio 10" and es["item_group"][0] == "Vacuna"
    assert frame["item_group"][0] == "vaccine"                          # the input is left alone
    en = words.for_people(frame, "en")
    assert en["not_computable"][0] == "Days late (mean): no completed lines in scope"


def test_reasons_text_says_an_empty_scope_once():
    empty = {"otif_rate": words.NO_LINES, "fill_rate": words.NO_LINES}
    assert words.reasons_text(empty, "es") == [words.NO_LINES_TEXT[0]]
    some = {"short_shelf_life_rate": "no expiry dates in the deliveries in scope"}
    assert words.reasons_text(some, "es") == [
        "Caducidad corta: no calculable: las entregas del alcance no traen fecha de caducidad"]


def test_an_empty_database_of_orders_says_what_it_lacks():
    no_orders = {"otif_rate": words.NO_ORDERS, "fill_rate": words.NO_ORDERS}
    assert words.nothing_in_scope(no_orders)
    assert words.reasons_text(no_orders, "es", contracts=1234) == [
        "1,234 contratos pero ninguna orden de suministro: importe órdenes y entregas para "
        "calcular indicadores."]
    assert words.empty_text(no_orders, "en", contracts=0) == (
        "No contracts and no delivery orders: import contracts, orders and deliveries to compute "
        "the indicators.")
    assert words.reason(words.NO_ORDERS, "es") == "no se han importado órdenes de suministro"
