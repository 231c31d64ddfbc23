"""`abasto demo`: a realistic synthetic database for every page and KPI.

Small reference tables (items from the real CNIS catalogue, institutions, units, suppliers,
tenders and awards) are built with numpy from a seeded generator; the order lines and their
deliveries are generated inside DuckDB, in chunks of line numbers, with randomness taken
from hashes of (line number, seed), so a seed gives the same database at any chunk size.
What was planted for the analytics to find is listed in the table demo_planted.
"""
from __future__ import annotations

import json
import time
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from metrics import facts, rollups, store
from metrics.demo import awards, behaviour, catalog, episodes, parties, prescriptions, suppliers
from metrics.demo.planted import AFTER_FACTS, DDL, rows as planted_rows
from metrics.demo.sqlrun import run
from metrics.demo.timeline import MONTHS, Timeline
from metrics.exceptions import AbastoError

DEFAULT_LINES = 200_000
DEFAULT_SEED = 1
CHUNK = 2_000_000           # lines generated per SQL pass (bounds memory at 10 M lines)
MEMORY_LIMIT = "2GB"        # DuckDB's share; beyond it DuckDB spills to disk (10 M lines < 3 GB RSS)
MIN_LINES = 1_000
MAX_LINES = 100_000_000
BATCH_ID = 1
INFLUENZA = np.array([0.5, 0.3, 0.15, 0.1, 0.1, 0.1, 0.15, 0.3, 0.9, 2.6, 2.6, 1.4])
QTY_FACTOR = {"warehouse": 6.0, "hospital": 1.8, "clinic": 0.6, "pharmacy": 0.5}
# Share of late lines on which each institution actually applies the penalty.
ENFORCEMENT = {"IMSS": 0.55, "ISSSTE": 0.35, "IMSS-BIENESTAR": 0.25, "PEMEX": 0.4, "SEDENA": 0.3,
               "SEMAR": 0.3}
NOT_CONSOLIDATED = {"PEMEX", "SEDENA", "SEMAR"}
TABLES = ("institutions", "units", "suppliers", "items", "contracts", "contract_items", "orders",
          "deliveries", "penalties", "tender_items", "prescriptions", "demo_planted")


def _cdf(weights: np.ndarray) -> np.ndarray:
    """Lower bounds of each row's slice of [0, 1) (for ASOF-join sampling)."""
    cum = np.cumsum(weights)
    return np.concatenate([[0.0], cum[:-1]]) / cum[-1]


def _season(items: pd.DataFrame, months: pd.DataFrame) -> np.ndarray:
    """items × months demand factor: respiratory winter peak, autumn flu campaign, growth."""
    cal = months["cal_month"].to_numpy()
    resp = 1 + 0.45 * np.cos(2 * np.pi * (cal - 1) / 12)
    flu = INFLUENZA[cal - 1]
    growth = 1 + 0.04 * months["month_idx"].to_numpy() / 12
    kind = items["season"].to_numpy()[:, None]
    factor = np.where(kind == "respiratory", resp, np.where(kind == "influenza", flu, 1.0))
    return factor * growth


def _item_months(items, months, season, tend) -> pd.DataFrame:
    """(item, order month) sampling table; only item-cycles that were bought."""
    n_i = len(items)
    bought = np.zeros((n_i, int(months["cycle_idx"].max()) + 1), dtype=bool)
    ok = (tend["kind"] != "failed") | tend["emergency"]
    bought[tend.loc[ok, "item_idx"], tend.loc[ok, "cycle_idx"]] = True
    weight = items["pop"].to_numpy()[:, None] * season * bought[:, months["cycle_idx"].to_numpy()]
    item_idx, month_idx = np.nonzero(weight > 0)
    w = weight[item_idx, month_idx]
    return pd.DataFrame({"cum_lo": _cdf(w), "item_idx": item_idx.astype(np.int32),
                         "month_idx": month_idx.astype(np.int32)})


def _plan(lines: int, seed: int, timeline: Timeline) -> dict:
    """Every small table, from one seeded generator (the order matters for determinism)."""
    rng = np.random.default_rng(seed)
    months = timeline.months_frame()
    cycles = timeline.cycles()
    items = catalog.build(rng)
    inst = parties.institutions()
    inst["consolidated"] = ~inst["institution_id"].isin(NOT_CONSOLIDATED)
    inst["enforcement"] = inst["institution_id"].map(ENFORCEMENT).fillna(0.2)
    units = parties.units(inst, rng)
    units["qty_factor"] = units["kind"].map(QTY_FACTOR)
    sup = behaviour.assign(suppliers.build(lines, rng), rng)
    short_items = episodes.choose_items(items, rng)
    shortage, shortage_planted = episodes.plan(short_items, timeline.first_month, rng)
    tend = awards.tenders(items, cycles, rng, protected=short_items)
    award = awards.awards(tend, items, sup, rng, protected=short_items)
    season = _season(items, months)
    rx = prescriptions.build(units, items, season, shortage, months, lines, rng)
    cycle_frame = pd.DataFrame({"cycle_idx": range(len(cycles)), "code": [c.code for c in cycles],
                                "start_date": [c.start for c in cycles],
                                "end_date": [c.end for c in cycles]})
    unit_cdf = units.assign(cum_lo=_cdf(units["weight"].to_numpy()))
    return {
        "d_item": items, "d_inst": inst, "d_unit": unit_cdf, "d_sup": sup, "d_tender": tend,
        "d_award": award, "d_month": months, "d_cycle": cycle_frame, "d_shortage": shortage,
        "d_im": _item_months(items, months, season, tend), "rx": rx,
        "planted": planted_rows(sup, items, shortage_planted, tend),
    }


def _load_reference(con, plan: dict) -> None:
    """Staging tables d_* (temporary) and the reference tables of the data contract."""
    for name, frame in plan.items():
        if name.startswith("d_"):
            con.register("frame_view", frame)
            con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM frame_view")
            con.unregister("frame_view")
    con.execute("INSERT INTO institutions (institution_id, name, batch_id) "
                "SELECT institution_id, name, 1 FROM d_inst")
    con.execute("INSERT INTO units (unit_id, institution_id, name, state, kind, batch_id) "
                "SELECT unit_id, institution_id, name, state, kind, 1 FROM d_unit")
    con.execute("INSERT INTO suppliers (supplier_id, name, rfc, company_size, state, batch_id) "
                "SELECT supplier_id, name, rfc, company_size, state, 1 FROM d_sup")
    con.execute("INSERT INTO items (item_code, description, item_group, reference_price, "
                "min_shelf_life_months, extra, batch_id) "
                "SELECT item_code, description, item_group, reference_price, min_shelf_life_months, "
                "json_object('unit', unit), 1 FROM d_item")
    for name in ("rx", "planted"):
        con.register("frame_view", plan[name])
        if name == "rx":
            con.execute("INSERT INTO prescriptions (unit_id, item_code, month, issued, filled, batch_id) "
                        "SELECT unit_id, item_code, month, issued, filled, 1 FROM frame_view")
        else:
            con.execute(DDL)
            con.execute("INSERT INTO demo_planted SELECT kind, id, detail FROM frame_view")
        con.unregister("frame_view")


def _chunks(lines: int, chunk: int):
    for lo in range(0, lines, chunk):
        yield lo, min(lines, lo + chunk)


def generate(path: Path | str | None = None, lines: int = DEFAULT_LINES, seed: int = DEFAULT_SEED,
             today: date | None = None, chunk: int = CHUNK, progress=None) -> dict:
    """Write a fresh demo database at `path` (replacing what is there); return a summary:
    {"path", "lines", "seed", "today", "first_month", "last_month", "as_of", "seconds",
    "rows": {table: count}}. `today` defaults to the real date; pass it for a database
    that does not depend on the day it is built."""
    if not MIN_LINES <= int(lines) <= MAX_LINES:
        raise AbastoError(f"--lines must be between {MIN_LINES:,} and {MAX_LINES:,} (got {lines:,})")
    if not 0 <= int(seed) < 2**31:
        raise AbastoError(f"--seed must be between 0 and {2**31 - 1} (got {seed})")
    lines, seed = int(lines), int(seed)
    say = progress or (lambda message: None)
    started = time.monotonic()
    started_at = datetime.now()
    timeline = Timeline(today or date.today())
    plan = _plan(lines, seed, timeline)
    path = store.db_path(path)
    params = {"as_of": timeline.as_of, "today": timeline.today, "first_month": timeline.first_month,
              "last_idx": MONTHS - 1}
    with store.writer(path, fresh=True) as con:
        con.execute("SET preserve_insertion_order = false")
        con.execute("SET enable_progress_bar = false")
        con.execute("SET memory_limit = $m", {"m": MEMORY_LIMIT})
        con.execute("SET VARIABLE demo_seed = $s", {"s": seed})
        run(con, "macros")
        _load_reference(con, plan)
        con.execute("CREATE OR REPLACE TEMP TABLE g_lines (k BIGINT, item_idx INTEGER, unit_idx INTEGER, "
                    "inst_idx SMALLINT, award_idx INTEGER, order_date DATE, due_date DATE, "
                    "qty DOUBLE, cancelled BOOLEAN)")
        for lo, hi in _chunks(lines, chunk):
            say(f"order lines {lo:,}–{hi:,}")
            run(con, "lines", lo=lo, hi=hi)
        say("contracts")
        run(con, "contracts", **params)
        for lo, hi in _chunks(lines, chunk):
            say(f"orders {lo:,}–{hi:,}")
            run(con, "orders", lo=lo, hi=hi)
            say(f"deliveries {lo:,}–{hi:,}")
            run(con, "deliveries", lo=lo, hi=hi, **params)
        say("tender items")
        run(con, "tender_items")
        con.execute("DROP TABLE g_lines")
        con.execute("INSERT INTO import_batches (batch_id, started_at, user_name, origin, files, "
                    "rows_updated, warnings) VALUES ($b, $s, 'demo', 'demo', '[]', 0, 0)",
                    {"b": BATCH_ID, "s": started_at})
        say("line facts")
        facts.refresh(con)
        say("penalties")     # what is owed comes from the line facts
        run(con, "contract_terms", **params)
        # contract_terms raised some contracts' amounts: their lines' penalty_cap (and the
        # capped shares) must follow before penalties are applied against them.
        raised = [r[0] for r in con.execute(
            "SELECT order_id FROM orders WHERE contract_id IN (SELECT contract_id FROM g_near_cap)"
        ).fetchall()]
        facts.refresh(con, orders=raised)
        run(con, "penalties", **params)
        rollups.refresh(con, modules=["penalty_months"])     # the penalties it sums
        con.execute(AFTER_FACTS)
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES}
        summary = {"seed": seed, "lines": lines, "today": timeline.today.isoformat(),
                   "as_of": timeline.as_of.isoformat(), "rows": counts}
        con.execute("UPDATE import_batches SET finished_at = $f, rows_added = $n, summary = $summary "
                    "WHERE batch_id = $b",
                    {"b": BATCH_ID, "f": datetime.now(),
                     "n": sum(v for k, v in counts.items() if k != "demo_planted"),
                     "summary": json.dumps(summary)})
    return {"path": str(path), "lines": lines, "seed": seed, "today": timeline.today,
            "first_month": timeline.first_month, "last_month": timeline.last_month,
            "as_of": timeline.as_of, "seconds": time.monotonic() - started, "rows": counts}
