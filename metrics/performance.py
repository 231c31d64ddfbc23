"""The performance score of METRICS.md ("Performance score"), added to a supplier scorecard.

Components in [0, 1]: delivery = OTIF, completeness = fill rate, quality = 1 − rejection
rate (the three rates, shrunk toward the pooled rate with the empirical-Bayes beta-binomial
model of metrics.stats), timeliness = max(0, 1 − days_late_mean / timeliness_days) and
price = clip(2 − price_index, 0, 1) (not rates: used as they are). A component without data
is left out and the other weights rescaled. score_low / score_high use the 2.5 % / 97.5 %
Beta quantiles of the rate components (timeliness and price at their point values).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from metrics import scope as scope_mod
from metrics import sqlfiles, stats
from metrics.words import INSUFFICIENT     # the tier below min_lines

SCORE_COLUMNS = ["score", "score_low", "score_high", "tier", "peer_percentile", "trend",
                 "trend_slope", "trend_p"]
# what add_scores adds besides SCORE_COLUMNS: the peers' and trend's details (not when
# brief), and each component raw and shrunk
_PEER_COLUMNS = ["peer_group", "trend_n_months", "trend_tau"]
_COMPONENT_COLUMNS = ["otif_rate_shrunk", "fill_rate_shrunk", "quality_raw", "quality_shrunk",
                      "timeliness_component", "price_component", "prior_strength_delivery", "weights_used"]


def _components(frame: pd.DataFrame, settings) -> dict[str, tuple]:
    """component -> (raw, shrunk, low, high, prior m, pooled μ) arrays.

    Every rate uses n = the supplier's evaluable lines (METRICS.md); μ is the pooled rate of
    all suppliers in scope (OTIF lines / lines, Σ filled / Σ ordered, 1 − Σ rejected /
    Σ delivered); m is fitted across suppliers by stats.prior_strength."""
    out = {}
    lines = frame["lines"].to_numpy(float)
    # delivery: OTIF lines out of lines
    rates = {
        "delivery": (frame["otif_rate"].to_numpy(float), lines,
                     frame["otif_lines"].sum() / max(frame["lines"].sum(), 1)),
        "completeness": (frame["fill_rate"].to_numpy(float), lines,
                         frame["qty_filled"].sum() / frame["qty_ordered"].sum()
                         if frame["qty_ordered"].sum() > 0 else np.nan),
    }
    # quality: n = evaluable lines as for the other rates (METRICS.md), where the supplier has
    # a rejection rate at all (some delivered quantity); μ = the pooled 1 − Σ rejected / Σ delivered
    rej = frame["rejection_rate"].to_numpy(float)
    ok = ~np.isnan(rej) & (lines > 0)
    delivered = frame["qty_delivered"].to_numpy(float)
    q_mu = (1 - np.nansum(rej[ok] * delivered[ok]) / delivered[ok].sum()) if ok.any() else np.nan
    rates["quality"] = (1 - rej, np.where(ok, lines, 0), q_mu)
    for name, (raw, n, mu) in rates.items():
        ok = ~np.isnan(raw) & (n > 0)
        m = stats.prior_strength(raw[ok] * n[ok], n[ok], settings.prior_min, settings.prior_max)
        shrunk, low, high = stats.shrink(raw, n, mu, m, level=settings.interval_level)
        out[name] = (raw, shrunk, low, high, m, mu)
    tl = np.maximum(0.0, 1 - frame["days_late_mean"].to_numpy(float) / settings.timeliness_days)
    out["timeliness"] = (tl, tl, tl, tl, np.nan, np.nan)
    pr = np.clip(2 - frame["price_index"].to_numpy(float), 0, 1)
    out["price"] = (pr, pr, pr, pr, np.nan, np.nan)
    return out


def weighted_score(values: dict[str, np.ndarray], weights: dict[str, float]) -> np.ndarray:
    """100 · Σ w·s / Σ w over the components that have a value (NaN when none has)."""
    num = 0.0
    den = 0.0
    for name, w in weights.items():
        v = np.asarray(values[name], float)
        have = ~np.isnan(v)
        num = num + np.where(have, w * np.nan_to_num(v), 0.0)
        den = den + np.where(have, w, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, 100.0 * num / den, np.nan)


def tiers(score, lines, settings) -> np.ndarray:
    score = np.asarray(score, float)
    tier = np.select([score >= settings.tier_a, score >= settings.tier_b, score >= settings.tier_c],
                     ["A", "B", "C"], "D").astype(object)
    tier[np.isnan(score)] = None
    tier[np.asarray(lines) < settings.min_lines] = INSUFFICIENT
    return tier


def peer_percentile(score, group, tiered) -> np.ndarray:
    """Share (0–100) of the other tiered suppliers of the same peer group scoring below
    (ties count half); NaN for untiered suppliers and for a group of one."""
    df = pd.DataFrame({"s": np.asarray(score, float), "g": group, "t": tiered})
    df = df[df["t"] & df["s"].notna()]
    out = np.full(len(score), np.nan)
    if df.empty:
        return out
    grp = df.groupby("g", dropna=False)["s"]
    below = grp.rank(method="min") - 1
    ties = grp.rank(method="max") - grp.rank(method="min")
    size = grp.transform("size")
    with np.errstate(invalid="ignore", divide="ignore"):
        pct = np.where(size > 1, 100.0 * (below + 0.5 * ties) / (size - 1), np.nan)
    out[df.index.to_numpy()] = pct
    return out


def _trend_start(resolved, settings):
    end = resolved.as_of
    if resolved.scope.date_to and resolved.scope.date_to < end:
        end = resolved.scope.date_to
    start = pd.Timestamp(end).to_period("M") - (settings.trend_months - 1)
    return start.to_timestamp().date()


def _trend_columns(settings) -> list[str]:
    return [f"otif_pct_{k}" for k in range(settings.trend_months)]


def supplier_detail(con, resolved, settings) -> pd.DataFrame:
    """One row per supplier in scope: supplier_id, peer_group (its main item group) and
    otif_pct_0 … otif_pct_<trend_months − 1>, its OTIF (%) in each month of the trend window
    (NaN: no lines that month), from one query (kpis/supplier_detail.sql) over the supplier
    rollup when it is exact for the scope (metrics/rollups/supplier_days.py), else the lines."""
    from metrics.rollups import supplier_days
    from metrics.scorecard import rollup_query
    # integers only: the k-th month of the window (m.k, kpis/supplier_detail.sql)
    months = ", ".join(f"100.0::DOUBLE * sum(CASE WHEN m.k = {k} THEN m.otif END) "
                       f"/ sum(CASE WHEN m.k = {k} THEN m.lines END) AS {c}"
                       for k, c in enumerate(_trend_columns(settings)))
    text = sqlfiles.load("kpis/supplier_detail.sql").replace("__TREND_MONTHS__", months)
    extra = {"trend_from": _trend_start(resolved, settings)}
    if supplier_days.serves(con, resolved, ("supplier", "item_group", "month")):
        cells = ("SELECT supplier_id, item_group, due_month, lines, otif_lines, ordered_value, "
                 "qty_ordered FROM ({cells}) f")
        text = text.replace("__MATERIALIZED__", "NOT MATERIALIZED").replace("__DETAIL_CELLS__", cells)
        return rollup_query(con, resolved, None, text=text, extra=extra)
    text = (text.replace("__MATERIALIZED__", "MATERIALIZED")
                .replace("__DETAIL_CELLS__", sqlfiles.load("kpis/detail_cells.sql")))
    return scope_mod.run(con, resolved, text, extra).df()


def supplier_trends(detail: pd.DataFrame, settings) -> pd.DataFrame:
    """Mann–Kendall trend of each supplier's monthly OTIF (percentage points, so the slope
    reads as points per month) over the trend window (supplier_detail's columns); a
    supplier without lines in that window gets no row."""
    wide = detail[_trend_columns(settings)].to_numpy(dtype=float, na_value=np.nan)
    n, tau, p, slope = stats.mann_kendall(wide)
    trend = pd.DataFrame({"supplier_id": detail["supplier_id"], "n_periods": n.astype(int), "tau": tau,
                          "trend_p": p, "trend_slope": slope,
                          "trend": pd.Series(stats.trend_label(tau, p, n, settings.trend_alpha),
                                             index=detail.index, dtype=object)})
    return trend[n > 0]


def add_scores(con, resolved, frame: pd.DataFrame, settings, detail=None, brief: bool = False) -> pd.DataFrame:
    """Add component, shrunk, score, tier, peer and trend columns to a by-supplier scorecard.
    `detail`: supplier_detail(con, resolved, settings) when the caller already has it;
    `brief`: no peer and trend columns (scorecard(brief=True)), so no detail."""
    frame = frame.copy()
    if frame.empty:       # the same columns as with rows: scripts read them by name
        text = ("tier", "trend", "peer_group", "weights_used")
        for c in SCORE_COLUMNS + _PEER_COLUMNS * (not brief) + _COMPONENT_COLUMNS:
            frame[c] = pd.Series(dtype=object if c in text else float)
        return frame
    comp = _components(frame.fillna({"lines": 0}), settings)
    weights = settings.weights()
    point = {k: v[1] for k, v in comp.items()}
    low = {k: v[2] for k, v in comp.items()}
    high = {k: v[3] for k, v in comp.items()}
    frame["score"] = weighted_score(point, weights)
    frame["score_low"] = weighted_score(low, weights)
    frame["score_high"] = weighted_score(high, weights)
    frame["tier"] = pd.Series(tiers(frame["score"], frame["lines"], settings), index=frame.index, dtype=object)
    if not brief:
        frame = _add_peers_and_trends(con, resolved, frame, settings, detail)
    # raw beside shrunk (METRICS.md: raw rates are always shown beside the shrunk ones)
    frame["otif_rate_shrunk"] = comp["delivery"][1]
    frame["fill_rate_shrunk"] = comp["completeness"][1]
    frame["quality_raw"] = comp["quality"][0]
    frame["quality_shrunk"] = comp["quality"][1]
    frame["timeliness_component"] = comp["timeliness"][1]
    frame["price_component"] = comp["price"][1]
    frame["prior_strength_delivery"] = comp["delivery"][4]
    frame["weights_used"] = ";".join(f"{k}={v:g}" for k, v in weights.items())
    return frame


def _add_peers_and_trends(con, resolved, frame: pd.DataFrame, settings, detail) -> pd.DataFrame:
    detail = supplier_detail(con, resolved, settings) if detail is None else detail
    frame = frame.merge(detail[["supplier_id", "peer_group"]], on="supplier_id", how="left")
    tiered = frame["tier"].isin(["A", "B", "C", "D"]).to_numpy()
    frame["peer_percentile"] = peer_percentile(frame["score"], frame["peer_group"].to_numpy(), tiered)
    tr = supplier_trends(detail, settings)
    tr = tr.rename(columns={"n_periods": "trend_n_months"})[
        ["supplier_id", "trend", "trend_slope", "trend_p", "trend_n_months", "tau"]]
    frame = frame.merge(tr.rename(columns={"tau": "trend_tau"}), on="supplier_id", how="left")
    frame["trend"] = frame["trend"].astype(object).where(frame["trend"].notna(), None)
    return frame


def pchart(con, scope, supplier_id: str, settings=None) -> pd.DataFrame:
    """Monthly p-chart of one supplier's OTIF: month, lines, otif, center, ucl, lcl,
    out_of_control (3-sigma limits around the supplier's own mean)."""
    from metrics.scorecard import _settings, resolve
    settings = _settings(settings)
    resolved = resolve(con, scope, settings)
    counts = scope_mod.run(con, resolved, sqlfiles.load("kpis/pchart.sql"),
                           {"supplier_id": str(supplier_id)}).df()
    rate, center, ucl, lcl, out = stats.pchart_limits(counts["otif_lines"], counts["lines"],
                                                      settings.pchart_sigmas)
    return pd.DataFrame({"month": counts["month"], "lines": counts["lines"].astype("int64"),
                         "otif": rate, "center": center, "ucl": ucl, "lcl": lcl,
                         "out_of_control": out.astype(bool)})
