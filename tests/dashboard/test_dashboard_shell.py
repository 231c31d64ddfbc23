"""The shell: app starts on any database, language switch, URL-bound filters, links."""
from tests.dashboard.conftest import no_exception, texts


def test_overview_renders_on_empty_database(open_page, empty_db):
    at = open_page(empty_db)
    no_exception(at)
    assert "Resumen" in texts(at)


def test_overview_renders_on_demo_database(open_page, dash_db):
    at = open_page(dash_db)
    no_exception(at)
    assert at.title[0].value == "Resumen"


def test_language_switch_changes_labels(open_page, dash_db):
    at = open_page(dash_db)
    assert at.title[0].value == "Resumen"
    at.button_group(key="lang").set_value("en").run()
    no_exception(at)
    assert at.title[0].value == "Overview"
    assert at.multiselect(key="institution").label == "Institution"


def test_language_from_url(open_page, dash_db):
    at = open_page(dash_db, lang="EN")
    no_exception(at)
    assert at.title[0].value == "Overview"


def test_language_from_a_hand_typed_url_in_any_case(open_page, dash_db):
    # the switch writes its label (EN); a link typed as ?lang=en was dropped, showing Spanish
    for typed in ("en", "En"):
        at = open_page(dash_db, lang=typed)
        no_exception(at)
        assert at.title[0].value == "Overview" and at.button_group(key="lang").value == "en"
    at = open_page(dash_db, lang="xx")
    assert at.title[0].value == "Resumen" and at.button_group(key="lang").value == "es"


def test_filters_are_read_from_the_url(open_page, tiny_db):
    at = open_page(tiny_db, institution="IMSS", item_group="Vacuna", date_from="2025-03-01")
    no_exception(at)
    assert at.multiselect(key="institution").value == ["IMSS"]
    assert at.multiselect(key="item_group").value == ["vaccine"]
    assert str(at.date_input(key="date_from").value) == "2025-03-01"
    assert "Institución: IMSS" in texts(at)


def test_invalid_window_is_explained_not_raised(open_page, tiny_db):
    at = open_page(tiny_db, date_from="2025-06-01", date_to="2025-01-01")
    assert not at.exception
    # in the widgets' words and the user's language (not the command line's --from / --to)
    assert [e.value for e in at.sidebar.error] == [
        "«Desde» (01/06/2025) es posterior a «Hasta» (01/01/2025): se muestran todas las fechas."]
    assert "todas las fechas" in texts(at)          # the window is dropped, as it says
    at.button_group(key="lang").set_value("en").run()
    assert [e.value for e in at.sidebar.error] == [
        "«From» (2025-06-01) is after «To» (2025-01-01): every date is shown."]


def test_every_label_has_both_languages_and_the_same_placeholders():
    import string

    from dashboard.i18n import labels

    def fields(text: str) -> set[str]:
        """Its {fields}, those inside a '{n:one|other}' choice too (a language may name a
        count twice, '{n} {n:fila|filas}', where the other needs it once: '{n} not yet due')."""
        found = set()
        for _, name, spec, _ in string.Formatter().parse(text):
            if name:
                found.add(name)
            if spec and "|" in spec:
                assert spec.count("|") == 1 and all(spec.split("|")), f"two forms, one '|': {spec!r}"
                found |= fields(spec)
        return found

    for key, (es, en) in labels().items():
        assert es.strip() and en.strip(), key
        assert fields(es) == fields(en), key


def test_missing_label_raises_under_tests():
    import pytest

    from dashboard.i18n import t
    with pytest.raises(KeyError):
        t("no.such.key", "es")


def test_language_switch_keeps_translated_filters(open_page, tiny_db):
    at = open_page(tiny_db, "suppliers", tier="Datos insuficientes", item_group="Medicamento")
    assert at.multiselect(key="tier").value == ["insufficient"]
    at.button_group(key="lang").set_value("en").run()
    no_exception(at)
    assert at.multiselect(key="tier").value == ["insufficient"]
    assert at.multiselect(key="item_group").value == ["medicine"]
    # the URL is rewritten with the English labels, so a shared link stays valid
    as_list = lambda v: v if isinstance(v, list) else [v]  # noqa: E731
    assert as_list(at.query_params["tier"]) == ["Insufficient data"]
    assert as_list(at.query_params["item_group"]) == ["Medicine"]


def test_previous_period():
    from datetime import date

    from dashboard.state import previous_scope
    from metrics.scope import Scope

    def prev(a, b):
        p = previous_scope(Scope.make(date_from=a, date_to=b))
        return p.date_from, p.date_to
    assert prev("2025-07-01", "2025-12-31") == (date(2025, 1, 1), date(2025, 6, 30))
    assert prev("2025-02-01", "2025-02-28") == (date(2025, 1, 1), date(2025, 1, 31))
    assert prev("2025-01-05", "2025-01-14") == (date(2024, 12, 26), date(2025, 1, 4))
    assert previous_scope(Scope()) is None


def test_a_damaged_database_is_an_error_message_not_a_traceback(open_page, tmp_path):
    bad = tmp_path / "damaged.duckdb"
    bad.write_text("not a database")
    at = open_page(bad)
    assert not at.exception
    assert any("cannot be opened as an Abasto database" in e.value for e in at.error)


def test_dates_survive_the_language_switch(open_page, tiny_db):
    at = open_page(tiny_db, date_from="2025-03-01", as_of="2025-12-31")
    at.button_group(key="lang").set_value("en").run()
    no_exception(at)
    assert str(at.date_input(key="date_from").value) == "2025-03-01"
    assert str(at.date_input(key="as_of").value) == "2025-12-31"
    assert "due from 2025-03-01 · as of 2025-12-31" in texts(at)


def test_kpi_card_texts_read_as_spanish(open_page, tiny_db):
    at = open_page(tiny_db)
    no_exception(at)
    # the selection's first letter lower-cased, not the acronym
    assert at.button(key="kpi_lines_otif_rate").label == "Ver las líneas: no a tiempo y completas (no OTIF) (abajo)"
    # an exclusion by reason reads "n sin completar", not "n por sin completar"
    shown = texts(at)
    assert " sin completar" in shown and " por sin " not in shown
