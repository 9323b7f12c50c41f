"""The one server-side guard in front of every write the app makes: imports (our files and mapped foreign
files), undo, plan versions, review comments, accounts and wall tokens. Hiding a button is not a guard: each
write function here checks who is acting against the database before anything is written.

Roles (pac_core/accounts.py): a lecteur — and a wall screen — writes nothing; an éditeur imports results,
targets and pipeline, and comments the review; an admin also changes the plan (actions, strategic objectives,
plan versions), undoes imports and manages accounts and tokens. Without any account (open local mode) whoever
reaches the app acts as a local admin, recorded under the server's OS user.
"""

from pac_core import accounts, sign_ins, web_sessions
from pac_core.accounts import ADMIN, EDITEUR, Principal
from pac_core.mapping.model import Mapping
from pac_core.store import ImportOutcome, Store, StoreError, os_user
from pac_core.validate import Validation

LOCAL_USER = "local"
PLAN_TABLES = {"actions", "strategic_objectives"}  # importing these changes the plan itself
_ROLE_WORDS = {EDITEUR: "éditeur", ADMIN: "admin"}


class WriteRefused(Exception):
    """This user may not change the data; str(exc) is one French sentence."""


def local_user() -> str:
    """The name recorded in open local mode: the OS user running the app, else "local"."""
    return os_user(LOCAL_USER)


def require(store: Store, who: Principal | None, role: str, what: str) -> str:
    """The name to record for `who` doing `what` (which needs `role`), or WriteRefused. Roles are read from the
    database at the moment of the write: a disabled account or a changed role counts at once."""
    if accounts.open_mode(store):
        return who.name if who is not None and who.name.strip() else local_user()
    if who is None or who.via == accounts.LOCAL_ADMIN_VIA:
        raise WriteRefused(f"Connectez-vous pour {what}.")
    current = accounts.current_role(store, who)
    if current is None:
        raise WriteRefused(f"« {who.name} » n'a plus accès à PAC Pilot : reconnectez-vous.")
    if not Principal(who.name, current, who.via).at_least(role):
        raise WriteRefused(f"« {who.name} » ({current}) ne peut pas {what} : il faut le rôle "
                           f"{_ROLE_WORDS[role]}. Demandez-le à un administrateur.")
    return who.name


def _import_rights(validation: Validation) -> tuple[str, str]:
    tables = set(validation.batch.tables) if validation.batch is not None else set()
    if tables & PLAN_TABLES or (validation.batch is not None and validation.batch.new_metrics):
        return ADMIN, "importer ce fichier, qui modifie le plan (actions, objectifs stratégiques ou indicateurs)"
    return EDITEUR, "importer des données"


def import_validated(store: Store, validation: Validation, who: Principal | None = None) -> ImportOutcome:
    """Import checked files from the app, after the guard."""
    name = require(store, who, *_import_rights(validation))
    if validation.batch is None:
        raise ValueError("a refused validation cannot be imported")
    return store.import_batch(validation.batch, user=name, origin="app", warnings=len(validation.warnings))


def import_mapped(store: Store, validation: Validation, mapping: Mapping, name: str,
                  who: Principal | None = None) -> ImportOutcome:
    """Import a foreign file read through `mapping`, after the guard, and save the mapping under `name` so
    that next month's file with the same columns is mapped by itself. The name is checked before anything
    is written."""
    writer = require(store, who, *_import_rights(validation))
    if validation.batch is None:
        raise ValueError("a refused validation cannot be imported")
    if not " ".join(str(name).split()):
        raise StoreError("Donnez un nom à la correspondance pour l'enregistrer.")
    outcome = store.import_batch(validation.batch, user=writer, origin="app", warnings=len(validation.warnings))
    store.save_mapping(name, mapping, writer)
    return outcome


def undo_import(store: Store, import_id: int, who: Principal | None = None) -> str:
    """Undo an import from the app, after the guard; returns the store's French sentence."""
    return store.undo(import_id, user=require(store, who, ADMIN, "annuler un import"))


def save_plan_version(store: Store, who: Principal | None = None, **revision) -> tuple[int, int]:
    """Save the quarterly review's decisions as a new plan version, after the guard (Store.save_plan_version)."""
    return store.save_plan_version(**revision, user=require(store, who, ADMIN, "enregistrer une version du plan"))


def save_review_comment(store: Store, month, text: str, who: Principal | None = None) -> None:
    """The monthly review's comment, after the guard."""
    store.save_review_comment(month, text, user=require(store, who, EDITEUR, "commenter la revue"))


# -- accounts and wall tokens: admins only (the first account may be created in open local mode) --------------
def add_account(store: Store, username: str, role: str, password: str | None, who: Principal | None = None) -> None:
    accounts.add_account(store, username, role, password, by=require(store, who, ADMIN, "créer un compte"))


def set_role(store: Store, username: str, role: str, who: Principal | None = None) -> None:
    accounts.set_role(store, username, role, by=require(store, who, ADMIN, "changer un rôle"))


def disable_account(store: Store, username: str, who: Principal | None = None) -> None:
    accounts.disable_account(store, username, by=require(store, who, ADMIN, "désactiver un compte"))


def add_wall_token(store: Store, label: str, who: Principal | None = None) -> str:
    return accounts.add_wall_token(store, label, by=require(store, who, ADMIN, "créer un lien d'écran mural"))


def revoke_wall_token(store: Store, token_id: int, who: Principal | None = None) -> None:
    accounts.revoke_wall_token(store, token_id, by=require(store, who, ADMIN, "révoquer un lien d'écran mural"))


def close_sessions(store: Store, username: str, who: Principal | None = None) -> int:
    """Sign an account out of every browser (a lost laptop, a shared screen left signed in)."""
    require(store, who, ADMIN, "fermer les sessions d'un compte")
    return web_sessions.close_all(store, accounts.account_named(store, username) or username)


def sign_in_log(store: Store, who: Principal | None = None, limit: int = 200):
    """The latest sign-in attempts, for the admins only: names typed and addresses are personal data."""
    require(store, who, ADMIN, "lire le journal des connexions")
    return sign_ins.log(store, limit)


def set_email(store: Store, name: str, email: str, who: Principal | None = None) -> None:
    """An e-mail address of an account or an owner (issue 22): who receives the relances, alerts and reviews."""
    from pac_core.notify import reminders

    reminders.set_email(store, name, email, by=require(store, who, ADMIN, "changer une adresse e-mail"))


def outbox_states(store: Store, who: Principal | None = None):
    """Every message of the outbox and its state, for the admins (addresses are personal data)."""
    from pac_core.notify import outbox

    require(store, who, ADMIN, "lire la file des envois")
    return outbox.states(store)


def set_list(store: Store, name: str, members: list[str], who: Principal | None = None) -> None:
    """Who the direction or the review's participants are (issue 22)."""
    from pac_core.notify import reminders

    reminders.set_list(store, name, members, by=require(store, who, ADMIN, "changer les destinataires"))

