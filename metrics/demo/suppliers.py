"""Suppliers: invented company names, valid-shape RFCs, company size, and a heavy-tailed
volume weight (a few national distributors carry most volume; many MIPYMEs a handful of
lines). Names are fictitious; any resemblance to a real company is unintended."""
from __future__ import annotations

import string
from datetime import date, timedelta

import numpy as np
import pandas as pd

from metrics.demo.catalog import GROUP_DEMAND
from metrics.demo.geography import STATES

N_NATIONAL = 25     # the top suppliers: national distributors of every group
ZIPF = 1.0          # volume weight of the k-th supplier ∝ k^-ZIPF

NATIONAL_NAMES = [
    "Comercializadora Farmacéutica Atlántida, S.A. de C.V.",
    "Distribuidora Médica Nacional Quetzal, S.A. de C.V.",
    "Grupo Insumos para la Salud Tonatiuh, S.A.P.I. de C.V.",
    "Corporativo Farmacéutico del Valle de Anáhuac, S.A. de C.V.",
    "Abastecedora Hospitalaria Continental, S.A. de C.V.",
    "Proveedora Nacional de Salud Cempasúchil, S.A. de C.V.",
    "Distribuidora Médica del Bajío, S.A. de C.V.",
    "Farmacéutica Integral Mexicana Xóchitl, S.A. de C.V.",
    "Suministros Médicos del Golfo, S.A. de C.V.",
    "Laboratorios Farmacéuticos Tláloc, S.A. de C.V.",
    "Medicamentos y Material de Curación del Norte, S.A. de C.V.",
    "Comercial Hospitalaria Peninsular, S.A. de C.V.",
    "Grupo Médico Distribuidor de Occidente, S.A. de C.V.",
    "Logística Farmacéutica Azteca, S.A.P.I. de C.V.",
    "Insumos Clínicos del Pacífico, S.A. de C.V.",
    "Distribuciones Farmacéuticas de la Mixteca, S.A. de C.V.",
    "Operadora de Abasto Médico de la Huasteca, S.A. de C.V.",
    "Biológicos y Reactivos de México Citlali, S.A. de C.V.",
    "Red Farmacéutica del Centro, S.A. de C.V.",
    "Almacenes Médicos Sierra Madre, S.A. de C.V.",
    "Distribuidora de Especialidades Médicas Anáhuac, S. de R.L. de C.V.",
    "Comercializadora de Insumos para la Salud Chapultepec, S.A. de C.V.",
    "Suministro Hospitalario Integral del Sureste, S.A. de C.V.",
    "Droguería Nacional Teotihuacan, S.A. de C.V.",
    "Farmacias y Distribuciones del Altiplano, S.A. de C.V.",
]
PREFIXES = {
    "medicine": ["Farmacéutica", "Distribuidora Farmacéutica", "Comercializadora de Medicamentos",
                 "Droguería", "Laboratorios", "Medicamentos Genéricos", "Especialidades Farmacéuticas"],
    "medical_supply": ["Material de Curación", "Insumos Médicos", "Suministros Hospitalarios",
                       "Equipos y Material Médico", "Distribuidora Médica", "Comercializadora Hospitalaria"],
    "laboratory": ["Reactivos y Diagnóstico", "Diagnóstica", "Soluciones para Laboratorio",
                   "Laboratorio Clínico y Reactivos"],
    "radiology": ["Imagenología", "Radiología y Diagnóstico", "Sistemas de Imagen Médica"],
    "vaccine": ["Biológicos", "Vacunas y Biológicos"],
    "nutrition": ["Nutrición Clínica", "Fórmulas Nutricionales"],
    "psychotropic": ["Especialidades Farmacéuticas", "Farmacéutica Controlada"],
}
REGIONS = ["del Bajío", "del Norte", "del Noreste", "del Noroeste", "del Pacífico", "del Sureste",
           "del Golfo", "de Occidente", "del Centro", "de la Península", "de Jalisco", "de Puebla",
           "de Oaxaca", "de Veracruz", "de Sonora", "de Chihuahua", "de la Laguna", "de la Huasteca",
           "del Altiplano", "de Anáhuac", "del Valle", "de la Costa", "del Istmo", "de Tierra Caliente",
           "de los Altos", "de la Sierra", "del Sur", "de México", "Integral", "Especializada"]
SURNAMES = ["Ramírez", "González", "Hernández", "López", "Martínez", "García", "Pérez", "Sánchez",
            "Flores", "Rivera", "Gómez", "Díaz", "Cruz", "Morales", "Reyes", "Ortiz", "Vázquez",
            "Castillo", "Jiménez", "Ruiz", "Mendoza", "Aguilar", "Navarro", "Salazar", "Ibarra"]
GIVEN = ["María Guadalupe", "José Luis", "Juan Carlos", "Ana Laura", "Francisco Javier", "Rosa María",
         "Miguel Ángel", "Verónica", "Jorge Alberto", "Claudia Patricia", "Ricardo", "Alejandra"]
FORMS = ["S.A. de C.V."] * 14 + ["S. de R.L. de C.V."] * 4 + ["S.A.P.I. de C.V."]
STOP = {"de", "del", "la", "las", "los", "y", "para", "el", "s.a.", "c.v.", "r.l.", "s.", "s.a.p.i."}
ALNUM = string.ascii_uppercase.replace("Ñ", "") + string.digits


def count_for(lines: int) -> int:
    """A few thousand suppliers at realistic sizes, fewer for small demo databases."""
    return int(min(3000, max(300, lines // 70)))


def _ascii(text: str) -> str:
    table = str.maketrans("ÁÉÍÓÚÜáéíóúüÑñ", "AEIOUUaeiouuXx")
    return text.translate(table).upper()


def _rfc(name: str, is_person: bool, rng: np.random.Generator) -> str:
    """RFC shape: 3 letters (companies) or 4 (persons), YYMMDD, 3-char homoclave."""
    words = [w for w in _ascii(name.split(",")[0]).replace(".", " ").split()
             if w.lower() not in STOP]
    if is_person:      # given name(s) then two surnames: paternal 2 letters, maternal, given
        letters = words[-2][:2] + words[-1][0] + words[0][0]
    else:
        letters = "".join(w[0] for w in words[:3])
        letters = (letters + words[0][1:] + "XXX")[:3]
    born = date(1960 if is_person else 1985, 1, 1) + timedelta(days=int(rng.integers(0, 12000)))
    homoclave = "".join(rng.choice(list(ALNUM), 2)) + str(rng.choice(list("0123456789A")))
    return f"{letters}{born:%y%m%d}{homoclave}"


def _names(n: int, primary: np.ndarray, rng: np.random.Generator, persons: np.ndarray) -> list[str]:
    names, seen = [], set()
    for k in range(n):
        if k < N_NATIONAL:
            name = NATIONAL_NAMES[k]
        else:
            while True:
                if persons[k]:
                    name = (f"{GIVEN[rng.integers(len(GIVEN))]} {SURNAMES[rng.integers(len(SURNAMES))]} "
                            f"{SURNAMES[rng.integers(len(SURNAMES))]}")
                else:
                    prefix = rng.choice(PREFIXES[primary[k]])
                    style = rng.integers(4)
                    region = rng.choice(REGIONS)
                    surname = rng.choice(SURNAMES)
                    core = {0: f"{prefix} {region}", 1: f"{prefix} {surname}",
                            2: f"Grupo {prefix} {region}", 3: f"{prefix} {surname} {region}"}[style]
                    name = f"{core}, {rng.choice(FORMS)}"
                if name not in seen:
                    break
        seen.add(name)
        names.append(name)
    return names


def build(lines: int, rng: np.random.Generator) -> pd.DataFrame:
    """Suppliers ordered by volume weight (sup_idx 0 is the largest)."""
    n = count_for(lines)
    rank = np.arange(1, n + 1)
    groups = np.array(list(GROUP_DEMAND))
    share = np.array([0.45, 0.03, 0.03, 0.05, 0.25, 0.07, 0.12])   # primary group of MIPYMEs
    primary = rng.choice(groups, size=n, p=share)
    primary[:N_NATIONAL] = "all"
    persons = (rng.random(n) < 0.05) & (rank > 150)
    names = _names(n, primary, rng, persons)
    rfcs, seen = [], set()
    for k in range(n):
        rfc = _rfc(names[k], bool(persons[k]), rng)
        while rfc in seen:
            rfc = _rfc(names[k], bool(persons[k]), rng)
        seen.add(rfc)
        rfcs.append(rfc)
    size = rng.choice(["micro", "small", "medium", "large"], size=n, p=[0.35, 0.40, 0.20, 0.05])
    size = np.where(rank <= 150, rng.choice(["medium", "large"], size=n), size)
    size = np.where(rank <= N_NATIONAL, "large", size)
    size = np.where(persons, "micro", size)
    state_names = [s[2] for s in STATES]
    pop = np.array([s[4] for s in STATES])
    state = rng.choice(state_names, size=n, p=pop / pop.sum())
    hubs = np.array(["Ciudad de México", "Estado de México", "Jalisco", "Nuevo León"])
    state = np.where(rank <= N_NATIONAL, hubs[rng.integers(0, 4, n)], state)
    return pd.DataFrame({
        "sup_idx": np.arange(n, dtype=np.int32), "supplier_id": rfcs, "name": names, "rfc": rfcs,
        "company_size": size, "state": state, "primary_group": primary,
        "weight": rank ** -ZIPF,
    })
