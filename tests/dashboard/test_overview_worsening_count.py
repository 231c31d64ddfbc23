"""The overview's worsening-items alert counts the items whose status is worsening only."""
from metrics import fmt, shortages, store
from metrics.scope import Scope
from tests.dashboard.conftest import no_exception


def test_worsening_alert_counts_only_worsening_items(open_page, dash_db):
    with store.connect_read(dash_db) as con:
        every = shortages.worsening(con, Scope())
    worsening = int((every["status"] == "worsening").sum())
    assert worsening > 0                   # the demo plants worsening items
    assert len(every) > worsening          # the frame also holds improving / stable items
    at = open_page(dash_db)
    no_exception(at)
    alerts = [w.value for w in at.warning if "empeora de forma significativa" in w.value]
    assert alerts == [f"Insumos cuyo surtimiento empeora de forma significativa "
                      f"(Mann–Kendall, p < 0.05): {fmt.number(worsening, 0, 'es')}."]


def test_worsening_alert_states_the_significance_level_in_force(open_page, dash_db, tmp_path, monkeypatch):
    """The alert's "p < …" is the trend_alpha the count used, not a fixed 0.05."""
    from metrics.settings import load_settings
    (tmp_path / "custom.toml").write_text("[settings]\ntrend_alpha = 0.1\n")
    monkeypatch.setenv("ABASTO_CONFIG", str(tmp_path / "custom.toml"))
    with store.connect_read(dash_db) as con:
        every = shortages.worsening(con, Scope(), load_settings())
    worsening = int((every["status"] == "worsening").sum())
    at = open_page(dash_db)
    no_exception(at)
    alerts = [w.value for w in at.warning if "empeora de forma significativa" in w.value]
    assert alerts == [f"Insumos cuyo surtimiento empeora de forma significativa "
                      f"(Mann–Kendall, p < 0.10): {fmt.number(worsening, 0, 'es')}."]
