"""The screens' last handler (ui/errors.py): an error nobody foresaw shows one French sentence with a reference,
and the detail — traceback, paths — goes to the server log under that reference, never to the screen."""

import logging
import re

import streamlit as st

from pac_core.kpi import headline
from tests.app.conftest import texts


def test_an_unexpected_error_shows_a_french_sentence_and_logs_the_detail_under_its_reference(app, monkeypatch,
                                                                                             caplog):
    monkeypatch.delenv("PAC_ERREURS", raising=False)  # as users meet errors (the suite sets it to see them)

    def broken(*args, **kwargs):
        raise RuntimeError("échec dans /srv/pac/pac_core/kpi/headline.py")

    monkeypatch.setattr(headline, "headline", broken)
    st.cache_data.clear()
    with caplog.at_level(logging.ERROR, logger="pac_pilot.errors"):
        app.run()
    assert not app.exception
    shown = texts(app)
    found = re.search(r"Cette page a rencontré une erreur inattendue \(référence (\d{8}-[0-9A-F]{6})\)\. "
                      r"Rechargez la page", shown)
    assert found and "/srv/pac" not in shown and "RuntimeError" not in shown
    (record,) = [record for record in caplog.records if found.group(1) in record.getMessage()]
    assert "/srv/pac/pac_core/kpi/headline.py" in caplog.text and record.exc_info[0] is RuntimeError
    assert app.sidebar  # the rest of the app (navigation, filters) still stands


def test_with_pac_erreurs_details_the_exception_comes_through_for_whoever_debugs(app, monkeypatch):
    monkeypatch.setenv("PAC_ERREURS", "details")

    def broken(*args, **kwargs):
        raise RuntimeError("visible")

    monkeypatch.setattr(headline, "headline", broken)
    st.cache_data.clear()
    app.run()
    assert app.exception and "visible" in app.exception[0].message
