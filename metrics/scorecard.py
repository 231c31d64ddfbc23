"""Any KPI of METRICS.md for any grouping under any scope: one SQL aggregation over
line_facts (metrics/sql/kpis/scorecard.sql), plus penalties applied, plus — when grouped by
supplier — the performance score (metrics/performance.py).

Groupings come from GROUPINGS only: the identifiers written into SQL are these, never user
text; every value travels as a $parameter (scope.run).
"""
from __future__ import annotations

import uuid
from contextlib import contextmanager
from dataclasses import replace
from typing import NamedTuple

import numpy as np
import pandas as pd

from metrics import catalogs, sqlfiles, words
from metrics import scope as scope_mod
from metrics.ahead import Ahead
from metrics.rollups import penalty_months, supplier_days
from metrics.exceptions import InvalidFilter
from metrics.kpis import KPIS, SCORECARD_KPIS


class Grouping(NamedTuple):
    column: str                     # line_facts column
    out: str                        # output id column
    names: tuple | None             # (table, key column, name column, output name column)
    label_es: str
    label_en: str


GROUPINGS: dict[str, Grouping] = {
    "supplier": Grouping("supplier_id", "supplier_id", ("suppliers", "supplier_id", "name", "supplier_name"),
                         "Proveedor", "Supplier"),
    "month": Grouping("due_month", "month", None, "Mes", "Month"),
    "item": Grouping("item_code", "item_code", ("items", "item_code", "description", "item_description"),
                     "Clave", "Item"),
    "institution": Grouping("institution_id", "institution_id",
                            ("institutions", "institution_id", "name", "institution_name"),
                            "Institución", "Institution"),
    "unit": Grouping("unit_id", "unit_id", ("units", "unit_id", "name", "unit_name"), "Unidad", "Unit"),
    "state": Grouping("state", "state", None, "Estado", "State"),
    "item_group": Grouping("item_group", "item_group", None, "Grupo de insumo", "Item group"),
    "contract": Grouping("contract_id", "contract_id", None, "Contrato", "Contract"),
    "procedure_type": Grouping("procedure_type", "procedure_type", None,
                               "Tipo de procedimiento", "Procedure type"),
}

# Selections of lines() (the lines behind a figure): name -> SQL condition on facts f.
LINE_SELECTIONS: dict[str, str] = {
    "all": "TRUE",
    "not_on_time": "NOT f.is_on_time",
    "not_otif": "NOT f.is_otif",
    "late": "f.days_late > 0",
    "open_overdue": "f.short_qty > 0 AND f.due_date < $as_of",
    "rejected": "f.qty_rejected > 0",
    "short_shelf_life": "f.short_shelf_qty > 0",
    "penalised": "f.penalty_due_capped > 0",
}

_HELPER_COLUMNS = ["otif_lines", "qty_filled", "qty_ordered", "delivered_lines", "completed_lines",
                   "lead_time_lines", "qty_delivered", "shelf_checked_qty", "priced_lines",
                   "unit_priced_lines"]


def parse_group_by(group_by) -> tuple[str, ...]:
    """'supplier,month' or a sequence -> validated tuple of GROUPINGS names."""
    if group_by is None or group_by == "":
        return ()
    parts = group_by.split(",") if isinstance(group_by, str) else list(group_by)
    parts = tuple(p.strip() for p in parts if p and p.strip())
    unknown = [p for p in parts if p not in GROUPINGS]
    if unknown:
        raise InvalidFilter(f"cannot group by {', '.join(unknown)}; choose from "
                            f"{', '.join(GROUPINGS)}")
    if len(set(parts)) != len(parts):
        raise InvalidFilter(f"grouping repeats a dimension: {','.join(parts)}")
    return parts


def _keys_sql(groups: tuple[str, ...], alias: str = "f") -> str:
    return "".join(f"{alias}.{GROUPINGS[g].column} AS {GROUPINGS[g].out}, " for g in groups)


@contextmanager
def pinned(con, resolved: scope_mod.Resolved):
    """When the facts must be computed on the fly (an as_of before the latest delivery, or
    another grace), compute the scope's evaluable lines once into a temp table for the
    queries of one call, instead of once per query. A no-op on the stored line_facts."""
    if resolved.source == "line_facts":
        yield resolved
        return
    name = f"_abasto_facts_{uuid.uuid4().hex[:12]}"
    text = sqlfiles.load("kpis/pin_facts.sql").replace("__NAME__", name)
    scope_mod.run(con, resolved, text)
    try:
        yield replace(resolved, source=name, params={})
    finally:
        con.execute(f"DROP TABLE IF EXISTS {name}")


def _settings(settings):
    if settings is None:
        from metrics.settings import load_settings
        return load_settings()
    return settings


def resolve(con, scope, settings=None) -> scope_mod.Resolved:
    if isinstance(scope, scope_mod.Resolved):
        return scope
    return scope_mod.resolve(con, scope or scope_mod.Scope(), _settings(settings))


def _query(con, resolved, name: str, extra: dict | None = None, **subst) -> pd.DataFrame:
    text = sqlfiles.load(f"kpis/{name}")
    for key, value in subst.items():
        text = text.replace("{" + key + "}", value)
    return scope_mod.run(con, resolved, text, extra).df()


def rollup_query(con, resolved, name: str | None, groups: tuple[str, ...] = (), text: str | None = None,
                 extra: dict | None = None, **subst) -> pd.DataFrame:
    """Run kpis/<name> (or, with name None, `text`: a caller's own composition of such a
    file) over the supplier rollup (only when supplier_days.serves says it is exact):
    {cells} / {hist} are the window's sum / histogram rows (of the tables
    supplier_days.tables picks for the scope and grouping); {keys} the grouping; `extra`
    more parameters."""
    text = sqlfiles.load(f"kpis/{name}") if name is not None else text
    for key in ("cells", "hist"):
        text = text.replace("{" + key + "}", sqlfiles.load(f"kpis/rollup_{key}.sql"))
    for key, table in supplier_days.tables(resolved, groups).items():
        text = text.replace(f"__{key.upper()}__", table)
    subst = {"fwhere": resolved.where("f", evaluable=False, window=False), "keys": _keys_sql(groups), **subst}
    for key, value in subst.items():
        text = text.replace("{" + key + "}", value)
    return scope_mod.run(con, resolved, text, {**supplier_days.window_params(resolved), **(extra or {})}).df()


# quantile of each histogram measure (rollup_supplier_hist_*): measure -> (KPI, q)
_QUANTILES = {1: ("days_late_p90", 0.9), 2: ("lead_time_median", 0.5)}


def rollup_quantiles(con, resolved, groups: tuple[str, ...] = ()) -> pd.DataFrame:
    """days_late_p90 and lead_time_median per group from the rollup's histograms, equal to
    DuckDB's quantile_cont over the lines: over a group's n values in order, position
    p = (n − 1)·q, lo / hi = the values at ranks floor(p) / ceil(p) (0-based), result
    lo + (hi − lo)·(p − floor(p)). SQL sums the window's histograms per group and value
    (~150k rows for all suppliers over a year at 10M lines); picking two ranks per group
    from those sorted counts is a cumulative sum and a binary search here (a SQL window
    over them cost twice the whole query)."""
    ids = [GROUPINGS[g].out for g in groups]
    hkeys = ["supplier_key" if g == "supplier" else GROUPINGS[g].out for g in groups]
    keys_sql = "".join(f"f.{'supplier_key' if g == 'supplier' else GROUPINGS[g].column} AS {k}, "
                       for g, k in zip(groups, hkeys))
    h = rollup_query(con, resolved, "rollup_hist_agg.sql", groups, hkeys=keys_sql)
    if h.empty:
        return pd.DataFrame(columns=ids + [k for k, _ in _QUANTILES.values()])
    if not hkeys:
        code = np.zeros(len(h), np.int64)
    elif len(hkeys) == 1:
        code = pd.factorize(h[hkeys[0]], use_na_sentinel=False)[0]
    else:
        code = h.groupby(hkeys, dropna=False, sort=False).ngroup().to_numpy()
    measure = h["measure"].to_numpy(np.int64)
    value = h["value"].to_numpy(np.int64)
    # one integer per row, ordered by group, measure, value; unique after the SQL's GROUP BY,
    # so a plain argsort orders it (a third of np.lexsort's time on three arrays)
    low, span = value.min(), int(value.max() - value.min()) + 1
    order = np.argsort((code.astype(np.int64) * (len(_QUANTILES) + 1) + measure) * span + (value - low))
    code, measure = code[order], measure[order]
    value = value[order].astype(float)
    n = h["n"].to_numpy(np.int64)[order]
    cum = np.cumsum(n)
    starts = np.flatnonzero(np.r_[True, (code[1:] != code[:-1]) | (measure[1:] != measure[:-1])])
    total = np.add.reduceat(n, starts)
    base = cum[starts] - n[starts]                       # lines of the groups before
    q = np.array([np.nan] + [q for _, q in _QUANTILES.values()])[measure[starts]]
    pos = (total - 1).astype(float) * q
    lo = value[np.searchsorted(cum, base + np.floor(pos), side="right")]
    hi = value[np.searchsorted(cum, base + np.ceil(pos), side="right")]
    q_value = lo + (hi - lo) * (pos - np.floor(pos))
    # one row per group (groups in code order: code[starts] is sorted), a column per measure
    # (NaN when the group has no value of it)
    new_group = np.r_[True, code[starts][1:] != code[starts][:-1]]
    first, row = np.flatnonzero(new_group), np.cumsum(new_group) - 1
    at = order[starts][first]
    result = pd.DataFrame({k: h[k].iloc[at].reset_index(drop=True) for k in hkeys})
    for m, (kpi, _) in _QUANTILES.items():
        column = np.full(len(first), np.nan)
        this = measure[starts] == m
        column[row[this]] = q_value[this]
        result[kpi] = column
    if "supplier_key" in hkeys:
        names = dict(con.execute("SELECT supplier_key, supplier_id FROM rollup_supplier_keys").fetchall())
        result["supplier_key"] = result["supplier_key"].map(names)
        result = result.rename(columns={"supplier_key": "supplier_id"})
    return result


def _fill_quantiles(frame: pd.DataFrame, quantiles: pd.DataFrame, groups) -> pd.DataFrame:
    ids = [GROUPINGS[g].out for g in groups]
    cols = [k for k, _ in _QUANTILES.values()]
    if quantiles.empty:            # no completed line in scope
        for c in cols:
            frame[c] = np.nan
        return frame
    if not ids:
        for c in cols:
            frame[c] = quantiles[c].iloc[0] if len(quantiles) and c in quantiles else np.nan
        return frame
    if len(ids) == 1:
        at = pd.Index(quantiles[ids[0]]).get_indexer(frame[ids[0]])
        for c in cols:
            frame[c] = _take(quantiles[c], at).astype(float)
        return frame
    matched = frame[ids].merge(quantiles[ids + cols], on=ids, how="left")
    for c in cols:
        frame[c] = matched[c].to_numpy(float)
    return frame


def _take(column: pd.Series, at: np.ndarray):
    """column's values at positions `at` (-1: missing), as a left merge on a unique key
    gives them (a tenth of a merge's time on the scorecard's few thousand rows)."""
    return pd.api.extensions.take(column.array, at, allow_fill=True)


_LINE_LEVEL = ("unit_id", "state", "item_code", "item_group")


def _line_level(resolved, groups) -> bool:
    """Whether a filter or grouping needs a line-level column of the penalty's order line."""
    needed = {GROUPINGS[g].column for g in groups} | {
        scope_mod.FILTERS[name][0] for name in resolved.scope.active_filters()}
    return bool(needed & set(_LINE_LEVEL))


_NULL_LINE_COLUMNS = ", ".join(f"NULL::VARCHAR AS {c}" for c in _LINE_LEVEL)


def penalties_scoped(resolved, groups: tuple[str, ...] = ()) -> str:
    """The penalties subquery (kpis/penalties_scoped.sql), joined to the order lines only
    when a filter or grouping needs a line-level column."""
    text = sqlfiles.load("kpis/penalties_scoped.sql")
    if _line_level(resolved, groups):
        cols = ", ".join(f"lf.{c}" for c in _LINE_LEVEL)
        # only the lines the scope's filters keep (a supplier filter prunes the sorted
        # table to its row groups): a penalty whose line fails them is filtered out by the
        # same filters on f anyway (a line carries its contract's supplier, institution…)
        join = (f"LEFT JOIN (SELECT order_id, {', '.join(_LINE_LEVEL)} FROM line_facts lf "
                f"WHERE {resolved.where('lf', evaluable=False, window=False)}) lf "
                f"ON lf.order_id = p.order_id")
    else:
        cols, join = _NULL_LINE_COLUMNS, ""
    return text.replace("__LINE_COLUMNS__", cols).replace("__LINE_JOIN__", join)


def penalties_applied(con, resolved, groups: tuple[str, ...] = ()) -> pd.DataFrame:
    """Σ penalties.amount applied in the window, per grouping (same filters as the lines)."""
    extra = None
    if _line_level(resolved, groups):
        name, penalties = "penalties_applied.sql", penalties_scoped(resolved, groups)
    else:       # summed per contract and month before the join (half the time at 10M)
        name = "penalties_applied_by_contract.sql"
        by_contract = "penalties_by_contract.sql"
        if penalty_months.serves(con):          # already summed at import
            by_contract, extra = "penalties_by_contract_rollup.sql", penalty_months.window_params(resolved)
        penalties = sqlfiles.load(f"kpis/{by_contract}").replace("__LINE_COLUMNS__", _NULL_LINE_COLUMNS)
    return _query(con, resolved, name, extra, keys=_keys_sql(groups), penalties=penalties,
                  pwhere=resolved.where("f", evaluable=False, window=False))


_TOTALS = ["lines", "delivered_lines", "completed_lines", "lead_time_lines", "qty_delivered",
           "shelf_checked_qty", "priced_lines", "unit_priced_lines"]


def computability(con, scope, settings=None) -> dict[str, str | None]:
    """{kpi: None when computable in this scope, else the reason in words}."""
    resolved = resolve(con, scope, settings)
    if supplier_days.serves(con, resolved):
        totals = rollup_query(con, resolved, "computability_rollup.sql").iloc[0].to_dict()
    else:
        totals = _query(con, resolved, "computability.sql").iloc[0].to_dict()
    return _without_orders(con, _reasons(totals, _has_penalties(con)))[0]


def _without_orders(con, reasons: dict) -> tuple[dict, int | None]:
    """An empty scope of a database that holds no order at all (contracts only, as the
    CompraNet and OCDS samples give): its reason is NO_ORDERS, not NO_LINES, since no
    filter is the cause. Returns (reasons, stored contracts when so, else None)."""
    if not words.nothing_in_scope({k: v for k, v in reasons.items() if v}):
        return reasons, None
    info = catalogs.data_info(con)
    if info["orders"]:
        return reasons, None
    return {k: (words.NO_ORDERS if v == words.NO_LINES else v) for k, v in reasons.items()}, \
        int(info["contracts"])


def _has_penalties(con) -> bool:
    return con.execute("SELECT count(*) FROM penalties").fetchone()[0] > 0


def _reasons(t: dict, has_penalties: bool) -> dict[str, str | None]:
    """{kpi: reason or None} for one set of totals (the scope's)."""
    columns = _reason_columns({c: np.asarray([t[c]]) for c in _TOTALS}, has_penalties)
    return {k: v[0] for k, v in columns.items()}


def _reason_columns(t: dict, has_penalties: bool) -> dict[str, np.ndarray]:
    """{kpi: array of reason or None}, one entry per row of the totals arrays in t."""
    n = len(t["lines"])
    out = {k: np.full(n, None, dtype=object) for k in KPIS}

    def put(keys, mask, text):
        for k in keys:
            out[k] = np.where(mask, text, out[k])

    put(("rejection_rate", "short_shelf_life_rate"), t["delivered_lines"] == 0, "no deliveries in scope")
    put(("days_late_mean", "days_late_p90", "lead_time_median"), t["completed_lines"] == 0,
        "no completed lines in scope")
    put(("short_shelf_life_rate",), pd.isna(out["short_shelf_life_rate"]) & (t["shelf_checked_qty"] == 0),
        "no expiry dates in the deliveries in scope")
    put(("price_index",), t["priced_lines"] == 0,
        np.where(t["unit_priced_lines"] == 0, "no reference prices and no contract prices for the items in scope",
                 "no reference price for the items in scope"))
    if not has_penalties:
        put(("penalties_applied", "penalty_gap"), np.ones(n, bool),
            "the penalties table has no rows (penalties applied were not imported)")
    # the count itself is 0, a fact; everything else has no basis
    put([k for k in KPIS if k != "lines"], t["lines"] == 0, words.NO_LINES)
    return out


def _row_reasons(frame: pd.DataFrame, scope_reasons: dict) -> np.ndarray:
    """Per row: 'kpi: reason; …' for the KPIs this group lacks the data for beyond the
    scope's own reasons, or None."""
    totals = {c: frame[c].fillna(0).to_numpy() for c in _TOTALS}
    text = np.full(len(frame), "", dtype=object)
    for k, reason in _reason_columns(totals, True).items():
        if k in scope_reasons:
            continue
        has = ~pd.isna(reason)
        if not has.any():
            continue
        piece = k + ": " + reason[has]
        text[has] = np.where(text[has] == "", piece, text[has] + "; " + piece)
    return np.where(text == "", None, text)


def _attach_names(con, frame: pd.DataFrame, groups: tuple[str, ...]) -> pd.DataFrame:
    for g in groups:
        spec = GROUPINGS[g]
        if spec.names is None:
            continue
        table, key, name, out = spec.names
        if frame.empty:
            frame[out] = pd.Series(dtype=object)
            continue
        # reference tables are small (thousands of rows): read them whole
        names = con.execute(f"SELECT {key} AS {spec.out}, {name} AS {out} FROM {table}").df()
        frame[out] = _take(names[out], pd.Index(names[spec.out]).get_indexer(frame[spec.out]))
    return frame


def _column_order(groups: tuple[str, ...]) -> list[str]:
    cols = []
    for g in groups:
        spec = GROUPINGS[g]
        cols.append(spec.out)
        if spec.names:
            cols.append(spec.names[3])
    return cols


def scorecard(con, scope=None, group_by=("supplier",), settings=None, brief: bool = False) -> pd.DataFrame:
    """One row per group with every KPI of METRICS.md (and the score when by supplier).

    A KPI not computable in the scope is NaN in every row and its reason is in
    `frame.attrs["not_computable"]` ({kpi: reason}); a group that lacks the data for a KPI
    (e.g. a supplier with no deliveries yet: no rejection rate) is NaN in that row only.
    By supplier it also has the score's columns and each supplier's part in the scope's
    shortage (shortage_contribution, short_item_months, shortage_qty: metrics.shortages).

    `brief=True` is what a comparison with another period needs (the pages' "change vs the
    previous period"), in about half the time: every KPI but the two quantiles
    (days_late_p90, lead_time_median) and, by supplier, the score, its interval and tier;
    without the peer group and percentile, the trend and the shortage contribution. The
    columns left out are absent, not empty.
    """
    settings = _settings(settings)
    groups = parse_group_by(group_by)
    with pinned(con, resolve(con, scope, settings)) as resolved:
        return _scorecard(con, resolved, groups, settings, brief)


def kpi_frame(con, resolved, groups: tuple[str, ...], quantiles=None, rollup=None,
              with_quantiles: bool = True) -> pd.DataFrame:
    """The KPI columns per group, before penalties applied, reasons, names and the score:
    the supplier rollup with its histograms' quantiles when it is exact for the scope
    (`rollup`: supplier_days.serves already asked; `quantiles`: rollup_quantiles' result
    already started, metrics/ahead.py), else kpis/scorecard.sql over the lines.
    `with_quantiles=False`: the rollup's quantile columns are left empty (not computed)."""
    if supplier_days.serves(con, resolved, groups) if rollup is None else rollup:
        frame = rollup_query(con, resolved, "scorecard_rollup.sql", groups)
        if not with_quantiles:
            return frame
        found = rollup_quantiles(con, resolved, groups) if quantiles is None else quantiles.result()
        return _fill_quantiles(frame, found, groups)
    return _query(con, resolved, "scorecard.sql", keys=_keys_sql(groups))


def _scorecard(con, resolved, groups, settings, brief: bool = False) -> pd.DataFrame:
    # the independent queries start at once on their own cursors (metrics/ahead.py); a
    # scope pinned to a temp table runs them in order on `con`, which alone sees it
    with Ahead(con, enabled=resolved.source == "line_facts") as ahead:
        return _scorecard_ahead(con, resolved, groups, settings, ahead, brief)


# what a brief scorecard leaves out (scorecard(brief=True))
_NOT_BRIEF = ["days_late_p90", "lead_time_median", "peer_percentile", "trend", "trend_slope", "trend_p"]


def _scorecard_ahead(con, resolved, groups, settings, ahead: Ahead, brief: bool) -> pd.DataFrame:
    by_supplier = groups == ("supplier",)
    rollup = supplier_days.serves(con, resolved, groups)
    has_penalties = _has_penalties(con)
    quantiles = ahead.start(rollup_quantiles, resolved, groups) if rollup and not brief else None
    contribution = detail = None
    if by_supplier:
        from metrics import performance
    if by_supplier and not brief:
        from metrics.shortages import supplier_contribution   # it imports this module
        # the resolved scope as it is (no second resolve), unless it is pinned to a temp
        # table of the window's evaluable lines (scorecard.pinned): the shortage views read more
        contribution = ahead.start(supplier_contribution,
                                   resolved if resolved.source == "line_facts" else resolved.scope,
                                   settings)
    # penalties applied and the score's detail on this thread while the worker computes the
    # quantiles and the contribution: the two chains take about as long (measured at 10M:
    # with the detail on the worker, this thread waited ~35 ms for the quantiles, the worker
    # finished last)
    applied = penalties_applied(con, resolved, groups) if has_penalties else None
    if by_supplier and not brief:
        detail = performance.supplier_detail(con, resolved, settings)
    frame = kpi_frame(con, resolved, groups, quantiles, rollup, with_quantiles=not brief)
    totals = {c: frame[c].sum() if len(frame) else 0 for c in _TOTALS}
    reasons = {k: v for k, v in _reasons(totals, has_penalties).items() if v}
    reasons, contracts = _without_orders(con, reasons)
    if "penalties_applied" not in reasons:
        applied = applied.drop(columns=["penalties_n"])
        if groups:
            ids = [GROUPINGS[g].out for g in groups]
            frame = frame.merge(applied, on=ids, how="outer")
            frame["penalties_applied"] = frame["penalties_applied"].fillna(0.0)
        else:
            frame["penalties_applied"] = applied["penalties_applied"].iloc[0] if len(applied) else 0.0
        frame["lines"] = frame["lines"].fillna(0).astype("int64")
        for c in ("open_overdue_lines",):
            frame[c] = frame[c].fillna(0).astype("int64")
        frame["penalties_due"] = frame["penalties_due"].fillna(0.0)
        frame["backlog_qty"] = frame["backlog_qty"].fillna(0.0)
    else:
        frame["penalties_applied"] = np.nan
    frame["penalty_gap"] = frame["penalties_due"] - frame["penalties_applied"]
    # per group: which KPIs this group lacks the data for, and why (beyond the scope's)
    frame["not_computable"] = _row_reasons(frame, reasons)
    for kpi in reasons:
        if kpi in frame:
            frame[kpi] = np.nan
    frame = _attach_names(con, frame, groups)
    ordered = _column_order(groups) + list(SCORECARD_KPIS)
    if by_supplier:
        frame = performance.add_scores(con, resolved, frame, settings, detail=detail, brief=brief)
        ordered += performance.SCORE_COLUMNS
        if contribution is not None:
            frame = frame.merge(contribution.result(), on="supplier_id", how="left")
    if brief:
        frame = frame.drop(columns=[c for c in _NOT_BRIEF if c in frame])
        ordered = [c for c in ordered if c not in _NOT_BRIEF]
    extra = [c for c in frame.columns if c not in ordered and c not in _HELPER_COLUMNS]
    frame = frame[ordered + extra + [c for c in _HELPER_COLUMNS if c in frame]]
    sort = [GROUPINGS[g].out for g in groups]
    if sort:
        frame = frame.sort_values(sort, kind="stable", na_position="last").reset_index(drop=True)
    frame.attrs["not_computable"] = reasons
    if contracts is not None:        # no order stored: how many contracts there are (words.empty_text)
        frame.attrs["contracts"] = contracts
    frame.attrs["as_of"] = resolved.as_of
    frame.attrs["grace_days"] = resolved.grace_days
    frame.attrs["group_by"] = groups
    frame.attrs["weights"] = settings.weights()
    return frame


def lines(con, scope=None, limit: int | None = 1000, only: str = "all", settings=None) -> pd.DataFrame:
    """The evaluable order lines behind a figure, with their facts (ordered by supplier and
    due date), at most `limit` (None: every one); `only` picks a selection from
    LINE_SELECTIONS (e.g. 'not_otif')."""
    if only not in LINE_SELECTIONS:
        raise InvalidFilter(f"unknown line selection '{only}'; choose from {', '.join(LINE_SELECTIONS)}")
    resolved = resolve(con, scope, settings)
    return _query(con, resolved, "lines.sql", extra={"limit": None if limit is None else int(limit)},
                  only=LINE_SELECTIONS[only])


# KPI -> (exclusion column of exclusions.sql, reason) for the records a KPI leaves out
# beyond the lines every KPI leaves out (cancelled, not yet due, outside the window).
_KPI_MISSING = {
    "days_late_mean": ("not_completed", "not completed"),
    "days_late_p90": ("not_completed", "not completed"),
    "lead_time_median": ("not_completed", "not completed"),
    "rejection_rate": ("no_delivery", "no delivery"),
    "short_shelf_life_rate": ("missing_expiry", "deliveries without expiry date"),
    "price_index": ("missing_price", "no reference or contract price"),
}


def exclusions(con, scope=None, settings=None) -> pd.DataFrame:
    """Per line-level KPI: lines used and records excluded, by reason (for KPI cards)."""
    resolved = resolve(con, scope, settings)
    row = _query(con, resolved, "exclusions.sql",
                 fwhere=resolved.where("f", evaluable=False, window=False)).iloc[0]
    out = []
    for kpi in SCORECARD_KPIS:
        missing_col, reason = _KPI_MISSING.get(kpi, (None, None))
        missing = int(row[missing_col]) if missing_col else 0
        out.append({"kpi": kpi, "lines_used": int(row["evaluable"]) - missing,
                    "cancelled": int(row["cancelled"]), "not_yet_due": int(row["not_yet_due"]),
                    "outside_window": int(row["outside_window"]),
                    "missing_data": missing, "missing_reason": reason})
    return pd.DataFrame(out)
