"""Opening the app's database once per process, with the demo loaded into an empty one.

Kept out of the pages so that every page opens the same store the same way (no Streamlit here:
the caching is done by the caller).
"""

from pac_core.demo_loader import load_demo
from pac_core.store import Store, default_db_path


def open_app_store(path=None) -> Store:
    store = Store(path or default_db_path())
    if not store.has_any_import():
        load_demo(store)
    return store
