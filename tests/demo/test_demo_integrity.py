"""The demo database keeps every rule of DATA_CONTRACT.md (what an import would check)."""
import re

import pytest

from metrics import store

# name -> SQL counting violations
VIOLATIONS = {
    "order without contract": "SELECT count(*) FROM orders o ANTI JOIN contracts c USING (contract_id)",
    "order item not on its contract": "SELECT count(*) FROM orders o ANTI JOIN contract_items ci USING (contract_id, item_code)",
    "order item not in catalogue": "SELECT count(*) FROM orders o ANTI JOIN items i USING (item_code)",
    "order unit unknown": "SELECT count(*) FROM orders o ANTI JOIN units u USING (unit_id)",
    "order unit of another institution": """SELECT count(*) FROM orders o JOIN contracts c USING (contract_id)
        JOIN units u USING (unit_id) WHERE u.institution_id <> c.institution_id""",
    "delivery without order": "SELECT count(*) FROM deliveries d ANTI JOIN orders o USING (order_id)",
    "delivery of a cancelled line": "SELECT count(*) FROM deliveries d JOIN orders o USING (order_id) WHERE o.cancelled",
    "contract supplier unknown": "SELECT count(*) FROM contracts c ANTI JOIN suppliers s USING (supplier_id)",
    "contract institution unknown": "SELECT count(*) FROM contracts c ANTI JOIN institutions i USING (institution_id)",
    "unit institution unknown": "SELECT count(*) FROM units u ANTI JOIN institutions i USING (institution_id)",
    "contract item without contract": "SELECT count(*) FROM contract_items ci ANTI JOIN contracts c USING (contract_id)",
    "penalty contract unknown": "SELECT count(*) FROM penalties p ANTI JOIN contracts c USING (contract_id)",
    "penalty order not of its contract": """SELECT count(*) FROM penalties p JOIN orders o USING (order_id)
        WHERE o.contract_id <> p.contract_id""",
    "tender item unknown": "SELECT count(*) FROM tender_items t ANTI JOIN items i USING (item_code)",
    "tender institution unknown": "SELECT count(*) FROM tender_items t ANTI JOIN institutions i USING (institution_id)",
    "prescription unit unknown": "SELECT count(*) FROM prescriptions r ANTI JOIN units u USING (unit_id)",
    "rejected above delivered": "SELECT count(*) FROM deliveries WHERE qty_rejected > qty_delivered OR qty_rejected < 0",
    "non-positive delivery": "SELECT count(*) FROM deliveries WHERE qty_delivered <= 0",
    "non-positive order": "SELECT count(*) FROM orders WHERE qty_ordered <= 0",
    "due before order": "SELECT count(*) FROM orders WHERE due_date < order_date",
    "end before start": "SELECT count(*) FROM contracts WHERE end_date < start_date OR signed_date > start_date",
    "order outside its contract": """SELECT count(*) FROM orders o JOIN contracts c USING (contract_id)
        WHERE o.order_date < c.start_date OR o.order_date > c.end_date""",
    "filled above issued": "SELECT count(*) FROM prescriptions WHERE filled > issued OR filled < 0",
    "delivery before order": "SELECT count(*) FROM deliveries d JOIN orders o USING (order_id) WHERE d.delivered_date < o.order_date",
    "expiry before delivery": "SELECT count(*) FROM deliveries WHERE expiry_date <= delivered_date",
    "unknown delay cause": "SELECT count(*) FROM deliveries WHERE delay_cause NOT IN ('supplier', 'buyer', 'force_majeure')",
    "excused but not late": """SELECT count(*) FROM deliveries d JOIN orders o USING (order_id)
        WHERE d.delay_cause <> 'supplier' AND d.delivered_date <= o.due_date""",
    "unknown status": "SELECT count(*) FROM contracts WHERE status NOT IN ('active', 'completed', 'rescinded', 'terminated')",
    "unknown procedure": "SELECT count(*) FROM contracts WHERE procedure_type NOT IN ('open_tender', 'restricted', 'direct_award')",
    "emergency not a direct award": "SELECT count(*) FROM contracts WHERE is_emergency AND procedure_type <> 'direct_award'",
    "unknown tender outcome": """SELECT count(*) FROM tender_items WHERE outcome NOT IN
        ('awarded', 'no_bids', 'rejected_price', 'rejected_technical', 'cancelled')""",
    "penalty above the guarantee cap": """SELECT count(*) FROM (SELECT p.contract_id, sum(p.amount) s,
        any_value(c.guarantee_pct * c.amount) cap FROM penalties p JOIN contracts c USING (contract_id)
        GROUP BY 1) WHERE s > cap + 0.01""",
    "group not derived from clave": """SELECT count(*) FROM items WHERE item_group <> CASE left(item_code, 3)
        WHEN '010' THEN 'medicine' WHEN '020' THEN 'vaccine' WHEN '030' THEN 'nutrition'
        WHEN '040' THEN 'psychotropic' WHEN '060' THEN 'medical_supply' WHEN '070' THEN 'radiology'
        WHEN '080' THEN 'laboratory' END""",
}


@pytest.fixture(scope="module")
def con(demo_db):
    with store.connect_read(demo_db) as connection:
        yield connection


@pytest.mark.parametrize("rule", sorted(VIOLATIONS))
def test_no_violation(con, rule):
    assert con.execute(VIOLATIONS[rule]).fetchone()[0] == 0


def test_nothing_delivered_after_as_of_and_penalties_not_applied_later(con):
    as_of = con.execute("SELECT max(delivered_date) FROM deliveries").fetchone()[0]
    assert str(as_of) == "2026-11-25"
    assert con.execute("SELECT max(applied_date) <= $d FROM penalties", {"d": as_of}).fetchone()[0]
    # orders run through the last full month; some due dates fall after as_of (not yet due)
    first, last, not_due = con.execute(
        "SELECT min(order_date), max(order_date), count(*) FILTER (WHERE due_date > $d) FROM orders",
        {"d": as_of}).fetchone()
    assert str(first) >= "2023-11-01" and str(last) <= "2026-10-31" and not_due > 0


def test_identifiers_have_plausible_shapes(con):
    rfc = re.compile(r"^[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}$")
    for supplier_id, r, size in con.execute("SELECT supplier_id, rfc, company_size FROM suppliers").fetchall():
        assert supplier_id == r and rfc.match(r), r
        assert size in ("micro", "small", "medium", "large")
    clues = re.compile(r"^[A-Z]{2}(IMS|IST|IMB|PMX|SDN|SMA|SSA)\d{6}$")
    assert all(clues.match(u) for (u,) in con.execute("SELECT unit_id FROM units").fetchall())
    assert con.execute("SELECT count(*) FROM orders WHERE NOT regexp_matches(order_id, '^OS\\d{10}$')").fetchone()[0] == 0
    assert con.execute("SELECT count(DISTINCT name) = count(*) FROM suppliers").fetchone()[0]


def test_contract_terms_take_typical_values(con):
    rows = dict(con.execute("SELECT penalty_rate_per_day, count(*) FROM contracts GROUP BY 1").fetchall())
    assert set(rows) == {0.005, 0.01, 0.02} and rows[0.01] > rows[0.005] > 0
    assert {r[0] for r in con.execute("SELECT DISTINCT guarantee_pct FROM contracts").fetchall()} == {0.10, 0.15, 0.20}
    assert {r[0] for r in con.execute("SELECT DISTINCT deduction_rate FROM contracts").fetchall()} == {0.01, 0.02, 0.05}


def test_most_deliveries_carry_an_expiry_date_and_items_a_reference_price(con):
    share = con.execute("SELECT avg((expiry_date IS NOT NULL)::INT) FROM deliveries").fetchone()[0]
    assert 0.8 < share < 1.0
    priced = con.execute("SELECT avg((reference_price IS NOT NULL)::INT) FROM items").fetchone()[0]
    assert 0.75 < priced < 0.95
