"""Login gate and roles, through AppTest's simulated `st.user` and secrets.

With an [auth] secrets section nobody sees data before logging in, an account missing
from the roles file is refused, and each role gets exactly its actions. Without one the
dashboard runs in local mode with a visible notice.
"""
from __future__ import annotations

import tomllib

import pytest

from dashboard import auth
from tests.dashboard.conftest import build_tiny, no_exception, run_app, texts

AUTH = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "x" * 32,
        "client_id": "abasto", "client_secret": "secret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}
ROLES = """
[users]
"ana@salud.gob.mx" = "admin"
"jorge@salud.gob.mx" = "analyst"
"Eva@Salud.gob.mx" = "viewer"

[domains]
"imss.gob.mx" = "viewer"
"""
ADMIN, ANALYST, VIEWER, DOMAIN_VIEWER, STRANGER = (
    "ana@salud.gob.mx", "jorge@salud.gob.mx", "eva@salud.gob.mx", "luis@hgz1.imss.gob.mx",
    "mallory@example.com")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return build_tiny(tmp_path_factory.mktemp("auth") / "tiny.duckdb")


@pytest.fixture
def roles_file(tmp_path, monkeypatch):
    path = tmp_path / "roles.toml"
    path.write_text(ROLES, encoding="utf-8")
    monkeypatch.setenv("ABASTO_ROLES", str(path))
    return path


@pytest.fixture
def open_as(tiny, roles_file, monkeypatch, tmp_path):
    """open_as(email | None, page="overview", login=True) -> AppTest after its first run.
    email None with login=True: a visitor who has not logged in."""
    import streamlit as st
    monkeypatch.setenv("ABASTO_DB", str(tiny))
    monkeypatch.setenv("ABASTO_CONFIG", str(tmp_path / "abasto.toml"))

    def run(email, page="overview", login=True, **query):
        st.cache_data.clear()

        def sign_in(at):
            at.secrets["auth"] = dict(AUTH)
            at.user = {"is_logged_in": bool(email), **({"email": email} if email else {})}
        return run_app(page, query, prepare=sign_in if login else None)
    return run


def _buttons(at) -> list[str]:
    return [b.label for b in at.button]


# ---------------------------------------------------------------- the roles file

def test_role_lookup_by_address_then_domain_then_parent_domain(roles_file):
    assert auth.role_for(ADMIN) == "admin"
    assert auth.role_for("ANA@salud.gob.mx ") == "admin"          # case and spaces do not matter
    assert auth.role_for(VIEWER) == "viewer"                      # the file's key was mixed case
    assert auth.role_for("luis@imss.gob.mx") == "viewer"
    assert auth.role_for(DOMAIN_VIEWER) == "viewer"               # a subdomain of a listed domain
    assert auth.role_for(STRANGER) is None
    assert auth.role_for("imss.gob.mx") is None                   # not an address
    assert auth.role_for("x@evilimss.gob.mx") is None             # only whole labels match
    assert auth.role_for(None) is None


def test_an_address_entry_wins_over_its_domain(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text('[users]\n"boss@imss.gob.mx" = "admin"\n[domains]\n"imss.gob.mx" = "viewer"\n')
    assert auth.role_for("boss@imss.gob.mx", path) == "admin"
    assert auth.role_for("other@imss.gob.mx", path) == "viewer"


def test_a_missing_roles_file_grants_nobody(tmp_path):
    assert auth.role_for(ADMIN, tmp_path / "absent.toml") is None


@pytest.mark.parametrize("text, needle", [
    ('[users]\n"a@b.mx" = "superuser"\n', "superuser"),
    ('[people]\n"a@b.mx" = "admin"\n', "people"),
    ('[users\n', "not a valid TOML"),
    ('users = "admin"\n', "[users] must be a table"),
])
def test_a_broken_roles_file_is_a_clear_error(tmp_path, text, needle):
    path = tmp_path / "roles.toml"
    path.write_text(text)
    with pytest.raises(auth.RolesFileError, match="roles.toml") as info:
        auth.read_roles(path)
    assert needle in str(info.value)


def test_the_example_roles_file_is_valid():
    from tests.browser.server import ROOT
    users, domains = auth.read_roles(ROOT / "roles.example.toml")
    assert set(users.values()) | set(domains.values()) <= set(auth.ROLES) and users and domains


def test_roles_are_cumulative():
    assert auth.GRANTS["viewer"] < auth.GRANTS["analyst"] < auth.GRANTS["admin"]
    assert auth.GRANTS["admin"] == set(auth.ACTIONS)
    assert {"import", "settings"}.isdisjoint(auth.GRANTS["analyst"])


# ---------------------------------------------------------------- the gate

def test_local_mode_shows_data_and_says_there_is_no_login(open_as):
    at = open_as(None, login=False)
    no_exception(at)
    assert "Modo local" in "\n".join(c.value for c in at.sidebar.caption)
    assert at.metric                                               # the KPIs are there


def test_before_login_no_data_is_shown(open_as):
    at = open_as(None)
    no_exception(at)
    assert not at.metric and not at.dataframe and not at.get("plotly_chart")
    assert "Iniciar sesión" in _buttons(at)
    assert "requiere iniciar sesión" in texts(at)
    assert "Perfecto" not in texts(at)                             # no supplier name leaks


def test_an_unlisted_account_is_refused_politely_with_a_logout_button(open_as):
    at = open_as(STRANGER)
    no_exception(at)
    assert not at.metric and not at.dataframe
    assert STRANGER in texts(at) and "no tiene acceso" in texts(at)
    assert "Cerrar sesión" in _buttons(at)


def test_a_listed_account_sees_data_and_its_role(open_as):
    at = open_as(DOMAIN_VIEWER)
    no_exception(at)
    assert at.metric
    assert f"Sesión: {DOMAIN_VIEWER} (consulta)" in [c.value for c in at.sidebar.caption]


def test_a_broken_roles_file_stops_the_app_with_a_message(open_as, roles_file):
    roles_file.write_text('[users]\n"ana@salud.gob.mx" = "root"\n')
    at = open_as(ADMIN)
    assert not at.metric
    assert any("root" in e.value for e in at.error)


# ---------------------------------------------------------------- what each role may do

def test_a_viewer_cannot_compare_import_report_or_change_settings(open_as):
    compare = open_as(VIEWER, "compare")
    no_exception(compare)
    assert "no permite comparar" in texts(compare) and not compare.get("plotly_chart")

    data_page = open_as(VIEWER, "data")
    no_exception(data_page)
    assert not data_page.get("file_uploader")                      # no upload ...
    assert "no permite importar" in texts(data_page)
    assert data_page.dataframe                                     # ... but history and coverage

    scorecard = open_as(VIEWER, "scorecard", supplier="P")
    no_exception(scorecard)
    assert scorecard.metric
    assert not [b for b in scorecard.get("download_button") if "pdf" in str(b.proto.label).lower()]

    admin = open_as(VIEWER, "admin")
    assert "no permite cambiar pesos" in texts(admin) and not admin.get("number_input")


def test_an_analyst_compares_and_reports_but_does_not_import(open_as):
    compare = open_as(ANALYST, "compare")
    no_exception(compare)
    assert "no permite" not in texts(compare)
    scorecard = open_as(ANALYST, "scorecard", supplier="P")
    assert [b for b in scorecard.get("download_button") if "pdf" in str(b.proto.label).lower()]
    data_page = open_as(ANALYST, "data")
    assert not data_page.get("file_uploader")
    assert not open_as(ANALYST, "admin").get("number_input")


def test_an_admin_imports_and_edits_settings(open_as):
    data_page = open_as(ADMIN, "data")
    no_exception(data_page)
    assert data_page.file_uploader(key="data_upload")
    admin = open_as(ADMIN, "admin")
    no_exception(admin)
    assert admin.number_input(key="admin_weight_delivery").value == 35.0
    # every field is labelled in words (the abasto.toml key is in its help), not by its key
    labels = [n.label for n in admin.number_input]
    assert len(labels) == 20 and "Peso: entrega a tiempo y completa (OTIF)" in labels
    assert not [x for x in labels if "_" in x]
    assert "en abasto.toml: weight_delivery" in admin.number_input(key="admin_weight_delivery").help


# ---------------------------------------------------------------- the settings page

def test_the_admin_page_saves_valid_settings(open_as, tmp_path):
    at = open_as(ADMIN, "admin")
    at.number_input(key="admin_weight_price").set_value(20.0)
    at.number_input(key="admin_tier_a").set_value(90.0)
    at.button(key="FormSubmitter:admin_settings-Guardar").click().run()
    no_exception(at)
    assert any("guardados" in s.value for s in at.success)
    saved = tomllib.loads((tmp_path / "abasto.toml").read_text())["settings"]
    assert saved == {"weight_price": 20.0, "tier_a": 90.0}         # only what differs from defaults
    from metrics.settings import load_settings
    assert load_settings(tmp_path / "abasto.toml").tier_a == 90.0


def test_the_admin_page_rejects_inconsistent_settings_and_writes_nothing(open_as, tmp_path):
    at = open_as(ADMIN, "admin")
    at.number_input(key="admin_tier_b").set_value(95.0)            # B above A
    at.button(key="FormSubmitter:admin_settings-Guardar").click().run()
    assert any("No se guardó nada" in e.value and "tier_a" in e.value for e in at.error)
    assert not (tmp_path / "abasto.toml").exists()
