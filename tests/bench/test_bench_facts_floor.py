"""The import bench's facts_floor case (bench/bench_import.py): the lower bound it reports
for any import that keeps line facts only holds while its table has line_facts' shape."""
import subprocess
import sys

import duckdb

from bench import bench_import


def test_facts_floor_builds_a_table_of_line_facts_shape(demo_db, tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    subprocess.run([sys.executable, "-c", bench_import._EXPORT, str(demo_db), str(folder), "all"],
                   check=True)
    floor = tmp_path / "floor.duckdb"
    sql = bench_import.Path(bench_import.__file__).with_name("facts_floor.sql")
    subprocess.run([sys.executable, "-c", bench_import._FACTS_FLOOR, str(folder), str(floor), str(sql)],
                   check=True, capture_output=True)
    with duckdb.connect(str(demo_db), read_only=True) as demo:
        want = [d[0] for d in demo.execute("SELECT * FROM line_facts LIMIT 0").description]
        lines, delivered = demo.execute("SELECT count(*), sum(qty_delivered) FROM line_facts").fetchone()
    with duckdb.connect(str(floor), read_only=True) as con:
        got = [d[0] for d in con.execute("SELECT * FROM line_facts LIMIT 0").description]
        floor_lines, floor_delivered = con.execute(
            "SELECT count(*), sum(qty_delivered) FROM line_facts").fetchone()
    assert sorted(got) == sorted(want)
    assert floor_lines == lines
    assert floor_delivered == delivered
