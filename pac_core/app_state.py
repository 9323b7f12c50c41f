"""Opening the app's database once per process, with the demo loaded into an empty one.

Kept out of the pages so that every page opens the same store the same way (no Streamlit here:
the caching is done by the caller).
"""

from pac_core.demo_loader import load_demo
from pac_core.store import Store, StoreError, default_db_path


def check_xml_defences() -> None:
    """openpyxl parses XML with defusedxml only when it is installed: refuse to start without it, rather than
    read a hostile workbook with the standard library's parser (entities expanded)."""
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:
        raise StoreError("Le module « defusedxml » manque : PAC Pilot refuse de démarrer sans lui (il protège la "
                         "lecture des classeurs). Installez les dépendances : pip install -r requirements.txt")


def open_app_store(path=None) -> Store:
    check_xml_defences()
    store = Store(path or default_db_path())
    if not store.has_any_import():
        load_demo(store)
    return store
