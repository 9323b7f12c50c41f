"""What a sales director reads under a forecast: the methods' French names and the one-sentence reasons."""

import math

from pac_core.formatting import NBSP, NNBSP, number

METHOD_LABELS = {
    "plan": "atterrissage selon le plan",
    "saisonnier": "saisonnalité de l'an dernier",
    "ets": "lissage exponentiel (ETS)",
    "theta": "méthode Theta",
    "combinaison": "moyenne pondérée de trois méthodes",
}
FALLBACK = "Atterrissage selon le plan : "


def error_text(relative_error: float) -> str:
    """0.062 → « ± 6 % » (whole percents; one decimal under 1 %), as CLDR spaces the percent sign."""
    if relative_error is None or not math.isfinite(relative_error):
        return "non mesurable"
    percent = relative_error * 100
    return f"±{NBSP}{number(percent, 1 if percent < 0.95 else 0)}{NNBSP}%"  # 0.96 % reads « 1 % », not « 1,0 % »


def chosen(method: str, previous_year: int, relative_error: float, weights=None) -> str:
    """« Prévision : saisonnalité de 2025, erreur passée ± 6 % »; the combination names its weights (the methods
    of COMBINED's order): « Prévision : moyenne pondérée par l'erreur passée (saisonnalité de 2025 55 %, ETS 30 %,
    Theta 15 %), erreur passée ± 4 % »."""
    if method == "combinaison" and weights is not None:
        shares = [f"{name} {number(100 * weight, 0)}{NNBSP}%"
                  for name, weight in zip((f"saisonnalité de {previous_year}", "ETS", "Theta"), weights)
                  if math.isfinite(weight) and round(100 * weight) > 0]
        label = f"moyenne pondérée par l'erreur passée ({', '.join(shares)})"
    else:
        label = f"saisonnalité de {previous_year}" if method == "saisonnier" else METHOD_LABELS[method]
    return f"Prévision : {label}, erreur passée {error_text(relative_error)}"


def year_closed() -> str:
    return "Année complète : total réel de janvier à décembre"


def no_history(year: int) -> str:
    return f"{FALLBACK}moins de 12 mois d'historique avant {year}"


def missing_year(previous_year: int) -> str:
    return f"{FALLBACK}l'action n'existait pas en {previous_year}"


def too_few_origins(origins: int) -> str:
    tries = "aucun essai" if origins == 0 else f"{origins} essai{'s' if origins > 1 else ''}"
    return f"{FALLBACK}trop peu d'historique pour tester les méthodes ({tries} possible{'s' if origins > 1 else ''})"


def nothing_to_measure() -> str:
    return (f"{FALLBACK}les essais sur l'historique ne portent que sur des mois à zéro, l'erreur ne peut pas être "
            "mesurée")
