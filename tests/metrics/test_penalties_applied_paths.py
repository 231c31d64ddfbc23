"""scorecard.penalties_applied sums penalties per contract and month before joining the
contracts when no filter or grouping needs the order line; the sums equal those over the
single penalties (kpis/penalties_applied.sql over kpis/penalties_scoped.sql)."""
from datetime import date, timedelta

import pandas as pd
import pytest

from metrics import facts, scope, scorecard, store


@pytest.fixture(scope="module")
def demo(demo_db):
    with store.connect_read(demo_db) as con:
        yield con


def _per_penalty(con, resolved, groups) -> pd.DataFrame:
    return scorecard._query(con, resolved, "penalties_applied.sql", keys=scorecard._keys_sql(groups),
                            penalties=scorecard.penalties_scoped(resolved, groups),
                            pwhere=resolved.where("f", evaluable=False, window=False))


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    keys = [c for c in frame.columns if c not in ("penalties_applied", "penalties_n")]
    return frame.sort_values(keys or ["penalties_n"]).reset_index(drop=True)


@pytest.mark.parametrize("groups", [(), ("supplier",), ("month",), ("institution",), ("contract",),
                                    ("procedure_type",), ("supplier", "month")])
def test_per_contract_sums_equal_the_per_penalty_sums(demo, groups):
    as_of = facts.latest_delivery(demo)
    supplier = demo.execute("SELECT c.supplier_id FROM penalties p JOIN contracts c USING (contract_id) "
                            "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    for kw in (dict(date_from=as_of - timedelta(days=364), date_to=as_of), dict(),
               dict(date_from=date(as_of.year, 2, 10), date_to=date(as_of.year, 6, 20)),
               dict(supplier=supplier, date_from=as_of - timedelta(days=200))):
        resolved = scorecard.resolve(demo, scope.Scope.make(**kw))
        assert not scorecard._line_level(resolved, groups)
        got = _sorted(scorecard.penalties_applied(demo, resolved, groups))
        want = _sorted(_per_penalty(demo, resolved, groups))
        assert len(want) and want["penalties_n"].sum() > 0
        pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-12, check_dtype=False)


def test_a_line_level_grouping_still_reads_each_penalty_s_line(demo):
    resolved = scorecard.resolve(demo, scope.Scope.make(item_group="medicamentos"))
    assert scorecard._line_level(resolved, ())
    assert scorecard._line_level(scorecard.resolve(demo, scope.Scope()), ("item_group",))


def test_hand_computed_sums_per_supplier_and_month(tmp_path):
    from tests.metrics.metrics_fixtures import load, memory_store
    path = tmp_path / "penalties-hand.csv"
    path.write_text("""# as_of: 2025-06-30
# penalty S1: 2025-02-01 50
# penalty S1: 2025-02-20 25.5
# penalty S1: 2025-03-05 100
# penalty S2: 2025-03-06 7
# penalty S2: 2024-12-31 1000
order,supplier,due_date,qty,deliveries
O1,S1,2025-03-01,10,2025-03-01:10
O2,S2,2025-03-01,10,2025-03-01:10
""", encoding="utf-8")
    con = memory_store()
    load(con, path)
    resolved = scorecard.resolve(con, scope.Scope.make(date_from="2025-01-01", date_to="2025-06-30",
                                                        as_of="2025-06-30"))
    got = _sorted(scorecard.penalties_applied(con, resolved, ("supplier",)))
    assert got["supplier_id"].tolist() == ["S1", "S2"]
    assert got["penalties_applied"].tolist() == [175.5, 7.0]     # 50 + 25.5 + 100; 7 (not 2024's 1000)
    assert got["penalties_n"].tolist() == [3, 1]
    by_month = _sorted(scorecard.penalties_applied(con, resolved, ("supplier", "month")))
    assert by_month["penalties_applied"].tolist() == [75.5, 100.0, 7.0]
