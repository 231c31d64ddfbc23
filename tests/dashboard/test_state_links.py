"""state.links() (one URL per row, the filters read once) writes what state.link() writes."""
from datetime import date
from types import SimpleNamespace

import pytest

from dashboard import state


@pytest.mark.parametrize("session", [
    {},
    {"lang": "en", "date_from": date(2025, 1, 1), "institution": ["IMSS", "ISSSTE"],
     "item_group": ["medicine"], "state": ["Nuevo León"]},
])
def test_links_equal_link_for_every_value(monkeypatch, session):
    monkeypatch.setattr(state, "st", SimpleNamespace(session_state=session, query_params={}))
    values = ["010.000.0104.00", "A&B =?/ñ", "C-1"]
    assert state.links("item", "item", values) == [state.link("item", item=v) for v in values]
    assert state.links("overview", "supplier", values) == [state.link("overview", supplier=v) for v in values]
