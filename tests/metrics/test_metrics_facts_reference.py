"""Line facts (metrics/sql/line_facts.sql) against a plain-Python reading of METRICS.md,
line by line, on random orders and deliveries (hypothesis): several deliveries, rejections,
excused delays, deliveries after as_of, over-delivery, grace days."""
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from metrics import facts, scope

from .metrics_fixtures import fixture, load_parsed, memory_store

BASE = date(2025, 1, 1)
RATE, DED, PRICE = 0.01, 0.01, 10.0       # the loader's contract defaults

delivery = st.tuples(st.integers(-5, 40), st.integers(0, 60), st.integers(0, 100),
                     st.sampled_from(["supplier", "supplier", "buyer", "force_majeure"]))
line = st.tuples(st.integers(0, 40), st.integers(1, 100), st.lists(delivery, max_size=4))


def reference(due, q, dels, as_of, grace):
    """One line's facts, straight from the definitions."""
    rows = []
    for k, (day, qty, rej, cause) in enumerate(dels):
        if day > as_of:
            continue
        excused = cause in ("buyer", "force_majeure")
        eff = due if excused and day > due else day
        rows.append({"id": f"D{k + 1}", "day": day, "eff": eff, "acc": qty - rej, "qty": qty,
                     "excused": excused})
    accepted = sum(r["acc"] for r in rows)
    by_due = sum(r["acc"] for r in rows if r["eff"] <= due + timedelta(days=grace))

    def completion(key):
        cum = 0
        for r in sorted(rows, key=lambda r: (r[key], r["id"])):
            cum += r["acc"]
            if cum >= q:
                return r[key]
        return None

    done_eff = completion("eff")
    late_qty = penalty = 0.0
    cum = 0
    for r in sorted(rows, key=lambda r: (r["day"], r["id"])):
        owed = max(0, min(r["acc"], q - cum))
        cum += r["acc"]
        if not r["excused"] and r["day"] > due + timedelta(days=grace):
            late_qty += owed
            penalty += RATE * (r["day"] - due).days * PRICE * owed
    deduction = DED * PRICE * max(0, q - accepted)
    return {"qty_accepted": accepted, "qty_accepted_by_due": by_due, "is_on_time": by_due > 0,
            "is_otif": by_due >= q, "completion_date": completion("day"),
            "days_late": None if done_eff is None else max(0, (done_eff - due).days),
            "late_qty": late_qty, "late_penalty": penalty, "deduction": deduction,
            "penalty_due_line": penalty + deduction, "qty_filled": min(accepted, q),
            "n_deliveries": len(rows)}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line, min_size=1, max_size=12), st.integers(0, 60), st.integers(0, 3))
def test_line_facts_match_the_definitions(lines, as_of_off, grace):
    as_of = BASE + timedelta(days=as_of_off)
    rows, expected = [], {}
    for i, (due_off, q, dels) in enumerate(lines):
        due = BASE + timedelta(days=due_off)
        absolute = [(due + timedelta(days=o), qty, qty * pct // 100, cause) for o, qty, pct, cause in dels]
        tokens = [f"{d.isoformat()}:{qty}" + (f"-{rej}" if rej else "") + ("" if c == "supplier" else f"!{c}")
                  for d, qty, rej, c in absolute]
        order = f"O{i:03d}"
        rows.append({"order": order, "supplier": "S", "due_date": due.isoformat(), "qty": str(q),
                     "deliveries": " ".join(tokens)})
        expected[order] = reference(due, q, absolute, as_of, grace)
    con = memory_store()
    load_parsed(con, fixture(rows))
    facts.refresh(con)
    resolved = scope.resolve(con, scope.Scope.make(as_of=as_of, grace_days=grace))
    cols = list(next(iter(expected.values())))
    got = scope.run(con, resolved, f"SELECT order_id, {', '.join(cols)} FROM {{facts}} f").fetchall()
    assert len(got) == len(expected)
    for row in got:
        want = expected[row[0]]
        for col, value in zip(cols, row[1:]):
            if isinstance(want[col], float):
                assert value == pytest.approx(want[col], abs=1e-9), (row[0], col)
            else:
                assert value == want[col], (row[0], col, value, want[col])
