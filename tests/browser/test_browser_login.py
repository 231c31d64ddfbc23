"""Signing in for real: OpenID Connect against a mock provider on loopback
(oidc-provider-mock), the dashboard started from a working folder whose
.streamlit/secrets.toml points at it, and Chromium clicking through the provider's form.
"""
from __future__ import annotations

import secrets
import shutil

import pytest

from tests.browser.conftest import CHART, WAIT_MS, no_exception
from tests.browser.server import APP, ROOT, free_port, serve

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"),
              # authlib (used by Streamlit's login and by the mock provider) warns about itself
              pytest.mark.filterwarnings("ignore::DeprecationWarning"),
              pytest.mark.filterwarnings("ignore:The httpx module is deprecated")]

ADMIN = "ana.lopez@salud.gob.mx"
STRANGER = "mallory@example.com"


@pytest.fixture(scope="module")
def provider():
    oidc = pytest.importorskip("oidc_provider_mock")
    users = [oidc.User(sub=ADMIN, claims={"email": ADMIN, "name": "Ana López"})]
    with oidc.run_server_in_thread(port=0, user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def served_login(provider, demo_db, tmp_path_factory):
    """The dashboard with login configured (secrets.toml in its working folder)."""
    folder = tmp_path_factory.mktemp("login_app")
    port = free_port()
    (folder / ".streamlit").mkdir()
    shutil.copyfile(ROOT / ".streamlit" / "config.toml", folder / ".streamlit" / "config.toml")
    (folder / ".streamlit" / "secrets.toml").write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        'client_id = "abasto-tests"\n'
        'client_secret = "not-a-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n', encoding="utf-8")
    roles = folder / "roles.toml"
    roles.write_text(f'[users]\n"{ADMIN}" = "admin"\n[domains]\n"imss.gob.mx" = "viewer"\n')
    env = {"ABASTO_DB": str(demo_db), "ABASTO_CONFIG": str(folder / "abasto.toml"),
           "ABASTO_ROLES": str(roles)}
    with serve(APP, env=env, cwd=folder, port=port, log=folder / "streamlit.log") as url:
        yield url


def _sign_in(tab, served_login, account: str) -> None:
    tab.goto(served_login + "/")
    tab.wait_for_selector("text=requiere iniciar sesión")
    assert tab.locator('[data-testid="stMetric"]').count() == 0          # nothing before login
    assert tab.locator('[data-testid="stPlotlyChart"]').count() == 0
    tab.locator('[data-testid="stButton"] button').filter(has_text="Iniciar sesión").click()
    tab.wait_for_selector("text=Authorize Client", timeout=WAIT_MS)       # the provider's form
    tab.fill('input[name="sub"]', account)
    tab.locator('button[type="submit"]').filter(has_text="Authorize").click()


def test_an_admin_signs_in_and_sees_the_data(page, served_login):
    _sign_in(page, served_login, ADMIN)
    page.wait_for_url(served_login + "/**")
    page.wait_for_selector(CHART)
    page.wait_for_selector(f"text=Sesión: {ADMIN} (administración)")
    assert page.locator('[data-testid="stMetric"]').count() > 0
    page.goto(served_login + "/admin")                                 # admins reach Ajustes
    page.wait_for_selector("h1:has-text('Ajustes de la metodología')")
    page.wait_for_selector('[data-testid="stNumberInput"]')
    no_exception(page)


def test_an_unlisted_account_is_refused_after_signing_in(page, served_login):
    _sign_in(page, served_login, STRANGER)
    page.wait_for_selector("text=no tiene acceso")
    assert STRANGER in page.locator('[data-testid="stMain"]').inner_text()
    assert page.locator('[data-testid="stMetric"]').count() == 0
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 0
    page.goto(served_login + "/suppliers")                             # no way around it by URL
    page.wait_for_selector("text=no tiene acceso")
    assert page.locator('[data-testid="stDataFrame"]').count() == 0
    page.locator('[data-testid="stButton"] button').filter(has_text="Cerrar sesión").click()
    page.locator("button").filter(has_text="End session").click()      # the provider's confirmation
    page.wait_for_url(served_login + "/**")
    page.goto(served_login + "/")
    page.wait_for_selector("text=requiere iniciar sesión")              # signed out
