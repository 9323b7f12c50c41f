"""Who is using this session: open local mode, a wall token, OIDC (st.login) or a password — and the sign-in
form when someone must sign in. The rights themselves are checked on every write by pac_core/access.py."""

import os

import streamlit as st

from pac_core import accounts, clock
from pac_core.access import local_user
from pac_core.accounts import Principal

SESSION_HOURS = float(os.environ.get("PAC_SESSION_HOURS", "12"))
TOKEN_PARAM = "jeton"
_KEY = "signed_in"  # (Principal, signed-in time) in st.session_state


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
    return principal


def _password_session(store) -> Principal | None:
    held = st.session_state.get(_KEY)
    now = clock.now()
    if held is not None:
        principal, since = held
        if accounts.session_expired(since, now, SESSION_HOURS) or not _still_active(store, principal):
            del st.session_state[_KEY]
            st.info("Votre session a expiré : reconnectez-vous.", icon=":material/schedule:")
        else:
            return principal
    _sign_in_form(store)
    return None


def _still_active(store, principal: Principal) -> bool:
    return accounts.current_role(store, principal) == principal.role


def _sign_in_form(store) -> None:
    st.title("PAC Pilot")
    with st.columns([2, 3, 2])[1], st.form("connexion"):  # a form of a sensible width on a wide screen
        st.subheader("Connexion")
        name = st.text_input("Identifiant")
        password = st.text_input("Mot de passe", type="password")
        if st.form_submit_button("Se connecter", type="primary"):
            principal = accounts.sign_in(store, name, password)
            if principal is None:
                st.error("Identifiant ou mot de passe incorrect.")
            else:
                st.session_state[_KEY] = (principal, clock.now())
                st.rerun()


def sign_out() -> None:
    st.session_state.pop(_KEY, None)
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
        sign_out()
        st.rerun()
