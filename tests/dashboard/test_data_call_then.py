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


def test_shared_gives_every_caller_the_same_frame_and_derived_frames_leave_it_intact(monkeypatch, tiny_db):
    monkeypatch.setenv("ABASTO_DB", str(tiny_db))
    data.clear()
    first = data.shared(ledger.ledger, Scope())
    again = data.shared(ledger.ledger, Scope())
    assert again is first                                   # no copy per session
    assert data.shared(ledger.ledger, Scope.make(institution="ISSSTE")) is not first
    assert len(first) == 5 and first.equals(data.call(ledger.ledger, Scope()))
    # what a page does with it: filter, sort, assign into the derived frame
    derived = first[first["penalty_gap"] > 0].sort_values("cap_used")
    derived["penalty_gap"] = -1.0
    assert (data.shared(ledger.ledger, Scope())["penalty_gap"] >= 0).all()
    data.clear()
    assert data.shared(ledger.ledger, Scope()) is not first  # clear() drops the shared ones too
