"""What the demo planted is visible in the raw line facts (the analytics have something true
to find), and the overall picture stays plausible."""
import pytest

from metrics import store

AS_OF = "2026-11-25"
EVALUABLE = f"NOT f.cancelled AND f.due_date <= DATE '{AS_OF}'"
LAST_12 = "f.due_date >= DATE '2025-12-01'"       # due months 2025-12 … 2026-11


@pytest.fixture(scope="module")
def con(demo_db):
    with store.connect_read(demo_db) as connection:
        yield connection


def planted(con, kind):
    return [r[0] for r in con.execute("SELECT id FROM demo_planted WHERE kind = $k ORDER BY id",
                                      {"k": kind}).fetchall()]


def supplier_rates(con, supplier_id, where="TRUE"):
    return con.execute(f"""
        SELECT count(*) AS lines, avg(is_otif::INT), avg(is_on_time::INT),
               sum(least(qty_accepted, qty_ordered)) / sum(qty_ordered),
               sum(qty_rejected) / nullif(sum(qty_delivered), 0),
               sum(short_shelf_qty) / nullif(sum(shelf_checked_qty), 0),
               sum(unit_price * qty_ordered) / sum(ref_price * qty_ordered)
        FROM line_facts f WHERE {EVALUABLE} AND supplier_id = $s AND {where}""", {"s": supplier_id}).fetchone()


def overall(con):
    return con.execute(f"""
        SELECT avg(is_otif::INT), avg(is_on_time::INT), sum(least(qty_accepted, qty_ordered)) / sum(qty_ordered),
               sum(qty_rejected) / sum(qty_delivered), sum(short_shelf_qty) / sum(shelf_checked_qty)
        FROM line_facts f WHERE {EVALUABLE}""").fetchone()


def test_overall_picture_is_plausible(con):
    otif, on_time, fill, rejection, short_shelf = overall(con)
    assert 0.72 <= otif <= 0.88          # OECD: 17 % of IMSS orders late or incomplete
    assert on_time > otif and 0.93 <= fill <= 0.99
    assert rejection < 0.03 and short_shelf < 0.06


def test_every_planted_supplier_kind_is_listed(con):
    kinds = {r[0] for r in con.execute("SELECT DISTINCT kind FROM demo_planted").fetchall()}
    assert {"reliable_supplier", "deteriorating_supplier", "improving_supplier", "late_supplier",
            "short_shipper", "high_rejection", "short_shelf_life", "expensive_supplier",
            "shortage_item", "worsening_item", "no_orders_item", "near_cap_contract",
            "rescinded_contract", "emergency_contract"} <= kinds


def test_deteriorating_supplier_falls_in_the_last_12_months(con):
    (sid,) = planted(con, "deteriorating_supplier")
    early = supplier_rates(con, sid, f"NOT {LAST_12}")
    late = supplier_rates(con, sid, LAST_12)
    assert early[0] >= 100 and late[0] >= 60
    assert early[1] > 0.88 and late[1] < early[1] - 0.15
    recent = supplier_rates(con, sid, "f.due_date >= DATE '2026-08-01'")
    assert recent[1] < 0.7


def test_improving_supplier_rises_in_the_last_12_months(con):
    (sid,) = planted(con, "improving_supplier")
    early = supplier_rates(con, sid, f"NOT {LAST_12}")
    late = supplier_rates(con, sid, LAST_12)
    assert early[1] < 0.62 and late[1] > early[1] + 0.15


def test_problem_suppliers_stand_out_on_their_own_kpi(con):
    otif, on_time, fill, rejection, short_shelf = overall(con)
    (late,) = planted(con, "late_supplier")
    assert supplier_rates(con, late)[2] < on_time - 0.35
    (short,) = planted(con, "short_shipper")
    assert supplier_rates(con, short)[3] < fill - 0.08
    (rejecting,) = planted(con, "high_rejection")
    assert supplier_rates(con, rejecting)[4] > 4 * rejection
    (shelf,) = planted(con, "short_shelf_life")
    assert supplier_rates(con, shelf)[5] > 0.3
    (expensive,) = planted(con, "expensive_supplier")
    assert supplier_rates(con, expensive)[6] > 1.15
    for reliable in planted(con, "reliable_supplier"):
        lines, reliable_otif, *_ = supplier_rates(con, reliable)
        assert lines >= 100 and reliable_otif > 0.92


def _item_fill(con, item, inside: bool):
    return con.execute(f"""
        WITH p AS (SELECT split_part(split_part(detail, ' ', 2), '..', 1) AS a,
                          split_part(split_part(detail, ' ', 2), '..', 2) AS b
                   FROM demo_planted WHERE kind = 'shortage_item' AND id = $i)
        SELECT sum(least(qty_accepted, qty_ordered)) / sum(qty_ordered), count(*)
        FROM line_facts f, p
        WHERE {EVALUABLE} AND f.item_code = $i
          AND (strftime(f.due_month, '%Y-%m') BETWEEN p.a AND p.b) = $inside""",
                       {"i": item, "inside": inside}).fetchone()


def test_shortage_items_are_short_during_their_episode_only(con):
    rows = con.execute("SELECT id, detail FROM demo_planted WHERE kind = 'shortage_item'").fetchall()
    assert sum(d.startswith("ongoing") for _, d in rows) == 4
    assert sum(d.startswith("ended") for _, d in rows) == 6
    for item, detail in rows:
        inside, n_in = _item_fill(con, item, True)
        outside, n_out = _item_fill(con, item, False)
        assert n_in >= 3 and n_out >= 20, item
        assert inside < 0.8 and outside > 0.8 and inside < outside - 0.2, (item, detail, inside, outside)
        if detail.startswith("ongoing"):
            assert detail.endswith("..2026-11")


def test_unfilled_prescriptions_rise_during_shortages(con):
    for item, detail in con.execute(
            "SELECT id, detail FROM demo_planted WHERE kind = 'shortage_item'").fetchall():
        a, b = detail.split(" ")[1].split("..")
        inside, outside = con.execute("""
            SELECT sum(filled) FILTER (WHERE month BETWEEN $a AND $b) / sum(issued) FILTER (WHERE month BETWEEN $a AND $b),
                   sum(filled) FILTER (WHERE month NOT BETWEEN $a AND $b) / sum(issued) FILTER (WHERE month NOT BETWEEN $a AND $b)
            FROM prescriptions WHERE item_code = $i""", {"a": a, "b": b, "i": item}).fetchone()
        assert outside > 0.93 and inside < outside - 0.2, item


def test_items_without_orders_exist_and_their_tenders_failed(con):
    items = planted(con, "no_orders_item")
    assert len(items) == 6
    for item in items:
        assert con.execute("SELECT count(*) FROM items WHERE item_code = $i", {"i": item}).fetchone()[0] == 1
        assert con.execute("SELECT count(*) FROM orders WHERE item_code = $i", {"i": item}).fetchone()[0] == 0
        outcomes = {r[0] for r in con.execute("SELECT outcome FROM tender_items WHERE item_code = $i",
                                              {"i": item}).fetchall()}
        assert outcomes and "awarded" not in outcomes


def test_emergency_awards_follow_failed_tenders(con):
    failed, total = con.execute("""
        SELECT count(*) FILTER (WHERE t.outcome <> 'awarded'), count(*)
        FROM contracts c JOIN contract_items ci USING (contract_id)
        JOIN tender_items t ON t.item_code = ci.item_code AND t.institution_id = c.institution_id
         AND year(t.published_date) + 1 = year(c.start_date)
        WHERE c.is_emergency""").fetchone()
    assert total > 0 and failed == total
    share = con.execute("SELECT sum(amount) FILTER (WHERE is_emergency) / sum(amount) FROM contracts").fetchone()[0]
    assert 0.03 < share < 0.3


def test_penalties_applied_are_only_part_of_what_is_due(con):
    due = con.execute(f"SELECT sum(penalty_due_line) FROM line_facts f WHERE {EVALUABLE}").fetchone()[0]
    applied = con.execute("SELECT sum(amount) FROM penalties").fetchone()[0]
    assert 0.05 * due < applied < 0.6 * due
    kinds = {r[0] for r in con.execute("SELECT DISTINCT kind FROM penalties").fetchall()}
    assert kinds == {"late_delivery", "deficient_delivery"}


def _cap_used(con, contract_id):
    return con.execute(f"""
        SELECT sum(f.penalty_due_line) / any_value(c.guarantee_pct * c.amount)
        FROM contracts c JOIN line_facts f USING (contract_id)
        WHERE c.contract_id = $c AND {EVALUABLE}""", {"c": contract_id}).fetchone()[0]


def test_contracts_near_the_cap_and_rescinded_ones(con):
    near = planted(con, "near_cap_contract")
    assert near
    for contract_id in near:
        assert 0.8 <= _cap_used(con, contract_id) < 1.0
    rescinded = planted(con, "rescinded_contract")
    assert rescinded
    statuses = {r[0] for r in con.execute(
        "SELECT DISTINCT status FROM contracts WHERE contract_id IN (SELECT id FROM demo_planted "
        "WHERE kind = 'rescinded_contract')").fetchall()}
    assert statuses == {"rescinded"}
    assert all(_cap_used(con, c) >= 1.0 for c in rescinded)


def test_volume_is_heavy_tailed(con):
    top_share, median, top = con.execute("""
        WITH s AS (SELECT supplier_id, count(*) n FROM orders JOIN contracts USING (contract_id) GROUP BY 1),
             r AS (SELECT n, row_number() OVER (ORDER BY n DESC) rk, count(*) OVER () cnt FROM s)
        SELECT sum(n) FILTER (WHERE rk <= greatest(1, cnt // 100)) / sum(n), median(n), max(n) FROM r""").fetchone()
    assert top_share > 0.15          # the top 1 % of suppliers carry a large share of lines
    assert median <= top / 50        # most suppliers have a handful of lines
    sizes = dict(con.execute("""SELECT s.company_size, count(*) FROM orders JOIN contracts USING (contract_id)
                                JOIN suppliers s USING (supplier_id) GROUP BY 1""").fetchall())
    assert sizes["large"] > sizes["micro"] > 0


def test_respiratory_medicines_peak_in_winter(con):
    winter, summer = con.execute("""
        SELECT count(*) FILTER (WHERE month(order_date) IN (12, 1, 2)),
               count(*) FILTER (WHERE month(order_date) IN (6, 7, 8))
        FROM orders o JOIN items i USING (item_code)
        WHERE regexp_matches(lower(i.description), '^(salbutamol|amoxicilina|paracetamol|ambroxol|oseltamivir)')
    """).fetchone()
    assert winter > 1.5 * summer


def test_partial_multiple_and_over_deliveries_and_cancellations_occur(con):
    multi, over, cancelled, never, excused = con.execute("""
        SELECT count(*) FILTER (WHERE n_deliveries > 1), count(*) FILTER (WHERE qty_delivered > qty_ordered),
               count(*) FILTER (WHERE cancelled), count(*) FILTER (WHERE n_deliveries = 0 AND NOT cancelled
                                                                    AND due_date < DATE '2026-06-01'),
               count(*) FILTER (WHERE has_excused)
        FROM line_facts""").fetchone()
    assert multi > 0.1 * 30_000 and 0 < over < 0.01 * 30_000
    assert 0.005 * 30_000 < cancelled < 0.03 * 30_000 and never > 0 and excused > 0
