from metrics import store


def test_every_line_carries_its_contracts_current_cap(demo_db):
    con = store.connect_read(demo_db)
    try:
        stale, total = con.execute("""
            SELECT count(*) FILTER (f.penalty_cap IS DISTINCT FROM c.guarantee_pct * c.amount),
                   count(*)
            FROM line_facts f JOIN contracts c ON c.contract_id = f.contract_id""").fetchall()[0]
        # the planted near-cap contracts (whose amounts the demo raises after the first
        # line-facts pass) are there, so the check covers the case that used to be stale
        near_cap = con.execute("""
            SELECT count(*) FROM (
                SELECT c.contract_id, sum(f.penalty_due_line) / (c.guarantee_pct * c.amount) AS used
                FROM line_facts f JOIN contracts c ON c.contract_id = f.contract_id
                WHERE NOT f.cancelled GROUP BY c.contract_id, c.guarantee_pct, c.amount)
            WHERE used BETWEEN 0.8 AND 1.0""").fetchall()[0][0]
    finally:
        con.close()
    assert total > 0 and near_cap > 0
    assert stale == 0
