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
    assert any("Filtro no válido" in e.value for e in at.sidebar.error)
