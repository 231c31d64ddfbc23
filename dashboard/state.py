"""What the user is looking at, kept in the URL so any view is a link a colleague can open.

The sidebar filters are widgets bound to query parameters (`bind="query-params"`): their
keys are the URL names (Scope field names: date_from, date_to, as_of, institution, state,
item_group, procedure_type) plus `lang`. The selected supplier / item / contract travel as
plain query parameters (?supplier=...). A bound widget writes its *displayed* option text
to the URL, so option labels of coded filters must be rebuilt when the language changes
(see `sidebar()`); `link()` writes the same text.
"""
from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import quote_plus, urlencode

import streamlit as st

from dashboard import data
from dashboard.i18n import has, t
from metrics import fmt
from metrics.exceptions import InvalidFilter
from metrics.scope import Scope, parse_date

LANG_OPTIONS = ("es", "en")
DATE_FILTERS = ("date_from", "date_to", "as_of")
LIST_FILTERS = ("institution", "state", "item_group", "procedure_type")
SELECTIONS = ("supplier", "item", "contract")
MIN_DATE, MAX_DATE = date(2000, 1, 1), date(2100, 12, 31)

# page name -> (file relative to app.py, label key, icon, shown in the menu)
PAGES: dict[str, tuple[str, str, str, bool]] = {
    "overview": ("views/overview.py", "page.overview", ":material/dashboard:", True),
    "suppliers": ("views/suppliers.py", "page.suppliers", ":material/local_shipping:", True),
    "scorecard": ("views/scorecard.py", "page.scorecard", ":material/badge:", False),
    "compare": ("views/compare.py", "page.compare", ":material/compare_arrows:", True),
    "shortages": ("views/shortages.py", "page.shortages", ":material/medication:", True),
    "item": ("views/item.py", "page.item", ":material/pill:", False),
    "contracts": ("views/contracts.py", "page.contracts", ":material/description:", True),
    "contract": ("views/contract.py", "page.contract", ":material/article:", False),
    "data": ("views/data.py", "page.data", ":material/upload_file:", True),
    "methodology": ("views/methodology.py", "page.methodology", ":material/menu_book:", True),
}
DEFAULT_PAGE = "overview"

# URL-bound widgets whose option labels depend on the language (the URL holds the label):
# re-set when the language changes so the URL is rewritten. Pages add their own keys with
# translated_options("key").
TRANSLATED_KEYS: set[str] = {"item_group", "procedure_type"}


def translated_options(*keys: str) -> None:
    """Declare URL-bound widgets (by key) whose displayed options are translated."""
    TRANSLATED_KEYS.update(keys)


# ---------------------------------------------------------------- language

def _lang_label(code: str) -> str:
    return code.upper()


def lang() -> str:
    """'es' or 'en': the language switch, else ?lang= in the URL, else Spanish."""
    value = st.session_state.get("lang")
    if value is None:
        raw = st.query_params.get("lang", "")
        value = raw.lower() if raw.lower() in LANG_OPTIONS else None
    return value if value in LANG_OPTIONS else "es"


# ---------------------------------------------------------------- option labels

def option_label(name: str, value: str, lang_: str | None = None) -> str:
    """Displayed (and URL) text of a filter option: codes translated, ids and states as is."""
    lang_ = lang_ or lang()
    prefix = {"item_group": "group.", "procedure_type": "procedure."}.get(name)
    if prefix and has(prefix + value):
        return t(prefix + value, lang_)
    return str(value)


def _options(name: str) -> list[str]:
    try:
        return [str(v) for v in data.options(name)["id"]]
    except Exception:   # a database that cannot be read: the page shows the error
        return []


# ---------------------------------------------------------------- sidebar

def language_switch() -> str:
    """The ES/EN switch (URL-bound); call before anything that shows labels."""
    previous = st.session_state.get("_lang_shown")
    # the bound switch holds its label (EN) in the URL: a hand-typed ?lang=en does not match
    # it and the widget would drop it and show Spanish, so the first run reads it here
    if "lang" not in st.session_state:
        raw = str(st.query_params.get("lang") or "").lower()
        st.session_state["lang"] = raw if raw in LANG_OPTIONS else "es"
    st.sidebar.segmented_control(t("app.language"), LANG_OPTIONS, key="lang",
                                 bind="query-params", format_func=_lang_label)
    current = lang()
    if previous is not None and previous != current:
        # Coded filters show translated labels and the URL holds the label: re-set their
        # values so the URL is rewritten in the new language (a shared link stays valid).
        for name in sorted(TRANSLATED_KEYS):
            value = st.session_state.get(name)
            if value:     # a multiselect's list is copied; a single-value widget's kept whole
                st.session_state[name] = list(value) if isinstance(value, (list, tuple)) else value
    st.session_state["_lang_shown"] = current
    return current


def sidebar() -> Scope:
    """Render the shared filters (URL-bound) and return the Scope they describe."""
    sb = st.sidebar
    sb.subheader(t("filters.title"))
    date_format = "DD/MM/YYYY" if lang() == "es" else "YYYY-MM-DD"
    sb.date_input(t("filters.date_from"), value=None, key="date_from", bind="query-params",
                  format=date_format, min_value=MIN_DATE, max_value=MAX_DATE,
                  help=t("filters.window_help"))
    sb.date_input(t("filters.date_to"), value=None, key="date_to", bind="query-params",
                  format=date_format, min_value=MIN_DATE, max_value=MAX_DATE)
    sb.date_input(t("filters.as_of"), value=None, key="as_of", bind="query-params",
                  format=date_format, min_value=MIN_DATE, max_value=MAX_DATE,
                  help=t("filters.as_of_help"))
    lang_ = lang()
    for name in LIST_FILTERS:
        sb.multiselect(t(f"filters.{name}"), _options(name), key=name, bind="query-params",
                       format_func=lambda v, n=name: option_label(n, v, lang_),
                       placeholder=t("filters.all"))
    problem = scope_problem()
    if problem:
        sb.error(problem)
    sb.caption(t("filters.share_hint"))
    return scope()


# ---------------------------------------------------------------- scope

def _filter_values() -> dict:
    ss = st.session_state
    values = {name: ss.get(name) for name in DATE_FILTERS}
    values.update({name: tuple(ss.get(name) or ()) for name in LIST_FILTERS})
    return values


def scope_problem() -> str | None:
    """What is wrong with the sidebar's filters, in the user's language, or None."""
    values = _filter_values()
    try:
        Scope.make(**values)
    except InvalidFilter as exc:
        try:
            start, end = (parse_date(values.get(n), n) for n in ("date_from", "date_to"))
        except InvalidFilter:
            start = end = None
        if start and end and start > end:    # the widgets' own words, not the command line's
            return t("filters.from_after_to", start=fmt.day(start, lang()), end=fmt.day(end, lang()))
        return t("filters.invalid", message=str(exc))
    return None


def scope(**extra) -> Scope:
    """The Scope of the sidebar filters (an invalid window is dropped, the sidebar says why);
    `extra` narrows it further, e.g. scope(supplier=("S1",))."""
    values = _filter_values()
    try:
        base = Scope.make(**values)
    except InvalidFilter:
        values.update(date_from=None, date_to=None)
        base = Scope.make(**values)
    return base.with_(**{k: tuple(v) if isinstance(v, (list, tuple)) else (v,) if isinstance(v, str) else v
                         for k, v in extra.items()}) if extra else base


def previous_scope(current: Scope) -> Scope | None:
    """The period of equal length just before `current`'s window (for "change vs previous"),
    with the same as-of date; None without a window. A window of whole calendar months
    (1st to month end) gives the same number of months before (Jul–Dec -> Jan–Jun)."""
    start, end = current.date_from, current.date_to
    if start is None or end is None or end < start:
        return None
    if start.day == 1 and (end + timedelta(days=1)).day == 1:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        index = start.year * 12 + start.month - 1 - months
        prev_start = date(index // 12, index % 12 + 1, 1)
        return current.with_(date_from=prev_start, date_to=start - timedelta(days=1))
    prev_end = start - timedelta(days=1)
    return current.with_(date_from=prev_end - (end - start), date_to=prev_end)


# ---------------------------------------------------------------- selection and links

def selected(name: str) -> str | None:
    """The selected supplier / item / contract id (?supplier=... in the URL)."""
    value = st.query_params.get(name)
    if value:
        return value
    return st.session_state.get(f"_selected_{name}") or None


def select(name: str, value: str | None) -> None:
    """Select a supplier / item / contract and put it in the URL."""
    if name not in SELECTIONS:
        raise ValueError(f"unknown selection {name!r}")
    st.session_state[f"_selected_{name}"] = value
    if value:
        st.query_params[name] = value
    elif name in st.query_params:
        del st.query_params[name]


def _filter_params() -> list[tuple[str, str]]:
    """The current filters as the URL writes them (bound widgets store displayed text)."""
    lang_ = lang()
    pairs: list[tuple[str, str]] = []
    if lang_ != "es":
        pairs.append(("lang", _lang_label(lang_)))
    ss = st.session_state
    for name in DATE_FILTERS:
        if ss.get(name):
            pairs.append((name, ss[name].isoformat()))
    for name in LIST_FILTERS:
        for value in ss.get(name) or ():
            pairs.append((name, option_label(name, value, lang_)))
    return pairs


def link_params(**params) -> dict[str, str | list[str]]:
    """Query parameters for st.page_link / st.switch_page: only `params` (e.g. supplier=ID).

    The filters are left out on purpose: they are widgets bound to the URL, which follow the
    user to the next page by themselves (passing them too duplicates them in the URL, and
    st.switch_page refuses them). A link that opens a new session uses link() instead.
    """
    return {k: [str(x) for x in v] if isinstance(v, (list, tuple)) else str(v)
            for k, v in params.items() if v not in (None, "")}


def _query(**params) -> list[tuple[str, str]]:
    pairs = [(k, v) for k, v in _filter_params() if k not in params]
    for key, value in params.items():
        if value is None or value == "":
            continue
        pairs += [(key, str(v)) for v in value] if isinstance(value, (list, tuple)) else [(key, str(value))]
    return pairs


def url_path(page: str) -> str:
    return "" if page == DEFAULT_PAGE else page


def link(page: str, **params) -> str:
    """A relative URL to `page` with the current filters and `params` (e.g. supplier=ID),
    for markdown links and st.column_config.LinkColumn."""
    if page not in PAGES:
        raise ValueError(f"unknown page {page!r}")
    query = urlencode(_query(**params))
    return f"./{url_path(page)}" + (f"?{query}" if query else "")


def links(page: str, name: str, values) -> list[str]:
    """link(page, **{name: v}) for every v of a column, with the filters read once."""
    if page not in PAGES:
        raise ValueError(f"unknown page {page!r}")
    base = urlencode([(k, v) for k, v in _filter_params() if k != name])
    prefix = f"./{url_path(page)}?" + (base + "&" if base else "") + quote_plus(name) + "="
    return [prefix + quote_plus(str(v)) for v in values]


def page_file(page: str) -> str:
    return PAGES[page][0]


def page_exists(page: str) -> bool:
    """Whether the page's file is installed (pages of other owners may not be yet)."""
    from pathlib import Path
    return page in PAGES and (Path(__file__).resolve().parent / PAGES[page][0]).exists()


def go(page: str, **params) -> None:
    """Switch to `page` now with `params` (e.g. supplier=ID) in the URL; the filters follow."""
    st.switch_page(page_file(page), query_params=link_params(**params))
