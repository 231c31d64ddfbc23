from metrics import store
from metrics.demo import catalog
from metrics.ingest import contract


def test_demo_and_importer_share_one_prefix_table(demo_db):
    assert catalog.GROUP_BY_PREFIX is contract.GROUP_BY_PREFIX
    con = store.connect_read(demo_db)
    try:
        rows = con.execute("SELECT item_code, item_group FROM items").fetchall()
    finally:
        con.close()
    assert rows and all(group == contract.GROUP_BY_PREFIX[code[:3]] for code, group in rows)
