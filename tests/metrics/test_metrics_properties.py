"""Invariants (hypothesis): scores stay in [0, 100]; row order never changes a result;
a perfect line never lowers a supplier's raw OTIF; shrinkage moves a rate toward the
pooled mean and never past it."""
from datetime import date, timedelta

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings, strategies as st

from metrics import facts, scope, scorecard, stats

from .metrics_fixtures import fixture, load_parsed, memory_store

BASE = date(2025, 1, 1)
AS_OF = scope.Scope.make(as_of="2025-04-30")

delivery = st.tuples(st.integers(-5, 40), st.integers(0, 120), st.integers(0, 100),
                     st.sampled_from(["", "!buyer", "!force_majeure"]))
line = st.tuples(st.sampled_from("LPST"), st.integers(0, 90), st.integers(1, 100),
                 st.lists(delivery, max_size=3), st.booleans())


def _rows(lines):
    rows = []
    for k, (sup, due_off, qty, dels, cancelled) in enumerate(lines):
        due = BASE + timedelta(days=due_off)
        tokens = []
        for off, q, rej_pct, cause in dels:
            rej = q * rej_pct // 100
            tokens.append(f"{(due + timedelta(days=off)).isoformat()}:{q}" + (f"-{rej}" if rej else "") + cause)
        rows.append({"order": f"O{k:04d}", "supplier": sup, "due_date": due.isoformat(), "qty": str(qty),
                     "deliveries": " ".join(tokens), "cancelled": "1" if cancelled and k % 5 == 0 else "0"})
    return rows


def _card(rows):
    con = memory_store()
    load_parsed(con, fixture(rows))
    facts.refresh(con)
    return scorecard.scorecard(con, AS_OF)


FAST = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.lists(line, min_size=1, max_size=30))
def test_scores_stay_in_0_100(lines):
    card = _card(_rows(lines))
    for col in ("score", "score_low", "score_high"):
        vals = card[col].dropna()
        assert ((vals >= 0) & (vals <= 100)).all()
    both = card[["score_low", "score_high"]].dropna()
    assert (both["score_low"] <= both["score_high"] + 1e-9).all()
    for col in ("otif_rate", "fill_rate", "on_time_rate", "rejection_rate"):
        vals = card[col].dropna()
        assert ((vals >= 0) & (vals <= 1)).all()


@FAST
@given(st.lists(line, min_size=1, max_size=25), st.randoms(use_true_random=False))
def test_shuffling_rows_never_changes_a_result(lines, rnd):
    rows = _rows(lines)
    shuffled = rows[:]
    rnd.shuffle(shuffled)
    a, b = _card(rows), _card(shuffled)
    pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-9, atol=1e-9)


@FAST
@given(st.lists(line, min_size=1, max_size=25), st.sampled_from("LPST"), st.integers(0, 90))
def test_a_perfect_line_never_lowers_raw_otif(lines, supplier, due_off):
    rows = _rows(lines)
    before = _card(rows).set_index("supplier_id")
    due = BASE + timedelta(days=due_off)
    rows.append({"order": "PERFECT", "supplier": supplier, "due_date": due.isoformat(), "qty": "10",
                 "deliveries": f"{due.isoformat()}:10", "cancelled": "0"})
    after = _card(rows).set_index("supplier_id")
    if supplier in before.index:
        assert after.loc[supplier, "otif_rate"] >= before.loc[supplier, "otif_rate"] - 1e-12
    else:
        assert after.loc[supplier, "otif_rate"] == 1


@FAST
@given(st.lists(line, min_size=2, max_size=30))
def test_scorecard_shrinkage_is_between_raw_and_pooled(lines):
    card = _card(_rows(lines))
    mu = card["otif_lines"].sum() / card["lines"].sum()
    for raw, shrunk in zip(card["otif_rate"], card["otif_rate_shrunk"]):
        lo, hi = min(raw, mu), max(raw, mu)
        assert lo - 1e-12 <= shrunk <= hi + 1e-12


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 500), st.floats(0, 1)), min_size=1, max_size=20),
       st.floats(0.01, 0.99), st.floats(2, 500))
def test_shrink_moves_toward_the_pooled_mean_never_past(groups, mu, m):
    n = np.array([g[0] for g in groups], float)
    r = np.array([g[1] for g in groups], float)
    shrunk, low, high = stats.shrink(r, n, mu, m)
    ok = n > 0
    assert np.all(np.abs(shrunk[ok] - mu) <= np.abs(r[ok] - mu) + 1e-12)       # toward μ
    assert np.all((shrunk[ok] - mu) * (r[ok] - mu) >= -1e-12)                  # never past it
    assert np.all((low[ok] >= 0) & (high[ok] <= 1) & (low[ok] <= high[ok]))
