"""staging._trimmed: the staging insert skips trim() for cells with nothing to trim; it must
give exactly nullif(trim(cell), '') for every cell, and keep/skip the same blank rows."""
import duckdb
import pandas as pd

from metrics.ingest import staging
from metrics.ingest.staging import _trimmed

SPACES = [" ", "\u00a0", "\u2003", "\u3000", "\u202f", "\t", "\n", "\r"]
CORES = ["", "a", "ab c", "Sí", "ñandú", "2026-03-04", "$1,234.50", "x" * 40, "\u00a0a", "a\u00a0"]


def _cases() -> list[str | None]:
    cases = [None]
    for core in CORES:
        cases.append(core)
        for space in SPACES:
            cases += [space + core, core + space, space + core + space, space * 2 + core]
    return cases


def test_trimmed_equals_nullif_trim_for_every_cell():
    con = duckdb.connect()
    frame = pd.DataFrame({"c0": _cases()})
    con.register("cells", frame)
    rows = con.execute(f"SELECT c0, {_trimmed(0)}, nullif(trim(c0), '') FROM cells").fetchall()
    assert len(rows) == len(frame)
    assert all(fast == slow for _, fast, slow in rows), [r for r in rows if r[1] != r[2]]


def test_trimmed_casts_non_text_sources():
    con = duckdb.connect()
    assert con.execute(f"SELECT {_trimmed(0)} FROM (SELECT 12.5 AS c0)").fetchone() == ("12.5",)
    assert con.execute(f"SELECT {_trimmed(0)} FROM (SELECT DATE '2026-03-04' AS c0)"
                       ).fetchone() == ("2026-03-04",)


def test_rows_blank_after_trimming_are_skipped_whatever_the_first_cell():
    con = duckdb.connect()
    staging.create(con)
    frame = pd.DataFrame({
        "supplier_id": ["S1", "\u00a0", " ", None, "\u00a0S2", "", "\t"],
        "name": [" a ", " ", "\u3000", "b", None, None, None],
        "_row": [2, 3, 4, 5, 6, 7, 8]})
    # trim() leaves a tab (not a space separator): that row is kept, as before
    assert staging.append(con, "suppliers", frame, "f.csv") == 4
    assert con.execute("SELECT _row, supplier_id, name FROM stg_suppliers ORDER BY _row").fetchall() == [
        (2, "S1", "a"), (5, None, "b"), (6, "S2", None), (8, "\t", None)]
