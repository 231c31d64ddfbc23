"""The parse macros' fast paths (macros.sql) give exactly what their general definitions give,
for well-formed and odd text alike: abasto_date vs abasto_date_general, abasto_number vs the
number parsed from trimmed text."""
import random

import duckdb
import pandas as pd
import pytest

from metrics.ingest import validate

DATES = ["2026-03-04", "1900-01-01", "2100-12-31", "1899-12-31", "2101-01-01", "2026-02-30",
         "2026-13-01", "0026-03-04", "+026-03-04", "-026-03-04", "2026-3-04", "20 6-03-04",
         "2026- 3-04", "2026-03- 4", "2026-03-0 ", " 026-03-04", "2026-03-0T", "2026T03-04",
         "2026-03-04T10:00", "2026-03-04 10:00", "04/03/2026", "2026/03/04", "2026 03 04",
         "２０２６-03-04", "2026-03-04\t", "\t2026-03-04", "19ab-01-01", "2026-00-10", "99999-01-01"]
NUMBERS = ["5", "5.0", " 5 ", "\u00a05", "5\u00a0", "\t5", "1e6", "-12", "+3", "1,234.50",
           "$1,234.50", "1 234.5", "1,5", "inf", "nan", "-inf", "", "abc", "0x10", "1_000", "٣"]


def _fuzz(alphabet: str, lengths, n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.choice(lengths))) for _ in range(n)]


@pytest.fixture(scope="module")
def con():
    con = duckdb.connect()
    validate.prepare(con)
    return con


def _disagreements(con, values, fast, reference):
    con.register("vals", pd.DataFrame({"s": values}))
    try:
        rows = con.execute(f"SELECT s, {fast} AS a, {reference} AS b FROM vals").fetchall()
    finally:
        con.unregister("vals")
    assert len(rows) == len(values)
    return [r for r in rows if r[1] != r[2]]


def test_date_fast_path_agrees_with_the_general_path(con):
    values = DATES + _fuzz("0123456789-- T/:", [8, 9, 10, 10, 10, 11, 16], 20_000, 1) \
        + _fuzz("012-", [10], 20_000, 2) + [f"{y}-{m:02d}-{d:02d}" for y in (1899, 1900, 2024, 2100, 2101)
                                           for m in (0, 1, 2, 12, 13) for d in (0, 1, 28, 29, 31, 32)]
    assert _disagreements(con, values, "abasto_date(s)", "abasto_date_general(s)") == []
    parsed = con.execute("SELECT abasto_date('2026-03-04'), abasto_date('04/03/2026'), "
                         "abasto_date('1899-12-31')").fetchall()[0]
    assert [str(v) for v in parsed] == ["2026-03-04", "2026-03-04", "None"]


def test_number_fast_path_agrees_with_the_trimmed_parse(con):
    reference = """CASE
        WHEN abs(TRY_CAST(trim(s) AS DOUBLE)) < 1e15 THEN TRY_CAST(trim(s) AS DOUBLE)
        WHEN regexp_full_match(abasto_num_text(s),
                               '[-+]?([1-9][0-9]{0,2}(,[0-9]{3})+|[0-9]+)?(\\.[0-9]+)?([eE][-+]?[0-9]+)?')
             AND regexp_matches(abasto_num_text(s), '[0-9]')
             AND abs(TRY_CAST(replace(abasto_num_text(s), ',', '') AS DOUBLE)) < 1e15
            THEN TRY_CAST(replace(abasto_num_text(s), ',', '') AS DOUBLE)
    END"""
    values = NUMBERS + _fuzz("0123456789 .,-+e$\u00a0\u2003", [1, 2, 3, 5, 8], 20_000, 3)
    assert _disagreements(con, values, "abasto_number(s)", reference) == []
    assert con.execute("SELECT abasto_number(' 5 '), abasto_number('$1,234.50'), abasto_number('1,5'), "
                       "abasto_number('0,125'), abasto_number('1e999'), abasto_number('-1e15'), "
                       "abasto_number('999999999999999')").fetchall() == [(5.0, 1234.5, None, None, None, None,
                                                                           999999999999999.0)]
