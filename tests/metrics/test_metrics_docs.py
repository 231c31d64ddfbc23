"""Every setting and every KPI is documented, and the docs match the registry."""
from pathlib import Path

import pytest

from metrics import kpis, settings

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_setting_is_documented_with_its_default():
    text = (DOCS / "settings.md").read_text(encoding="utf-8")
    for d in settings.describe():
        assert f"| `{d['name']}` | {d['default']} |" in text, f"setting {d['name']} not in docs/settings.md"
    assert settings.markdown() in text, "docs/settings.md table is stale: regenerate with settings.markdown()"


def test_every_kpi_is_in_the_methodology_in_both_languages():
    text = (DOCS / "methodology.md").read_text(encoding="utf-8")
    for lang in ("es", "en"):
        assert kpis.markdown_table(lang) in text, f"methodology KPI table ({lang}) differs from the registry"
    for key in kpis.KPIS:
        assert f"`{key}`" in text
    assert "## Calificación de desempeño / Performance score" in text


def test_registry_is_complete():
    metrics_md = ["lines", "on_time_rate", "otif_rate", "fill_rate", "undelivered_share",
                  "non_compliant_rate", "days_late_mean", "days_late_p90", "open_overdue_lines",
                  "backlog_qty", "lead_time_median", "rejection_rate", "short_shelf_life_rate",
                  "price_index", "penalties_applied", "penalties_due", "penalty_gap"]
    assert list(kpis.SCORECARD_KPIS) == metrics_md
    for k in kpis.KPIS.values():
        assert k.label_es and k.label_en and k.formula_es and k.formula_en and k.why_es and k.why_en
        assert k.needs and all("." in n for n in k.needs)
        assert k.unit in {"count", "share", "days", "qty", "MXN", "index", "score"}


def test_settings_are_validated(tmp_path):
    from metrics.exceptions import AbastoError
    with pytest.raises(AbastoError, match="tier_a"):
        settings.load_settings(path=tmp_path / "none.toml", tier_a=10)
    bad = tmp_path / "abasto.toml"
    bad.write_text("[settings]\nweight_delivery = -1\n", encoding="utf-8")
    with pytest.raises(AbastoError, match="weights"):
        settings.load_settings(path=bad)
    bad.write_text("[settings]\nmin_lines = 30\n", encoding="utf-8")
    assert settings.load_settings(path=bad).min_lines == 30
    # nan / inf parse as floats; as a weight they blanked every score
    for value in ("nan", "inf", "-inf"):
        with pytest.raises(AbastoError, match="weight_price must be a finite number"):
            settings.load_settings(path=tmp_path / "none.toml", weight_price=value)
    bad.write_text("[settings]\ntimeliness_days = nan\n", encoding="utf-8")
    with pytest.raises(AbastoError, match="timeliness_days must be a finite number"):
        settings.load_settings(path=bad)
