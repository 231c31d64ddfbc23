"""Who may see and do what in the dashboard.

Login is optional. When `.streamlit/secrets.toml` has an `[auth]` section (OpenID Connect,
see docs/security.md), nobody sees any data before logging in through `st.login`, and a
logged-in account needs a role in the roles file (ABASTO_ROLES, default ./roles.toml):

    [users]                       # exact e-mail addresses (win over domains)
    "ana.lopez@imss.gob.mx" = "admin"
    [domains]                     # everyone whose e-mail ends in @<domain>
    "imss.gob.mx" = "viewer"

Without `[auth]` the dashboard runs in local mode (bound to 127.0.0.1 by
.streamlit/config.toml): no login, full rights, and a visible notice saying so.

Roles are cumulative: a viewer browses and exports, an analyst also compares and builds
reports, an admin also imports data and changes the methodology settings.
"""
from __future__ import annotations

import os
import tomllib
from pathlib import Path

import streamlit as st

from dashboard.i18n import t
from metrics.exceptions import AbastoError

ROLES = ("viewer", "analyst", "admin")
ACTIONS = ("browse", "export", "compare", "report", "import", "settings")
GRANTS: dict[str, frozenset[str]] = {
    "viewer": frozenset({"browse", "export"}),
    "analyst": frozenset({"browse", "export", "compare", "report"}),
    "admin": frozenset(ACTIONS),
}
LOCAL_ROLE = "admin"           # local mode: the person at the machine owns the data


class RolesFileError(AbastoError):
    """The roles file cannot be read or names an unknown role."""


def roles_path() -> Path:
    return Path(os.environ.get("ABASTO_ROLES", "roles.toml"))


def read_roles(path: Path | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """(users, domains) of the roles file, keys lower-cased; a missing file grants nobody."""
    path = path or roles_path()
    if not path.exists():
        return {}, {}
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RolesFileError(f"{path}: not a valid TOML file ({exc})") from None
    unknown = set(doc) - {"users", "domains"}
    if unknown:
        raise RolesFileError(f"{path}: unknown section(s) {sorted(unknown)}; use [users] and [domains]")
    tables = []
    for section in ("users", "domains"):
        entries = doc.get(section, {})
        if not isinstance(entries, dict):
            raise RolesFileError(f"{path}: [{section}] must be a table of \"name\" = \"role\"")
        for name, role_ in entries.items():
            if role_ not in ROLES:
                raise RolesFileError(f"{path}: [{section}] {name!r} has role {role_!r}; "
                                     f"use one of {', '.join(ROLES)}")
        tables.append({str(k).strip().lower().lstrip("@"): v for k, v in entries.items()})
    return tables[0], tables[1]


def role_for(email: str | None, path: Path | None = None) -> str | None:
    """The role of an e-mail address: its own entry, else its domain's (or a parent
    domain's: "gob.mx" covers "imss.gob.mx"), else None."""
    if not email or "@" not in email:
        return None
    users, domains = read_roles(path)
    email = email.strip().lower()
    if email in users:
        return users[email]
    domain = email.rsplit("@", 1)[1]
    while domain:
        if domain in domains:
            return domains[domain]
        domain = domain.partition(".")[2]
    return None


# ---------------------------------------------------------------- inside Streamlit

def login_configured() -> bool:
    """True when the secrets hold an [auth] section (st.secrets raises without a file)."""
    try:
        return "auth" in st.secrets
    except Exception:
        return False


def _provider() -> str | None:
    """None for a single [auth] provider; else the name of the first [auth.<name>] section."""
    try:
        section = st.secrets["auth"]
    except Exception:
        return None
    if "client_id" in section:
        return None
    for name, value in section.items():
        if hasattr(value, "items"):
            return name
    return None


def email() -> str | None:
    """The logged-in account's e-mail (None in local mode or before login)."""
    if not login_configured():
        return None
    user = st.user
    if not user.get("is_logged_in"):
        return None
    return user.get("email")


def role() -> str | None:
    """'viewer' | 'analyst' | 'admin', or None (not logged in, or not in the roles file)."""
    if not login_configured():
        return LOCAL_ROLE
    return role_for(email())


def can(action: str) -> bool:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; one of {ACTIONS}")
    current = role()
    return current is not None and action in GRANTS[current]


def allowed(action: str) -> bool:
    """can(action), and when not, a polite note saying who may (the page goes on)."""
    if can(action):
        return True
    st.info(t("auth.not_allowed", action=t(f"auth.action.{action}"),
              role=t(f"auth.role.{role()}") if role() else "—"), icon=":material/lock:")
    return False


def require(action: str) -> None:
    """Stop the page here, politely, unless the current role may do `action`."""
    if not allowed(action):
        st.stop()


def _login_screen() -> None:
    st.title("Abasto")
    st.info(t("auth.login_needed"), icon=":material/lock:")
    provider = _provider()
    st.button(t("auth.login"), type="primary", icon=":material/login:", key="auth_login",
              on_click=st.login, args=(provider,) if provider else ())
    st.stop()


def _refusal(address: str | None) -> None:
    st.title("Abasto")
    st.warning(t("auth.refused", email=address or "—", file=roles_path().name), icon=":material/block:")
    st.button(t("auth.logout"), key="auth_logout_refused", on_click=st.logout)
    st.stop()


def gate() -> None:
    """Call first on every run (dashboard/app.py does). Local mode: a notice. With login:
    the login screen, or the refusal, or the account and its role in the sidebar."""
    if not login_configured():
        st.sidebar.caption(t("app.local_mode"))
        return
    if not st.user.get("is_logged_in"):
        _login_screen()
    address = email()
    try:
        current = role_for(address)
    except RolesFileError as exc:
        st.error(t("auth.roles_broken", message=exc))
        st.stop()
    if current is None:
        _refusal(address)
    st.sidebar.caption(t("auth.signed_in", email=address, role=t(f"auth.role.{current}")))
    st.sidebar.button(t("auth.logout"), key="auth_logout", on_click=st.logout,
                      icon=":material/logout:")
