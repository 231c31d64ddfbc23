"""data.call(fn, scope, then=...) caches the reduced result under its own key."""
from dashboard import components, data
from metrics import ledger
from metrics.scope import Scope


def test_then_keeps_only_the_reduced_rows(monkeypatch, tiny_db):
    monkeypatch.setenv("ABASTO_DB", str(tiny_db))
    full = data.call(ledger.ledger, Scope())
    near = data.call(ledger.ledger, Scope(), then=components.near_rescission)
    assert len(full) == 5                                   # one contract per supplier
    assert near["contract_id"].tolist() == ["C-L"]          # 30 days late on every line: cap used up
    assert near["cap_used"].is_monotonic_decreasing
    # a second call is a cache hit of the reduced frame, the full one is still its own entry
    assert data.call(ledger.ledger, Scope(), then=components.near_rescission).equals(near)
    assert len(data.call(ledger.ledger, Scope())) == 5
