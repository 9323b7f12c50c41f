"""Who is using this session: open local mode, a wall token, OIDC (st.login) or a password — and the sign-in
form when someone must sign in. The rights themselves are checked on every write by pac_core/access.py."""

import os
import secrets
from typing import NamedTuple

import streamlit as st
from streamlit import config

from pac_core import accounts, sign_ins, web_sessions
from pac_core.access import local_user
from pac_core.accounts import Principal
from pac_core.http_guard import SESSION_ROUTE

TOKEN_PARAM = "jeton"
_KEY = "signed_in"  # Held in st.session_state


PRINCIPAL = "principal"  # st.session_state: who this run acts for (set by app.py)


def current_user() -> Principal | None:
    """Who the pages act for, for the write guard (pac_core/access.py checks it against the database)."""
    return st.session_state.get(PRINCIPAL)


def oidc_configured() -> bool:
    """OIDC is on when the deployment's secrets.toml has an [auth] section (Streamlit's st.login)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def current_principal(store) -> Principal | None:
    """The principal of this session, or None after drawing what is needed to sign in (the caller stops)."""
    if accounts.open_mode(store):
        return accounts.local_admin(local_user())
    token = st.query_params.get(TOKEN_PARAM)
    if token:
        principal = accounts.principal_for_token(store, token)
        if principal is None:
            st.error("Ce lien d'écran mural n'est pas (ou plus) valable : demandez-en un nouveau à un "
                     "administrateur de PAC Pilot.", icon=":material/key_off:")
        return principal
    if oidc_configured():
        return _oidc(store)
    return _password_session(store)


def still_allowed(store, principal: Principal) -> bool:
    """For pages that redraw by themselves (the wall): the token or account is still valid."""
    if principal.via == accounts.LOCAL_ADMIN_VIA:
        return accounts.open_mode(store)
    if principal.via == "wall":
        return accounts.principal_for_token(store, st.query_params.get(TOKEN_PARAM, "")) is not None
    return True


def _oidc(store) -> Principal | None:
    if not st.user.is_logged_in:
        st.title("PAC Pilot")
        st.button("Se connecter", on_click=st.login, type="primary", icon=":material/login:")
        return None
    principal = accounts.principal_for_oidc(store, st.user.get("email", ""))
    if principal is None:
        st.error("Votre compte n'a pas accès à PAC Pilot : demandez à un administrateur de l'ajouter.")
        st.button("Se déconnecter", on_click=st.logout)
        return None
    held = st.session_state.get(_KEY)  # Streamlit checks the OIDC identity itself; our cookie lets it upload
    if held is None or web_sessions.principal_for(store, held.token) is None:
        token = web_sessions.open_session(store, principal)
        st.session_state[_KEY] = Held(principal, token, _connection())
        st.session_state[_HANDOFF] = web_sessions.HANDOFF.issue(token)
    _hand_off_cookie()
    return principal


class Held(NamedTuple):
    """A signed-in session: who, the secret of their web session, and the browser connection that signed in."""

    principal: Principal
    token: str
    connection: str | None


def _connection() -> str | None:
    """A mark of the browser connection running this script. Streamlit lets a second browser reconnect to a
    session by its id; that browser is another connection, and it must show its own session cookie. None
    where there is no connection at all (AppTest)."""
    try:
        from streamlit import runtime
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        context = get_script_run_ctx()
        client = runtime.get_instance().get_client(context.session_id) if context and runtime.exists() else None
    except Exception:  # noqa: BLE001 - no runtime: no connection to tell apart
        return None
    if client is None:
        return None
    mark = getattr(client, "_pac_connection", None)
    if mark is not None and not isinstance(mark, str):
        return None  # AppTest's stand-in runtime: no real connection either
    if mark is None:
        mark = secrets.token_hex(16)
        client._pac_connection = mark
    return mark


def _cookie() -> str | None:
    try:
        value = st.context.cookies.get(web_sessions.COOKIE)
    except Exception:  # noqa: BLE001 - no request behind this run (AppTest)
        return None
    return value if isinstance(value, str) else None


def _password_session(store) -> Principal | None:
    """The principal of this browser: its own session cookie, or the sign-in this very connection made.
    Never the Streamlit session alone: its id is no credential."""
    connection, held = _connection(), st.session_state.get(_KEY)
    if held is not None and held.connection != connection:
        del st.session_state[_KEY]  # another browser reconnected with this session's id
        held = None
    cookie = _cookie()
    if held is None and cookie:
        principal = web_sessions.principal_for(store, cookie)
        if principal is not None:
            st.session_state[_KEY] = Held(principal, cookie, connection)
            return principal
    if held is not None:
        principal = web_sessions.principal_for(store, held.token)
        if principal is not None:
            st.session_state[_KEY] = held._replace(principal=principal)  # a changed role counts at once
            _hand_off_cookie()
            return principal
        del st.session_state[_KEY]
        st.info("Votre session a expiré : reconnectez-vous.", icon=":material/schedule:")
    _sign_in_form(store)
    return None


_HANDOFF = "cookie_code"  # st.session_state: the one-time code of the cookie still to set


def _hand_off_cookie() -> None:
    """Right after signing in: the browser fetches the server's route, which sets the HttpOnly session cookie
    from a one-time code (pac_core/http_guard.py) — a reload then finds the person still signed in."""
    code = st.session_state.pop(_HANDOFF, None)
    if code:
        base = "/" + (config.get_option("server.baseUrlPath") or "").strip("/")
        src = f"{base.rstrip('/')}{SESSION_ROUTE}?code={code}"
        st.html(f'<img src="{src}" alt="" width="1" height="1" style="position:absolute;opacity:0">')


def _sign_in_form(store) -> None:
    middle = st.columns([2, 3, 2])[1]  # a form of a sensible width on a wide screen, the name just above it
    middle.title("PAC Pilot")
    with middle, st.form("connexion"):
        st.subheader("Connexion")
        name = st.text_input("Identifiant")
        password = st.text_input("Mot de passe", type="password")
        if st.form_submit_button("Se connecter", type="primary"):
            attempt = sign_ins.attempt(store, name, password, _address())
            if attempt.principal is None:
                st.error(attempt.message)
            else:
                token = web_sessions.open_session(store, attempt.principal)
                st.session_state[_KEY] = Held(attempt.principal, token, _connection())
                st.session_state[_HANDOFF] = web_sessions.HANDOFF.issue(token)
                st.rerun()


def _address() -> str:
    """The client's address, or the one its trusted proxy saw (PAC_PROXIES: sign_ins.client_address)."""
    try:
        return sign_ins.client_address(st.context.ip_address or "", st.context.headers.get("X-Forwarded-For"),
                                       os.environ.get("PAC_PROXIES"))
    except Exception:  # noqa: BLE001
        return ""


def sign_out(store=None) -> None:
    held = st.session_state.pop(_KEY, None)
    if held is not None and store is not None:
        web_sessions.close_session(store, held.token)
    if oidc_configured() and st.user.is_logged_in:
        st.logout()


def account_box(principal: Principal) -> None:
    """In the sidebar: who is signed in and the way out — or, in open local mode, that anyone may do anything."""
    if principal.via == accounts.LOCAL_ADMIN_VIA:
        st.sidebar.caption("Mode local ouvert : pas de comptes, tout le monde peut tout faire. Créez un compte "
                           "admin (page Comptes) pour le fermer.")
        return
    st.sidebar.caption(f"Connecté : {principal.name} ({principal.role})")
    if principal.via != "wall" and st.sidebar.button("Se déconnecter", icon=":material/logout:"):
        sign_out(st.session_state.get("store"))
        st.rerun()
