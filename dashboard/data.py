"""How pages get data: one DuckDB reader per process, a cursor per query, cached results.

Pages never write SQL: they call a metrics library function through `call(fn, scope, ...)`,
which runs `fn(cursor, scope, **kwargs)` on a fresh cursor and caches the (small) result
keyed by the function, the scope, the arguments, the database file's identity (so an
import invalidates everything at once) and the settings. `options(kind)` gives the lists
behind the filter widgets and pickers; `info()` the data date and source for captions.
"""
from __future__ import annotations

import inspect
from pathlib import Path

import pandas as pd
import streamlit as st

from metrics import catalogs, store
from metrics.settings import load_settings

OPTION_KINDS = catalogs.KINDS


def db_path() -> Path:
    """$ABASTO_DB, else data/abasto.duckdb (metrics.store.db_path)."""
    return store.db_path().resolve()


@st.cache_resource(show_spinner=False)
def _reader(path: str) -> store.Reader:
    return store.Reader(path)


def reader() -> store.Reader:
    """The process-wide reader of the current database (follows imports by file identity)."""
    return _reader(str(db_path()))


def _version() -> tuple:
    r = reader()
    r.cursor().close()                # opens/creates/migrates the database on first use
    return (str(r.path),) + tuple(r.version)


def settings():
    """Current settings (defaults < abasto.toml); part of every cache key."""
    return load_settings()


def _compute(_fn, _scope, _kwargs, _settings, _then):
    cur = reader().cursor()
    try:
        kwargs = dict(_kwargs)
        if "settings" in inspect.signature(_fn).parameters and "settings" not in kwargs:
            kwargs["settings"] = _settings
        result = _fn(cur, _scope, **kwargs)
    finally:
        cur.close()
    return _then(result) if _then is not None else result


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_call(fn_name: str, scope_key: tuple, kwargs_key: str, settings_key: str, version: tuple,
                 then_name: str | None, _fn, _scope, _kwargs, _settings, _then):
    return _compute(_fn, _scope, _kwargs, _settings, _then)


# one object for every session (no copy per hit): see shared()
@st.cache_resource(show_spinner=False, max_entries=8)
def _shared_call(fn_name: str, scope_key: tuple, kwargs_key: str, settings_key: str, version: tuple,
                 then_name: str | None, _fn, _scope, _kwargs, _settings, _then):
    return _compute(_fn, _scope, _kwargs, _settings, _then)


def _name(fn) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


def _keyed(cached, fn, scope, then, kwargs):
    s = settings()
    return cached(_name(fn), scope.cache_key(), repr(sorted(kwargs.items())), repr(s), _version(),
                  _name(then) if then is not None else None,
                  _fn=fn, _scope=scope, _kwargs=tuple(kwargs.items()), _settings=s, _then=then)


def call(fn, scope, *, then=None, **kwargs):
    """Run a library function `fn(cursor, scope, **kwargs)` on a fresh cursor, cached.

    `then(result)`, a module-level function, keeps only what the page draws of a large
    result: the cache then holds that, and every hit (st.cache_data copies what it returns)
    copies only that (e.g. the contracts near rescission, not the whole ledger)."""
    return _keyed(_cached_call, fn, scope, then, kwargs)


def shared(fn, scope, *, then=None, **kwargs):
    """As `call`, but every session gets the same cached object instead of its own copy:
    for a large frame a page needs whole (the contracts page's ledger: 125k rows at 10M
    lines, which 20 concurrent copies took to 2.8 GB). Read only: derive new frames from
    it (pandas' copy-on-write keeps it intact), never assign into it."""
    return _keyed(_shared_call, fn, scope, then, kwargs)


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_options(kind: str, version: tuple) -> pd.DataFrame:
    cur = reader().cursor()
    try:
        return catalogs.options(cur, kind)
    finally:
        cur.close()


def options(kind: str) -> pd.DataFrame:
    """Rows (id, name, ...) for a filter widget or picker: one of OPTION_KINDS."""
    if kind not in OPTION_KINDS:
        raise ValueError(f"unknown option kind {kind!r}")
    return _cached_options(kind, _version())


def names(kind: str) -> dict[str, str]:
    """id -> display name for a kind (suppliers, items, institutions...)."""
    frame = options(kind)
    return dict(zip(frame["id"].astype(str), frame["name"].astype(str)))


@st.cache_data(show_spinner=False, max_entries=16)
def _cached_info(version: tuple) -> dict:
    cur = reader().cursor()
    try:
        return catalogs.data_info(cur)
    finally:
        cur.close()


def info() -> dict:
    """max_delivered, refreshed_at, lines, orders, contracts, origin, file_names of the last import."""
    return _cached_info(_version())


def has_data() -> bool:
    return bool(info().get("orders"))


def clear() -> None:
    """Drop cached results (tests; after an import the data version changes anyway)."""
    st.cache_data.clear()
    _shared_call.clear()
