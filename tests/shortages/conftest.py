"""Shortage fixture pairs: tests/fixtures/shortages/<case>/ holds tiny readable CSVs (one per
table, on top of the shared reference/ tables) and expected/<view>.csv with hand-computed
values (each case's README.md says how). They are loaded with SQL inserts into a fresh
store, independent of the importer."""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from metrics import facts, store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "shortages"
ORDER = ("suppliers", "institutions", "units", "items", "contracts", "contract_items", "orders",
         "deliveries", "penalties", "tender_items", "prescriptions")


def load_case(db: Path, case: str, reference: bool = True) -> Path:
    folders = ([FIXTURES / "reference"] if reference else []) + [FIXTURES / case]
    with store.writer(db) as con:
        for table in ORDER:
            for folder in folders:
                path = folder / f"{table}.csv"
                if path.exists():
                    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM "
                                f"read_csv($p, header = true, all_varchar = true)", {"p": str(path)})
        facts.refresh(con)
    return db


@pytest.fixture
def case_db(db):
    """Call with a case name: a fresh database holding that case."""
    return lambda case, reference=True: load_case(db, case, reference)


def expected(case: str, view: str) -> pd.DataFrame:
    return pd.read_csv(FIXTURES / case / "expected" / f"{view}.csv", dtype=str, keep_default_na=False)


def _same(got, want: str) -> bool:
    if want == "":
        return got is None or got is pd.NA or got is pd.NaT or (isinstance(got, float) and math.isnan(got))
    if isinstance(got, (bool,)) or type(got).__name__ == "bool":
        return str(got).lower() == want.lower()
    if isinstance(got, pd.Timestamp):
        return got.date().isoformat() == want
    if isinstance(got, (int, float)) and not isinstance(got, bool):
        return math.isclose(float(got), float(want), rel_tol=1e-9, abs_tol=1e-9)
    return str(got) == want


def assert_frame_matches(got: pd.DataFrame, want: pd.DataFrame) -> None:
    """Every expected row and column, in order (extra computed columns are allowed)."""
    missing = [c for c in want.columns if c not in got.columns]
    assert not missing, f"columns missing: {missing}; got {list(got.columns)}"
    assert len(got) == len(want), f"{len(got)} rows, expected {len(want)}:\n{got[list(want.columns)]}"
    for i, (g, w) in enumerate(zip(got[list(want.columns)].itertuples(index=False),
                                   want.itertuples(index=False))):
        for col, gv, wv in zip(want.columns, g, w):
            gv = gv.item() if hasattr(gv, "item") and not isinstance(gv, pd.Timestamp) else gv
            assert _same(gv, wv), f"row {i} column {col}: got {gv!r}, expected {wv!r}\n{got[list(want.columns)]}"
