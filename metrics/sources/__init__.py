"""Adapters for formats other than the canonical files (OCDS JSON, CompraNet exports).

`detect(path)` returns the adapter that reads `path`, or None for a canonical file.
An adapter has `name` and `stage(con, path, problems=None)`: it maps the file onto the
canonical staging tables (metrics.ingest.staging) and records every mapping decision in the
problems table (metrics.ingest.problems); the importer's validation and loading then run
unchanged. See docs/sources.md.
"""
from __future__ import annotations

from pathlib import Path

from metrics.sources.common import SourceFormatError

JSON_SUFFIXES = (".json", ".jsonl", ".ndjson", ".jsonlines")
TABLE_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")


class Adapter:
    name = "adapter"

    def map(self, path: Path, sink) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def stage(self, con, path, problems=None) -> dict:
        """Map `path` into the staging tables of `con`; return rows staged per table.

        `problems` is accepted for the documented signature; notes always go through
        metrics.ingest.problems.add on `con`."""
        from metrics.sources.staged import StagingSink
        path = Path(path)
        sink = StagingSink(con, path.name)
        try:
            self.map(path, sink)
        except SourceFormatError as exc:
            sink.note("error", exc.record, exc.field, None, f"{exc.detail}")
        sink.close()
        return dict(sink.counts)

    def __repr__(self) -> str:
        return f"<{self.name} adapter>"


class OcdsAdapter(Adapter):
    name = "ocds"

    def map(self, path, sink) -> None:
        from metrics.sources.ocds import map_file
        map_file(path, sink)


class CompranetAdapter(Adapter):
    name = "compranet"

    def map(self, path, sink) -> None:
        from metrics.sources.compranet import map_file
        map_file(path, sink)


def detect(path) -> Adapter | None:
    """OCDS for any JSON / JSON Lines file; CompraNet for a CSV/XLSX with CompraNet headers."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES:
        return OcdsAdapter()
    if suffix in TABLE_SUFFIXES:
        from metrics.sources.compranet import looks_like_compranet
        if looks_like_compranet(path):
            return CompranetAdapter()
    return None
