"""Streamlit 1.67: widths are `width="stretch"|"content"|<px>`; use_container_width is deprecated."""
from pathlib import Path

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"


def test_no_deprecated_use_container_width():
    users = [str(p.relative_to(DASHBOARD)) for p in DASHBOARD.rglob("*.py")
             if "use_container_width" in p.read_text(encoding="utf-8")]
    assert users == []
