"""Every tunable of the methodology, declared once with its default and help text.

Values come from the defaults, then `abasto.toml` (the file named by ABASTO_CONFIG, else
./abasto.toml), then per-call overrides: `load_settings(grace_days=2)`.
A test fails when a setting here is not documented in docs/settings.md.
"""
from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from metrics.exceptions import AbastoError


def _s(default, help_es: str, help_en: str, admin: bool = True):
    return field(default=default, metadata={"help_es": help_es, "help_en": help_en, "admin": admin})


@dataclass(frozen=True)
class Settings:
    weight_delivery: float = _s(35.0, "Peso de la entrega a tiempo y completa (OTIF) en la calificación.",
                                "Weight of on-time-in-full delivery in the score.")
    weight_completeness: float = _s(25.0, "Peso del nivel de surtimiento (fill rate).",
                                    "Weight of the fill rate.")
    weight_quality: float = _s(20.0, "Peso de la calidad (1 − tasa de rechazo).",
                               "Weight of quality (1 − rejection rate).")
    weight_timeliness: float = _s(10.0, "Peso de la puntualidad (días de atraso promedio).",
                                  "Weight of timeliness (mean days late).")
    weight_price: float = _s(10.0, "Peso del precio frente al de referencia.",
                             "Weight of price against the reference price.")
    tier_a: float = _s(85.0, "Calificación mínima del nivel A.", "Minimum score for tier A.")
    tier_b: float = _s(70.0, "Calificación mínima del nivel B.", "Minimum score for tier B.")
    tier_c: float = _s(50.0, "Calificación mínima del nivel C (debajo: D).",
                       "Minimum score for tier C (below: D).")
    min_lines: int = _s(20, "Líneas evaluables mínimas para calificar a un proveedor.",
                        "Minimum evaluable lines for a supplier to be tiered.")
    grace_days: int = _s(0, "Días de gracia después de la fecha límite antes de contar atraso.",
                         "Days of grace after the due date before a delivery counts as late.")
    shortage_threshold: float = _s(0.90, "Un insumo está en desabasto en un mes si su surtimiento es menor.",
                                   "An item is short in a month when its fill rate is below this.")
    rescission_threshold: float = _s(0.80, "Uso del tope de garantía a partir del cual se alerta rescisión.",
                                     "Share of the guarantee cap used at which a contract is flagged.")
    dominant_share: float = _s(0.30, "Participación a partir de la cual un proveedor es dominante en un insumo.",
                               "Share above which a supplier is dominant for an item.")
    trend_months: int = _s(12, "Meses considerados para la tendencia (Mann–Kendall).",
                           "Months used for the trend test (Mann–Kendall).")
    trend_alpha: float = _s(0.05, "Nivel de significancia de la tendencia.", "Significance level of the trend.")
    timeliness_days: float = _s(30.0, "Días de atraso promedio a los que la puntualidad vale 0.",
                                "Mean days late at which timeliness scores 0.")
    prior_min: float = _s(2.0, "Fuerza mínima de la previa beta-binomial.", "Minimum beta-binomial prior strength.")
    prior_max: float = _s(500.0, "Fuerza máxima de la previa beta-binomial.", "Maximum beta-binomial prior strength.")
    interval_level: float = _s(0.95, "Nivel de confianza de los intervalos de la calificación.",
                               "Confidence level of the score intervals.")
    pchart_sigmas: float = _s(3.0, "Sigmas de los límites de la gráfica de control (gráfica p).",
                              "Sigmas of the control chart (p-chart) limits.")

    def weights(self) -> dict[str, float]:
        return {"delivery": self.weight_delivery, "completeness": self.weight_completeness,
                "quality": self.weight_quality, "timeliness": self.weight_timeliness,
                "price": self.weight_price}


def describe() -> list[dict]:
    """Name, default, type and help of every setting (for docs, the dashboard and tests)."""
    return [{"name": f.name, "default": f.default, "type": type(f.default).__name__,
             "help_es": f.metadata["help_es"], "help_en": f.metadata["help_en"]}
            for f in fields(Settings)]


def config_path() -> Path:
    return Path(os.environ.get("ABASTO_CONFIG", "abasto.toml"))


_KIND_WORDS = {int: "a whole number", float: "a number", bool: "true or false"}


def _coerce(name: str, value, where: str):
    default = Settings.__dataclass_fields__[name].default
    try:
        if isinstance(default, bool):
            raise TypeError
        return type(default)(value)
    except (TypeError, ValueError):
        raise AbastoError(f"{where}: setting '{name}' must be {_KIND_WORDS.get(type(default), 'text')}, "
                          f"got {value!r}")


def load_settings(path: Path | None = None, **overrides) -> Settings:
    """Defaults < abasto.toml ([settings] table or top level) < overrides (None ignored)."""
    path = path or config_path()
    values = {}
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise AbastoError(f"{path}: not a valid TOML file ({exc})")
        data = data.get("settings", data)
        for key, value in data.items():
            if key not in Settings.__dataclass_fields__:
                raise AbastoError(f"{path}: unknown setting '{key}'")
            values[key] = _coerce(key, value, str(path))
    for key, value in overrides.items():
        if value is None:
            continue
        if key not in Settings.__dataclass_fields__:
            raise AbastoError(f"unknown setting '{key}'")
        values[key] = _coerce(key, value, "override")
    settings = replace(Settings(), **values)
    validate(settings, str(path) if path.exists() and not overrides else "settings")
    return settings


def validate(settings: Settings, where: str = "settings") -> None:
    """Reject combinations that would make scores meaningless, naming the setting."""
    problems = []
    # nan or inf (abasto.toml or --set accepts them as floats) would blank every score
    odd = [f.name for f in fields(Settings) if isinstance(getattr(settings, f.name), float)
           and not math.isfinite(getattr(settings, f.name))]
    if odd:
        problems.append(f"{', '.join(odd)} must be a finite number")
    weights = settings.weights()
    if any(w < 0 for w in weights.values()) or sum(weights.values()) <= 0:
        problems.append("weights must be ≥ 0 and not all 0")
    if not settings.tier_a >= settings.tier_b >= settings.tier_c:
        problems.append("tiers must satisfy tier_a ≥ tier_b ≥ tier_c")
    if settings.min_lines < 1:
        problems.append("min_lines must be ≥ 1")
    if settings.grace_days < 0:
        problems.append("grace_days cannot be negative")
    if settings.trend_months < 3:
        problems.append("trend_months must be ≥ 3 (a trend needs 3 months)")
    for name in ("shortage_threshold", "rescission_threshold", "dominant_share", "trend_alpha",
                 "interval_level"):
        if not 0 < getattr(settings, name) <= 1:
            problems.append(f"{name} must be in (0, 1]")
    if not 0 < settings.prior_min <= settings.prior_max:
        problems.append("prior strengths must satisfy 0 < prior_min ≤ prior_max")
    if settings.timeliness_days <= 0 or settings.pchart_sigmas <= 0:
        problems.append("timeliness_days and pchart_sigmas must be > 0")
    if problems:
        raise AbastoError(f"{where}: " + "; ".join(problems))


def markdown() -> str:
    """The settings table of docs/settings.md (tests check the file documents every setting)."""
    rows = ["| setting | default | descripción | description |", "|---|---|---|---|"]
    for d in describe():
        rows.append(f"| `{d['name']}` | {d['default']} | {d['help_es']} | {d['help_en']} |")
    return "\n".join(rows) + "\n"
