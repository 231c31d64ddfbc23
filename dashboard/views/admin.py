"""Ajustes (admins only): the score weights, tiers and thresholds of the methodology,
edited in a form, validated with metrics.settings.validate and saved to the abasto.toml
named by ABASTO_CONFIG (every page's cache key includes the settings, so they apply at once)."""
from __future__ import annotations

import os
from dataclasses import fields, replace

import streamlit as st

from dashboard import auth, data, state
from dashboard.i18n import t
from metrics import fmt
from metrics.exceptions import AbastoError
from metrics.settings import Settings, config_path, describe, validate

lang = state.lang()
st.title(t("admin.title"))
auth.require("settings")
path = config_path()
st.caption(t("admin.intro", path=path))

GROUPS = {
    "admin.weights": ["weight_delivery", "weight_completeness", "weight_quality",
                      "weight_timeliness", "weight_price"],
    "admin.thresholds": ["tier_a", "tier_b", "tier_c", "min_lines", "grace_days",
                         "shortage_threshold", "rescission_threshold", "dominant_share"],
    "admin.advanced": ["trend_months", "trend_alpha", "timeliness_days", "prior_min", "prior_max",
                       "interval_level", "pchart_sigmas"],
}
HELP = {d["name"]: d for d in describe()}
assert set(sum(GROUPS.values(), [])) == set(HELP), "every setting belongs to one group"


def to_toml(settings: Settings) -> str:
    """The [settings] table holding every value that differs from its default."""
    lines = ["# Written by the Abasto dashboard (Ajustes). Documented in docs/settings.md.",
             "[settings]"]
    for f in fields(Settings):
        value = getattr(settings, f.name)
        if value != f.default:
            lines.append(f"{f.name} = {value!r}")
    return "\n".join(lines) + "\n"


def save(settings: Settings) -> None:
    """Write next to the target and rename over it: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(to_toml(settings), encoding="utf-8")
    os.replace(tmp, path)


def field_input(name: str, current):
    d = HELP[name]
    label = t(f"setting.{name}")
    help_text = (d["help_es"] if lang == "es" else d["help_en"]) + " (" + \
        t("admin.default", value=d["default"]) + "; " + t("admin.key", name=name) + ")"
    if isinstance(d["default"], int):
        return st.number_input(label, value=int(current), step=1, help=help_text, key=f"admin_{name}")
    step = 0.01 if d["default"] <= 1 else 1.0
    return st.number_input(label, value=float(current), step=step, format="%.2f" if step < 1 else "%.1f",
                           help=help_text, key=f"admin_{name}")


try:
    current = data.settings()
except AbastoError as exc:          # a broken file: show why, start the form from the defaults
    st.error(t("admin.invalid", message=exc), icon=":material/error:")
    current = Settings()
with st.form("admin_settings"):
    values = {}
    for group, names in GROUPS.items():
        if group == "admin.advanced":
            box = st.expander(t(group))
        else:
            st.subheader(t(group))
            box = st.container()
        with box:
            cols = st.columns(3)
            for i, name in enumerate(names):
                with cols[i % 3]:
                    values[name] = field_input(name, getattr(current, name))
        if group == "admin.weights":
            total = sum(values[n] for n in names)
            st.caption(t("admin.weights_sum", total=fmt.number(total, 1, lang)))
    submitted = st.form_submit_button(t("admin.save"), type="primary", icon=":material/save:")

if submitted:
    try:
        proposed = replace(Settings(), **values)
        validate(proposed, t("admin.title"))
        save(proposed)
    except (AbastoError, OSError, TypeError, ValueError) as exc:
        st.error(t("admin.invalid", message=exc), icon=":material/error:")
    else:
        data.clear()
        st.success(t("admin.saved", path=path), icon=":material/check_circle:")

if st.button(t("admin.reset"), key="admin_reset", icon=":material/restart_alt:"):
    save(Settings())
    for name in HELP:
        st.session_state.pop(f"admin_{name}", None)
    data.clear()
    st.rerun()
