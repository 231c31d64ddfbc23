"""Methodology page: every KPI of the registry is explained, settings in force are listed."""
from metrics.kpis import KPIS
from metrics.settings import describe
from tests.dashboard.conftest import no_exception, texts


def test_every_registry_kpi_is_on_the_page(open_page, tiny_db):
    at = open_page(tiny_db, "methodology")
    no_exception(at)
    page = texts(at)
    for kpi in KPIS.values():
        assert f"**{kpi.label_es}** · `{kpi.key}`" in page, kpi.key
        assert kpi.formula_es in page, kpi.key
        assert kpi.why_es in page, kpi.key
    assert "17 %" in page and "OCDE" in page


def test_settings_in_force_are_listed(open_page, tiny_db, tmp_path, monkeypatch):
    (tmp_path / "custom.toml").write_text("[settings]\nweight_delivery = 50\nshortage_threshold = 0.8\n")
    monkeypatch.setenv("ABASTO_CONFIG", str(tmp_path / "custom.toml"))
    at = open_page(tiny_db, "methodology")
    no_exception(at)
    table = next(d.value for d in at.dataframe if "Ajuste" in d.value.columns).set_index("Ajuste")
    assert set(table.index) == {s["name"] for s in describe()}
    assert table.loc["weight_delivery", "Valor"] == "50" and table.loc["weight_delivery", "Por omisión"] == "35"
    assert "Peso: entrega (OTIF)" in [m.label for m in at.metric]
    assert "menor que 80 %" in texts(at)                              # the threshold in the prose


def test_methodology_in_english_and_on_an_empty_database(open_page, empty_db):
    at = open_page(empty_db, "methodology", lang="EN")
    no_exception(at)
    page = texts(at)
    assert at.title[0].value == "Methodology"
    for kpi in KPIS.values():
        assert f"**{kpi.label_en}** · `{kpi.key}`" in page, kpi.key
    assert "17%" in page and "OECD" in page
