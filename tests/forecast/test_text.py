"""The sentences under a forecast, in French typography (U+00A0 after ±, U+202F before %, decimal comma)."""

import pytest

from pac_core.forecast import METHOD_LABELS, text


@pytest.mark.parametrize("error, shown", [(0.062, "±\u00a06\u202f%"), (0.0096, "±\u00a01\u202f%"),
                                          (0.004, "±\u00a00,4\u202f%"), (0.125, "±\u00a013\u202f%"),
                                          (float("nan"), "non mesurable")])
def test_past_error_reads_in_whole_percents(error, shown):
    assert text.error_text(error) == shown


def test_the_chosen_method_is_named_in_plain_french():
    assert text.chosen("saisonnier", 2025, 0.06) == "Prévision : saisonnalité de 2025, erreur passée ±\u00a06\u202f%"
    assert text.chosen("combinaison", 2025, 0.05, [0.552, 0.3, 0.148]) == (
        "Prévision : moyenne pondérée par l'erreur passée (saisonnalité de 2025 55\u202f%, ETS 30\u202f%, "
        "Theta 15\u202f%), erreur passée ±\u00a05\u202f%")
    # a method without backtest, or of no weight once rounded, is not listed
    assert text.chosen("combinaison", 2025, 0.05, [0.996, float("nan"), 0.004]) == (
        "Prévision : moyenne pondérée par l'erreur passée (saisonnalité de 2025 100\u202f%), erreur passée "
        "±\u00a05\u202f%")
    assert set(METHOD_LABELS) == {"plan", "saisonnier", "ets", "theta", "combinaison"}


def test_fallbacks_say_why_the_plan_is_kept():
    assert text.no_history(2026) == "Atterrissage selon le plan : moins de 12 mois d'historique avant 2026"
    assert text.missing_year(2025) == "Atterrissage selon le plan : l'action n'existait pas en 2025"
    assert text.too_few_origins(1).endswith("(1 essai possible)")
    assert text.too_few_origins(0).endswith("(aucun essai possible)")
