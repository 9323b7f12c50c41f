"""Comptes: accounts and their roles, and the links of the wall screens. Every change goes through the guard
of pac_core/access.py (admins only); this page is listed for admins, but hiding it is not what protects it."""

import pandas as pd
import streamlit as st

from pac_core import access, accounts, clock, sign_ins, web_sessions
from pac_core.accounts import ROLES, AccountError
from pac_core.notify import reminders
from ui import context
from ui.login import TOKEN_PARAM, current_user
from ui.widgets import page_header, plain, text_dataframe

store = st.session_state["store"]
who = current_user()
page_header("Comptes et écrans muraux", context.scope())
if accounts.open_mode(store):
    st.warning("Mode local ouvert : aucun compte n'existe, toute personne qui atteint PAC Pilot peut tout faire. "
               "Créez un premier compte admin ci-dessous (ou `python -m pac_core user add NOM --role admin`) : "
               "il faudra ensuite se connecter.", icon=":material/lock_open:")

ROLE_HELP = ("lecteur : consulte les écrans et le mur · éditeur : importe le réalisé, les objectifs et le pipeline · "
             "admin : modifie le plan, les versions, annule des imports, gère les comptes")


def _do(action, success=None):
    """Run one guarded write, its refusal shown in French; `success` is the sentence, or makes it from the
    action's result. Returns that result (None when refused)."""
    try:
        result = action()
    except (access.WriteRefused, AccountError, reminders.ContactError) as exc:
        st.error(plain(str(exc)))
        return None
    if success is not None:
        st.success(success(result) if callable(success) else success)
    return result


st.subheader("Comptes")
frame = accounts.accounts(store)
if len(frame):
    shown = frame.assign(
        etat=["désactivé" if disabled == disabled and disabled else "actif" for disabled in frame["disabled_at"]],
        connexion=["mot de passe" if has else "OIDC" for has in frame["has_password"]])
    text_dataframe(shown[["username", "role", "connexion", "etat", "created_by"]].rename(columns={
        "username": "Identifiant", "role": "Rôle", "connexion": "Connexion", "etat": "État", "created_by": "Créé par"}),
        {"Identifiant": "medium"}, key="comptes")
with st.form("nouveau_compte", clear_on_submit=True):
    st.markdown("**Nouveau compte**")
    name = st.text_input("Identifiant (ou adresse e-mail pour une connexion OIDC)")
    role = st.selectbox("Rôle", ROLES, help=ROLE_HELP)
    password = st.text_input("Mot de passe (au moins 10 caractères ; vide : connexion OIDC)", type="password")
    if st.form_submit_button("Créer le compte", icon=":material/person_add:"):
        _do(lambda: access.add_account(store, name, role, password or None, who),
            f"Compte « {name} » créé ({role}).")
active = frame[frame["disabled_at"].isna()]["username"].tolist() if len(frame) else []
if active:
    with st.form("changer_compte"):
        st.markdown("**Changer un compte**")
        chosen = st.selectbox("Compte", active)
        new_role = st.selectbox("Nouveau rôle", ROLES)
        left, right = st.columns(2)
        if left.form_submit_button("Changer le rôle"):
            _do(lambda: access.set_role(store, chosen, new_role, who), f"« {chosen} » est maintenant {new_role}.")
        if right.form_submit_button("Désactiver le compte", type="secondary"):
            _do(lambda: access.disable_account(store, chosen, who), f"Compte « {chosen} » désactivé.")

st.subheader("Adresses e-mail")
st.caption("Qui reçoit les relances, les alertes, la revue et le résumé du lundi (`python -m pac_core envoyer`) : "
           "les responsables tels que le plan les écrit, et les comptes.")
addresses = reminders.emails(store)
names = reminders.contact_names(store)
if addresses:
    text_dataframe(pd.DataFrame({"Nom": list(addresses), "Adresse": list(addresses.values())}), {"Nom": "medium"},
                   key="adresses")
with st.form("adresse"):
    left, right = st.columns(2)
    named = left.selectbox("Responsable ou compte", names, index=None, placeholder="Choisissez…",
                           accept_new_options=True)
    email = right.text_input("Adresse (vide : la retirer)")
    if st.form_submit_button("Enregistrer l'adresse", icon=":material/alternate_email:") and named:
        _do(lambda: access.set_email(store, named, email, who),
            f"Adresse de « {named} » retirée." if not email.strip() else f"« {named} » : {email.strip()}.")

known = sorted(reminders.emails(store))  # read again: an address saved just above counts
if not known:
    st.caption("Les destinataires de la direction et de la revue se choisissent parmi les adresses données ci-dessus.")
else:
    with st.form("listes"):
        st.markdown("**Destinataires**")
        lists = {name: [member for member in reminders.list_members(store, name) if member in known]
                 for name in ("direction", "revue")}
        chosen_direction = st.multiselect("La direction (alertes de retard, résumé du lundi)", known,
                                          default=lists["direction"],
                                          placeholder="Choisissez parmi les adresses ci-dessus…")
        chosen_review = st.multiselect("Les participants de la revue (son PDF, une fois le commentaire enregistré)",
                                       known, default=lists["revue"],
                                       placeholder="Choisissez parmi les adresses ci-dessus…")
        if st.form_submit_button("Enregistrer les destinataires", icon=":material/group:"):
            _do(lambda: (access.set_list(store, "direction", chosen_direction, who),
                         access.set_list(store, "revue", chosen_review, who)), "Destinataires enregistrés.")

st.subheader("Envois")
st.caption("Chaque message, une seule fois dans la file ; un serveur injoignable est réessayé 5, 10, 20 puis "
           "40 minutes plus tard.")
try:
    sent = access.outbox_states(store, who)
except access.WriteRefused as exc:
    st.error(plain(str(exc)))
    sent = pd.DataFrame()
if len(sent):
    state = [("à envoyer" if outcome != outcome or outcome is None else
              "interrompu (arrivé ou non ?)" if outcome == "en cours" else outcome) for outcome in sent["outcome"]]
    text_dataframe(pd.DataFrame({
        "N°": sent["message_id"].astype(str), "Sorte": sent["kind"], "Canal": sent["channel"],
        "Objet": sent["subject"], "État": state, "Raison": sent["reason"].fillna(""),
        "Mis en file": [clock.local(stamp).strftime("%d/%m/%Y %H:%M") for stamp in sent["queued_at"]]}),
        {"Objet": "large", "Raison": "large"}, key="envois")
else:
    st.caption("Rien n'a encore été mis dans la file.")

st.subheader("Écrans muraux")
st.caption("Un écran mural reçoit un lien secret à lui : il voit le mur, en lecture seule, sans connexion qui "
           "expire. Révoquez le lien d'un écran perdu ou remplacé.")
with st.form("nouveau_jeton", clear_on_submit=True):
    label = st.text_input("Nom de l'écran", placeholder="Couloir du 2e étage")
    if st.form_submit_button("Créer un lien d'écran", icon=":material/tv:"):
        secret = _do(lambda: access.add_wall_token(store, label, who),
                     "Lien créé. Copiez-le maintenant : il ne sera plus jamais affiché.")
        if secret:
            st.code(f"/mural?embed=true&{TOKEN_PARAM}={secret}", language=None)
tokens = accounts.wall_tokens(store)
if len(tokens):
    tokens = tokens.assign(etat=["révoqué" if revoked == revoked and revoked else "actif"
                                 for revoked in tokens["revoked_at"]])
    text_dataframe(tokens[["token_id", "label", "created_by", "etat"]].rename(columns={
        "token_id": "N°", "label": "Écran", "created_by": "Créé par", "etat": "État"}), {"Écran": "medium"},
        key="jetons")
    live = tokens[tokens["etat"] == "actif"]
    if len(live):
        with st.form("revoquer"):
            token_id = st.selectbox("Lien à révoquer", live["token_id"].tolist(),
                                    format_func=lambda i: f"n° {i} · {live.set_index('token_id').loc[i, 'label']}")
            if st.form_submit_button("Révoquer", icon=":material/key_off:"):
                _do(lambda: access.revoke_wall_token(store, int(token_id), who),
                    f"Lien n° {token_id} révoqué : l'écran ne montre plus rien.")

st.subheader("Connexions")
st.caption(f"Après deux essais manqués, chaque nouvel essai attend deux fois plus longtemps (jusqu'à une minute) ; "
           f"après {sign_ins.LOCK_AFTER}, l'identifiant — ou l'adresse d'où viennent les essais — est bloqué "
           f"{sign_ins.LOCK_MINUTES} min. Une connexion dure {web_sessions.HOURS:g} h au plus, même après un "
           "rechargement de la page ; fermez les sessions d'un compte dont l'ordinateur a été perdu.")
open_sessions = web_sessions.active_sessions(store)
if len(open_sessions):
    text_dataframe(open_sessions.assign(last_sign_in=[f"{clock.local(stamp):%d/%m/%Y %H:%M}"
                                                      for stamp in open_sessions["last_sign_in"]]).rename(columns={
        "username": "Identifiant", "sessions": "Sessions ouvertes", "last_sign_in": "Dernière connexion"}),
        {"Identifiant": "medium"}, key="sessions")
    with st.form("fermer_sessions"):
        account = st.selectbox("Compte", open_sessions["username"].tolist())
        if st.form_submit_button("Fermer toutes ses sessions", icon=":material/logout:"):
            _do(lambda: access.close_sessions(store, account, who),
                lambda closed: f"{closed} session(s) de « {account} » fermée(s) : il faudra se reconnecter.")
else:
    st.caption("Aucune session ouverte.")
try:
    attempts = access.sign_in_log(store, who, limit=200)
except access.WriteRefused as exc:
    st.error(plain(str(exc)))
else:
    OUTCOMES = {"réussie": "✓ réussie", "refusée": "✗ mot de passe refusé", "bloquée": "⏸ refusée sans vérifier (attente)"}
    if len(attempts):
        latest = "dernière tentative" if len(attempts) == 1 else "dernières tentatives"
        st.markdown(f"**Journal des connexions** ({len(attempts)} {latest})")
        text_dataframe(pd.DataFrame({
            "Date": [f"{clock.local(stamp):%d/%m/%Y %H:%M:%S}" for stamp in attempts["attempted_at"]],
            "Identifiant saisi": attempts["username"],
            "Adresse": [address or "locale" for address in attempts["address"]],  # Streamlit gives none for localhost
            "Résultat": [OUTCOMES.get(outcome, outcome) for outcome in attempts["outcome"]]}),
            {"Identifiant saisi": "medium"}, key="connexions")
    else:
        st.caption("Aucune tentative de connexion enregistrée.")
