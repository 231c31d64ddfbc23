"""Every fixture pair tests/fixtures/metrics/<kpi>-<case>.csv + .expected.csv, hand-computed.

Expected rows: group, kpi, expected, arithmetic. `kpi` is
- a scorecard column (group = the first group id, e.g. the supplier; `# group_by:` in the
  fixture changes the grouping); expected `not computable` = NaN plus a reason in attrs;
- `present` (1/0: the group has a scorecard row);
- `reason` (group = a KPI key; expected = the computability reason);
- `facts.<column>` (group = order id; the stored line facts or the on-the-fly ones);
- `ledger.<column>` (group = contract id), `summary.<key>` (group = summary);
- `exclusions.<column>` (group = a KPI key).
"""
from __future__ import annotations

import csv
import math
from datetime import date, datetime

import pandas as pd
import pytest

from metrics import facts, ledger, scope, scorecard

from .metrics_fixtures import FIXTURES, load, memory_store, scope_kwargs

PAIRS = sorted(p for p in FIXTURES.glob("*.csv") if not p.name.endswith(".expected.csv"))


def _key(v) -> str:
    if isinstance(v, (pd.Timestamp, datetime)):
        return v.date().isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return str(v)


def _check(got, expected: str, where: str):
    if expected == "nan":
        assert got is None or pd.isna(got), f"{where}: {got!r} is not NaN"
        return
    if isinstance(got, (bool,)) or type(got).__name__ == "bool_":
        assert int(bool(got)) == int(expected), f"{where}: {got!r} != {expected}"
        return
    try:
        want = float(expected)
    except ValueError:
        assert _key(got) == expected, f"{where}: {got!r} != {expected!r}"
        return
    assert got is not None and not (isinstance(got, float) and math.isnan(got)), f"{where}: missing"
    assert float(got) == pytest.approx(want, abs=1e-6), f"{where}: {got!r} != {want}"


def test_every_kpi_has_a_fixture_pair():
    from metrics.kpis import SCORECARD_KPIS
    named = {p.name.split("-", 1)[0] for p in PAIRS}
    covered = set(named)
    for p in PAIRS:
        with open(p.with_name(p.stem + ".expected.csv"), encoding="utf-8") as fh:
            covered |= {row["kpi"] for row in csv.DictReader(fh)}
    missing = [k for k in SCORECARD_KPIS if k not in covered]
    assert not missing, f"KPIs without a fixture: {missing}"
    for p in PAIRS:
        assert p.with_name(p.stem + ".expected.csv").exists(), f"{p.name} has no expected values"


@pytest.mark.parametrize("path", PAIRS, ids=[p.stem for p in PAIRS])
def test_fixture(path):
    con = memory_store()
    fx = load(con, path)
    facts.refresh(con)
    with open(path.with_name(path.stem + ".expected.csv"), encoding="utf-8") as fh:
        expected = list(csv.DictReader(fh))
    assert expected, f"{path.name}: no expected values"
    sc = scope.Scope.make(**scope_kwargs(fx["meta"]))
    group_by = fx["meta"].get("group_by", "supplier")
    card = scorecard.scorecard(con, sc, group_by=group_by)
    id_cols = [scorecard.GROUPINGS[g].out for g in scorecard.parse_group_by(group_by)]
    by_group = {"|".join(_key(v) for v in row[id_cols]): row for _, row in card.iterrows()}
    resolved = scope.resolve(con, sc)
    line_facts = scope.run(con, resolved, "SELECT * FROM {facts} f").df().set_index("order_id")
    book = ledger.ledger(con, sc).set_index("contract_id")
    summary = ledger.summary(con, sc)
    excl = scorecard.exclusions(con, sc).set_index("kpi")
    reasons = scorecard.computability(con, sc)
    for row in expected:
        group, kpi, want = row["group"], row["kpi"], row["expected"]
        where = f"{path.name}: {group} {kpi} ({row.get('arithmetic', '')})"
        if kpi == "present":
            assert (group in by_group) == bool(int(want)), where
        elif kpi == "reason":
            assert reasons[group] == want, where
        elif kpi.startswith("facts."):
            _check(line_facts.loc[group, kpi.split(".", 1)[1]], want, where)
        elif kpi.startswith("ledger."):
            _check(book.loc[group, kpi.split(".", 1)[1]], want, where)
        elif kpi.startswith("summary."):
            _check(summary[kpi.split(".", 1)[1]], want, where)
        elif kpi.startswith("exclusions."):
            _check(excl.loc[group, kpi.split(".", 1)[1]], want, where)
        elif want == "not computable":
            assert group in by_group, where
            assert math.isnan(by_group[group][kpi]), where
            assert card.attrs["not_computable"].get(kpi), f"{where}: no reason given"
        else:
            assert group in by_group, f"{where}: no row for {group}"
            _check(by_group[group][kpi], want, where)
