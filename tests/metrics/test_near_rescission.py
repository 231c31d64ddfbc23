"""ledger.near_rescission: exactly the whole ledger's rows near rescission (same columns,
values, order), computed from the candidate contracts only."""
from __future__ import annotations

import dataclasses
from datetime import date

import pandas as pd
import pytest

from metrics import ledger, store
from metrics.scope import Scope
from metrics.settings import load_settings

from .metrics_fixtures import FIXTURES, load, memory_store, scope_kwargs


def _filtered(full: pd.DataFrame) -> pd.DataFrame:
    return full[full["near_rescission"]].reset_index(drop=True)


def _same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    # values summed in parallel may differ in the last bits between two runs of one query
    pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-12)
    assert got.attrs == want.attrs


@pytest.fixture(scope="module")
def demo(demo_db):
    con = store.connect_read(demo_db)
    yield con
    con.close()


def _scopes(con) -> dict[str, Scope]:
    def first(sql):
        return con.execute(sql).fetchone()[0]
    institution = first("SELECT institution_id FROM contracts GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
    supplier = first("""SELECT c.supplier_id FROM line_facts f JOIN contracts c USING (contract_id)
                        WHERE f.penalty_due_capped > 0 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1""")
    item = first("SELECT item_code FROM line_facts WHERE penalty_due_capped > 0 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
    latest = first("SELECT max(due_date) FROM line_facts")
    return {
        "all": Scope(),
        "institution": Scope(institution=(institution,)),
        "supplier": Scope(supplier=(supplier,)),
        "item (a line-level filter: penalties joined to their lines)": Scope(item=(item,)),
        "last year": Scope(date_from=date(latest.year - 1, latest.month, 1), date_to=latest),
    }


def test_equals_the_filtered_ledger_on_the_demo(demo):
    for name, sc in _scopes(demo).items():
        full = ledger.ledger(demo, sc)
        near = ledger.near_rescission(demo, sc)
        assert list(near.columns) == ledger.LEDGER_COLUMNS, name
        _same(near, _filtered(full))
        if name == "all":
            # the check means something: some contracts are near, most are not
            assert 0 < len(near) < len(full) / 2
            assert near["cap_used"].min() >= full.attrs["rescission_threshold"]


@pytest.mark.parametrize("threshold", [0.3, 0.95, 1.0])
def test_other_thresholds(demo, threshold):
    settings = load_settings(rescission_threshold=threshold)
    full = ledger.ledger(demo, None, settings)
    near = ledger.near_rescission(demo, None, settings)
    _same(near, _filtered(full))
    assert near.attrs["rescission_threshold"] == threshold


def test_a_threshold_of_zero_still_equals_the_ledger(demo):
    # settings.validate forbids it, a hand-built Settings may not: every contract with a cap
    # is then near, including those without a penalty due (the candidates would miss them)
    settings = dataclasses.replace(load_settings(), rescission_threshold=0.0)
    near = ledger.near_rescission(demo, None, settings)
    full = ledger.ledger(demo, None, settings)
    _same(near, _filtered(full))
    assert (near["penalties_due"] == 0).any()


def test_limit_keeps_the_first_rows(demo):
    near = ledger.near_rescission(demo)
    assert len(near) > 3
    _same(ledger.near_rescission(demo, limit=3), near.head(3))
    assert ledger.near_rescission(demo, limit=0).empty
    for bad in (-1, 2.5, True, "3"):
        with pytest.raises(ValueError, match="limit"):
            ledger.near_rescission(demo, limit=bad)


def test_the_ledger_orders_contracts_at_their_cap_by_id(demo):
    # a contract at its cap sums to 1 give or take the last bits, in whatever order the
    # parallel sum ran; the order must not follow those bits
    near = ledger.near_rescission(demo)
    rounded = near["cap_used"].round(9)
    at_cap = near[rounded == 1]
    assert len(at_cap) > 1
    assert at_cap["contract_id"].is_monotonic_increasing
    assert rounded.is_monotonic_decreasing


def test_hand_computed_cap_reached():
    # tests/fixtures/metrics/ledger-penalty_cap_reached: C_L (cap 100) runs past its cap, C_P
    # is perfect; only C_L is near rescission, its figures as in the expected file
    path = FIXTURES / "ledger-penalty_cap_reached.csv"
    con = memory_store()
    fx = load(con, path)
    sc = Scope(**scope_kwargs(fx["meta"]))
    near = ledger.near_rescission(con, sc)
    _same(near, _filtered(ledger.ledger(con, sc)))
    assert near["contract_id"].tolist() == ["C_L"]
    row = near.iloc[0]
    assert row["penalty_cap"] == pytest.approx(100)
    assert row["penalties_due"] == pytest.approx(100)
    assert row["cap_used"] == pytest.approx(1)
    assert bool(row["cap_reached"]) and bool(row["rescinded"])
    assert row["penalties_applied"] == pytest.approx(30)


def test_nothing_near():
    path = FIXTURES / "ledger-penalty_cap_reached.csv"
    con = memory_store()
    fx = load(con, path)
    sc = Scope(**scope_kwargs(fx["meta"]), supplier=("P",))   # the perfect supplier only
    near = ledger.near_rescission(con, sc)
    assert near.empty and list(near.columns) == ledger.LEDGER_COLUMNS
    _same(near, _filtered(ledger.ledger(con, sc)))
