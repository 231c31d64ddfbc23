"""Generated OCDS JSON Lines for memory tests and the benchmark (not real data).

Each process has two releases far apart in the file (the contract first, a later
implementation update of its delivery milestones in the second half), so reading it needs
the on-disk grouping by ocid.
"""
from __future__ import annotations

import json
from pathlib import Path


class DiscardingSink:
    """A RowSink that hands rows nowhere (what memory costs is the reader and mapper)."""

    def __new__(cls, name="bench"):
        from metrics.sources.common import RowSink

        class _Sink(RowSink):
            def flush(self, table=None):
                for t in ([table] if table else list(self.rows)):
                    self.rows[t] = []
        return _Sink(name)


def _first(i: int, milestones: int, suppliers: int = 500) -> dict:
    ocid = f"ocds-bench0-{i:08d}"
    items = [{"id": str(k), "quantity": 100 * milestones,
              "classification": {"scheme": "CNIS", "id": f"010.000.{(i * 7 + k) % 4000:04d}.00"},
              "unit": {"value": {"amount": 10.5 + k, "currency": "MXN"}}} for k in range(2)]
    ms = [{"id": f"M{m}", "type": "delivery", "title": "Entrega", "status": "scheduled",
           "dueDate": f"2025-{1 + m % 12:02d}-15T00:00:00Z",
           "description": f"clave={items[m % 2]['classification']['id']}; cantidad=100"}
          for m in range(milestones)]
    return {"ocid": ocid, "id": f"{ocid}-1", "date": "2025-01-01T00:00:00Z", "tag": ["contract"],
            "initiationType": "tender",
            "parties": [{"id": "IMSS", "name": "Instituto Mexicano del Seguro Social", "roles": ["buyer"]},
                        {"id": f"S{i % suppliers}", "name": f"Proveedor {i % suppliers}", "roles": ["supplier"],
                         "identifier": {"scheme": "MX-RFC", "id": f"ABC{10101 + i % suppliers:06d}XY{i % suppliers % 10}"}}],
            "buyer": {"id": "IMSS", "name": "Instituto Mexicano del Seguro Social"},
            "tender": {"id": f"T{i}", "procurementMethod": ("open", "selective", "direct")[i % 3]},
            "awards": [{"id": "A1", "status": "active", "suppliers": [{"id": f"S{i % suppliers}"}]}],
            "contracts": [{"id": "C1", "awardID": "A1", "status": "active", "dateSigned": "2024-12-01T00:00:00Z",
                           "period": {"startDate": "2025-01-01T00:00:00Z", "endDate": "2025-12-31T00:00:00Z"},
                           "value": {"amount": 1000.0 * milestones, "currency": "MXN"}, "items": items,
                           "implementation": {"milestones": ms}}]}


def _update(i: int, milestones: int) -> dict:
    ocid = f"ocds-bench0-{i:08d}"
    ms = [{"id": f"M{m}", "type": "delivery", "status": "met" if m % 4 else "partiallyMet",
           "dateMet": f"2025-{1 + m % 12:02d}-{14 + m % 5:02d}T00:00:00Z",
           "description": f"clave=010.000.{(i * 7 + m % 2) % 4000:04d}.00; cantidad=100; entregado={100 if m % 4 else 60}"}
          for m in range(milestones)]
    return {"ocid": ocid, "id": f"{ocid}-2", "date": "2025-12-31T00:00:00Z", "tag": ["implementationUpdate"],
            "contracts": [{"id": "C1", "implementation": {"milestones": ms}}]}


def write(path: Path, processes: int, milestones: int = 5, suppliers: int = 500) -> Path:
    """JSON Lines with 2 releases per process: all first releases, then all updates."""
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(processes):
            handle.write(json.dumps(_first(i, milestones, suppliers), separators=(",", ":")) + "\n")
        for i in range(processes):
            handle.write(json.dumps(_update(i, milestones), separators=(",", ":")) + "\n")
    return path


def write_mb(path: Path, megabytes: float, milestones: int = 5) -> tuple[Path, int]:
    """About `megabytes` MB of JSON Lines; returns (path, processes)."""
    sample = len(json.dumps(_first(1, milestones))) + len(json.dumps(_update(1, milestones))) + 2
    processes = max(1, int(megabytes * 1e6 / sample))
    return write(path, processes, milestones), processes
