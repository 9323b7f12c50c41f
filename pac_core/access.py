"""Who may write: the one server-side guard in front of every write the app makes (import, undo, a
foreign file imported through a column mapping and the mapping saved).

Today PAC Pilot runs in open local mode (no accounts): everyone who reaches the app may write, and the
import records the OS user of the server. The roles of issue 8 plug in here, in `require_writer`, so that
no page can write by another path (hiding a button is not a guard).
"""

import getpass

from pac_core.mapping.model import Mapping
from pac_core.store import ImportOutcome, Store, StoreError
from pac_core.validate import Validation

LOCAL_USER = "local"
# None: open local mode, everyone writes. A set of names: only they write (issue 8 will fill it from accounts).
WRITERS: set[str] | None = None


class WriteRefused(Exception):
    """This user may not change the data; str(exc) is one French sentence."""


def local_user() -> str:
    """The name recorded in open local mode: the OS user running the app, else "local"."""
    try:
        return getpass.getuser() or LOCAL_USER
    except Exception:
        return LOCAL_USER


def require_writer(user: str | None = None) -> str:
    """The name to record for a write by `user`, or WriteRefused; every write of the app calls this first."""
    name = (user or "").strip() or local_user()
    if WRITERS is not None and name not in WRITERS:
        raise WriteRefused(f"« {name} » peut consulter les données mais pas les modifier : demandez à un éditeur "
                           "de faire l'import ou l'annulation.")
    return name


def import_validated(store: Store, validation: Validation, user: str | None = None) -> ImportOutcome:
    """Import checked files from the app, after the guard."""
    name = require_writer(user)
    if validation.batch is None:
        raise ValueError("a refused validation cannot be imported")
    return store.import_batch(validation.batch, user=name, origin="app", warnings=len(validation.warnings))


def import_mapped(store: Store, validation: Validation, mapping: Mapping, name: str,
                  user: str | None = None) -> ImportOutcome:
    """Import a foreign file read through `mapping`, after the guard, and save the mapping under `name` so
    that next month's file with the same columns is mapped by itself. The name is checked before anything
    is written."""
    writer = require_writer(user)
    if validation.batch is None:
        raise ValueError("a refused validation cannot be imported")
    if not " ".join(str(name).split()):
        raise StoreError("Donnez un nom à la correspondance pour l'enregistrer.")
    outcome = store.import_batch(validation.batch, user=writer, origin="app", warnings=len(validation.warnings))
    store.save_mapping(name, mapping, writer)
    return outcome


def undo_import(store: Store, import_id: int, user: str | None = None) -> str:
    """Undo an import from the app, after the guard; returns the store's French sentence."""
    return store.undo(import_id, user=require_writer(user))


def save_plan_version(store: Store, user: str | None = None, **revision) -> tuple[int, int]:
    """Save the quarterly review's decisions as a new plan version, after the guard (Store.save_plan_version)."""
    return store.save_plan_version(**revision, user=require_writer(user))
