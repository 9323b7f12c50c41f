"""Opening the app's database once per process, with the demo loaded into an empty one.

Kept out of the pages so that every page opens the same store the same way (no Streamlit here:
the caching is done by the caller).
"""

import threading
from pathlib import Path

from pac_core import depot
from pac_core.demo_loader import load_demo
from pac_core.store import Store, StoreError, default_db_path, is_postgres, open_store


def check_xml_defences() -> None:
    """openpyxl parses XML with defusedxml only when it is installed: refuse to start without it, rather than
    read a hostile workbook with the standard library's parser (entities expanded)."""
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:
        raise StoreError("Le module « defusedxml » manque : PAC Pilot refuse de démarrer sans lui (il protège la "
                         "lecture des classeurs). Installez les dépendances : pip install -r requirements.txt")


def open_app_store(path=None) -> Store:
    check_xml_defences()
    store = open_store(path or default_db_path())
    if not store.has_any_import():
        load_demo(store)
    return store


_SHARED: dict[str, Store] = {}
_SHARED_LOCK = threading.Lock()


def shared_store(path=None) -> Store:
    """The one store of this server process for a database file: the pages and the server's own door
    (pac_core/http_guard.py) must share it, since DuckDB lets only one handle write a file."""
    target = path or default_db_path()
    key = str(target) if is_postgres(target) else str(Path(target).resolve())
    with _SHARED_LOCK:
        if key not in _SHARED or _SHARED[key].closed:
            _SHARED[key] = open_app_store(key)
            if not is_postgres(key):  # with PostgreSQL the command line writes beside the app: nothing to hand over
                depot.start_watcher(_SHARED[key], _run_command)  # the command line imports through this process
        return _SHARED[key]


def _run_command(store: Store, argv: list[str], user: str | None, origin: str):
    from pac_core.cli import run_in_store

    return run_in_store(store, argv, user, origin)
