"""Institutions, delivery units and suppliers (names, CLUES-like ids, valid-shape RFCs).

Small tables built with numpy from a seeded generator; the supplier table also carries each
supplier's delivery behaviour (see behaviour.py), which the order-line SQL reads.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.demo.geography import STATE_SERVICES, STATES

NATIONAL = [  # id, name, CLUES code, unit-volume factor
    ("IMSS", "Instituto Mexicano del Seguro Social", "IMS", 1.3),
    ("ISSSTE", "Instituto de Seguridad y Servicios Sociales de los Trabajadores del Estado", "IST", 1.0),
    ("IMSS-BIENESTAR", "Servicios de Salud del Instituto Mexicano del Seguro Social para el Bienestar",
     "IMB", 0.9),
    ("PEMEX", "Petróleos Mexicanos, Subdirección de Servicios de Salud", "PMX", 0.8),
    ("SEDENA", "Secretaría de la Defensa Nacional, Dirección General de Sanidad", "SDN", 0.8),
    ("SEMAR", "Secretaría de Marina, Dirección General Adjunta de Sanidad Naval", "SMA", 0.7),
]
NOT_BIENESTAR = {"AGS", "CHIH", "COAH", "DGO", "GTO", "JAL", "NL", "QRO", "YUC"}
PEMEX_STATES = {"CDMX", "TAB", "VER", "CAMP", "TAMPS", "NL", "HGO", "GTO", "OAX", "CHIS", "PUE"}
COASTAL = {"BC", "BCS", "SON", "SIN", "NAY", "JAL", "COL", "MICH", "GRO", "OAX", "CHIS", "TAMPS",
           "VER", "TAB", "CAMP", "YUC", "QROO"}
KIND_WEIGHT = {"warehouse": 25.0, "hospital": 5.0, "clinic": 1.2, "pharmacy": 1.5}

# (kind, name template): {n} a unit number, {city}, {state}
TEMPLATES = {
    "IMS": {"warehouse": ["Almacén Delegacional IMSS {state}"],
            "hospital": ["Hospital General de Zona No. {n}, {city}", "Hospital General Regional No. {n}, {city}",
                         "Hospital de Gineco-Pediatría No. {n}, {city}"],
            "clinic": ["Unidad de Medicina Familiar No. {n}, {city}"],
            "pharmacy": ["Farmacia de la UMF No. {n}, {city}"]},
    "IST": {"warehouse": ["Almacén Regional ISSSTE {state}"],
            "hospital": ["Hospital Regional ISSSTE {city}", "Clínica Hospital ISSSTE {city}"],
            "clinic": ["Clínica de Medicina Familiar ISSSTE {city} {n}", "Unidad de Medicina Familiar ISSSTE {city} {n}"],
            "pharmacy": ["Farmacia ISSSTE {city} {n}"]},
    "IMB": {"warehouse": ["Almacén Estatal IMSS-Bienestar {state}"],
            "hospital": ["Hospital General IMSS-Bienestar {city}", "Hospital Rural IMSS-Bienestar No. {n}, {city}",
                         "Hospital Comunitario IMSS-Bienestar {city}"],
            "clinic": ["Centro de Salud IMSS-Bienestar {city} {n}", "Unidad Médica Rural No. {n}, {city}"],
            "pharmacy": ["Farmacia IMSS-Bienestar {city} {n}"]},
    "PMX": {"warehouse": ["Almacén Central de Servicios de Salud PEMEX"],
            "hospital": ["Hospital Regional PEMEX {city}", "Hospital General PEMEX {city}"],
            "clinic": ["Clínica PEMEX {city} {n}"], "pharmacy": ["Farmacia PEMEX {city}"]},
    "SDN": {"warehouse": ["Almacén General de Sanidad Militar"],
            "hospital": ["Hospital Militar Regional {city}", "Hospital Militar de Zona {city}"],
            "clinic": ["Enfermería Militar {city} {n}"], "pharmacy": ["Farmacia Militar {city}"]},
    "SMA": {"warehouse": ["Almacén de Sanidad Naval"],
            "hospital": ["Hospital Naval {city}", "Sanatorio Naval {city}"],
            "clinic": ["Clínica Naval {city} {n}"], "pharmacy": ["Farmacia Naval {city}"]},
    "SSA": {"warehouse": ["Almacén Estatal de Insumos para la Salud, {state}"],
            "hospital": ["Hospital General {city}", "Hospital de la Mujer {city}", "Hospital del Niño {city}",
                         "Hospital Integral {city} {n}"],
            "clinic": ["Centro de Salud Urbano {city} {n}", "Centro de Salud Rural {city} {n}"],
            "pharmacy": ["Farmacia Estatal {city} {n}"]},
}


def institutions() -> pd.DataFrame:
    """26 buyers: the six national institutions and 20 state health services (SSA-<state>)."""
    rows = [(iid, name, code, factor) for iid, name, code, factor in NATIONAL]
    rows += [(f"SSA-{short}", name, "SSA", 0.8) for short, name in STATE_SERVICES.items()]
    frame = pd.DataFrame(rows, columns=["institution_id", "name", "clues_code", "factor"])
    frame["inst_idx"] = np.arange(len(frame), dtype=np.int16)
    return frame


def _unit_counts(inst_id: str, short: str, pop: float) -> dict[str, int]:
    """How many units of each kind an institution runs in a state (None: not present)."""
    if inst_id == "IMSS":
        return {"warehouse": 1, "hospital": round(2 + pop * 0.5), "clinic": round(5 + pop * 0.8),
                "pharmacy": round(1 + pop * 0.2)}
    if inst_id == "ISSSTE":
        return {"warehouse": 1, "hospital": round(1 + pop * 0.2), "clinic": round(2 + pop * 0.3),
                "pharmacy": round(1 + pop * 0.15)}
    if inst_id == "IMSS-BIENESTAR":
        if short in NOT_BIENESTAR:
            return {}
        return {"warehouse": 1, "hospital": round(3 + pop * 0.4), "clinic": round(6 + pop * 0.6),
                "pharmacy": 0}
    if inst_id == "PEMEX":
        if short not in PEMEX_STATES:
            return {}
        return {"warehouse": int(short == "CDMX"), "hospital": 1, "clinic": 2, "pharmacy": int(pop > 5)}
    if inst_id == "SEDENA":
        return {"warehouse": int(short == "CDMX"), "hospital": 1, "clinic": int(pop > 3), "pharmacy": 0}
    if inst_id == "SEMAR":
        if short not in COASTAL and short != "CDMX":
            return {}
        return {"warehouse": int(short == "VER"), "hospital": 1, "clinic": 1, "pharmacy": 0}
    if inst_id == f"SSA-{short}":   # a state service only in its own state
        return {"warehouse": 1, "hospital": round(3 + pop * 0.5), "clinic": round(6 + pop * 0.6),
                "pharmacy": round(pop * 0.1)}
    return {}


def units(inst: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """About 1,450 delivery points across the 32 states with CLUES-like ids
    (state + institution + 6 digits; warehouses in the 99xxxx range)."""
    rows = []
    for inst_row in inst.itertuples():
        for clues, short, state, cities, pop in STATES:
            counts = _unit_counts(inst_row.institution_id, short, pop)
            serial = 10 + int(rng.integers(0, 40))
            for kind in ("warehouse", "hospital", "clinic", "pharmacy"):
                for k in range(counts.get(kind, 0)):
                    templates = TEMPLATES[inst_row.clues_code][kind]
                    city = cities[(k + len(rows)) % len(cities)]
                    name = templates[k % len(templates)].format(
                        n=serial % 300 + 1, city=city, state=state)
                    if kind == "warehouse":
                        unit_id = f"{clues}{inst_row.clues_code}99{k + 1:04d}"
                    else:
                        unit_id = f"{clues}{inst_row.clues_code}{serial:06d}"
                        serial += int(rng.integers(3, 60))
                    weight = KIND_WEIGHT[kind] * inst_row.factor * (0.5 + rng.random())
                    rows.append((unit_id, inst_row.institution_id, int(inst_row.inst_idx), name,
                                 state, kind, weight))
    frame = pd.DataFrame(rows, columns=["unit_id", "institution_id", "inst_idx", "name", "state",
                                        "kind", "weight"])
    frame["unit_idx"] = np.arange(len(frame), dtype=np.int32)
    return frame
