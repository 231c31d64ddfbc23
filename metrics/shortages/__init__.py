"""Shortage analytics (METRICS.md "Shortages"): which items are short, since when, why,
and who is behind it. Every view is `(con, scope, settings=None, ...) -> DataFrame`,
computed in DuckDB over line_facts through metrics.scope — read from the item-month
rollup (metrics.rollups.item_months) where it is exact, see common.plan. See
docs/shortages.md."""
from metrics.shortages.attribution import attribution, supplier_contribution
from metrics.shortages.concentration import concentration, risk
from metrics.shortages.demand import availability, funnel, prescriptions
from metrics.shortages.episodes import episodes
from metrics.shortages.supply import headline, supply, trend
from metrics.shortages.worsening import worsening

__all__ = ["supply", "trend", "headline", "worsening", "episodes", "attribution",
           "supplier_contribution", "concentration", "risk", "prescriptions", "funnel",
           "availability"]
