"""Exports people paste into their own reports: chart images (charts.py), CSV/XLSX tables
(tables.py) and PDF reports (reports/). The dashboard's download buttons and the
`abasto report` / `abasto export charts|tables` commands call the same functions."""
