"""The texts of the Pipeline screen: headline figures, the funnel (counts, stage-to-stage conversion, amounts),
the comparison of source channels and the sentence that explains the weighted pipeline — in French, from
pac_core.kpi.funnel's answers."""

import pandas as pd

from pac_core import formatting as fmt
from pac_core.display.overview import Card

ALL_CHANNELS = "Tous les canaux"
NO_CHANNEL = "Sans canal"
SOURCE_TEXT = {"observed": "observée", "default": "par défaut", "bound": "bornée par les opportunités clôturées"}

NO_OPPORTUNITY = ("Aucune opportunité dans le pipeline pour ce périmètre. Le pipeline est facultatif : ajoutez au "
                  "fichier importé une feuille « Pipeline » (ID opportunité, Compte, ID action, Canal, Étape, Montant, "
                  "Création, Clôture, Statut) pour suivre l'entonnoir, le taux de transformation et le cycle de vente.")
FUNNEL_RULE = ("Une opportunité compte à chaque étape qu'elle a atteinte ; une gagnée les a toutes atteintes. "
               "La conversion est la part des opportunités de l'étape précédente qui ont atteint celle-ci.")


def _present(value) -> bool:
    return value is not None and value is not pd.NA and value == value


def channel_name(value) -> str:
    return value if isinstance(value, str) and value.strip() else NO_CHANNEL


def channel_options(summary_by_channel: pd.DataFrame) -> list[str]:
    """'Tous les canaux', then every source channel that has opportunities, the biggest pipeline first."""
    rows = summary_by_channel[summary_by_channel["opportunities"] > 0]
    rows = rows.sort_values(["opportunities", "channel"], ascending=[False, True], kind="stable")
    return [ALL_CHANNELS, *dict.fromkeys(channel_name(name) for name in rows["channel"])]


def of_channel(frame_by_channel: pd.DataFrame, choice: str) -> pd.DataFrame:
    """The rows of one source channel (a frame of funnel or pipeline_summary by='channel')."""
    names = frame_by_channel["channel"].map(channel_name)
    return frame_by_channel[names == choice].drop(columns="channel").reset_index(drop=True)


def plural(count, singular: str, plural_form: str | None = None) -> str:
    """'1 opportunité', '22 opportunités', '1 234 jours' (French: 0 and 1 take the singular)."""
    word = singular if abs(count) < 2 else (plural_form or singular + "s")
    return f"{fmt.number(count)} {word}"


def days_text(days) -> str:
    return plural(round(days), "jour") if _present(days) else fmt.MISSING


def summary_cards(summary: pd.DataFrame) -> list[Card]:
    """Opportunities, win rate, average cycle, open and weighted pipeline (one row of pipeline_summary)."""
    row = summary.iloc[0]
    closed = int(row["won"] + row["lost"])
    return [
        Card("Opportunités", fmt.number(row["opportunities"]),
             caption=f"{fmt.number(row['open'])} en cours · {plural(row['won'], 'gagnée')} · "
                     f"{plural(row['lost'], 'perdue')}"),
        Card("Taux de transformation", fmt.percent(row["win_rate"]) if _present(row["win_rate"]) else fmt.MISSING,
             caption=f"{plural(row['won'], 'gagnée')} sur {plural(closed, 'clôturée')}" if closed
             else "Aucune opportunité clôturée", help="Gagnées / (gagnées + perdues)"),
        Card("Cycle de vente moyen", days_text(row["average_cycle_days"]),
             caption="De la création à la signature, sur les opportunités gagnées",
             help="Moyenne de (date de clôture − date de création) des opportunités gagnées"),
        Card("Pipeline ouvert", fmt.euros(row["open_value"]),
             caption=f"Montant des {plural(row['open'], 'opportunité')} en cours"),
        Card("Pipeline pondéré", fmt.euros(row["weighted_value"]),
             caption="Montant × probabilité de gain de l'étape atteinte"),
    ]


def funnel_frame(funnel: pd.DataFrame) -> pd.DataFrame:
    """What the funnel chart draws: per stage, in order, the count and a label with the amount, and the
    conversion from the stage before written out ("↓ 31,0 %")."""
    return pd.DataFrame({
        "stage_number": funnel["stage_number"].astype(int),
        "stage": funnel["stage"],
        "reached": funnel["reached"].astype(int),
        "label": [f"{plural(count, 'opportunité')} · {fmt.euros(amount)}"
                  for count, amount in zip(funnel["reached"], funnel["amount"])],
        "conversion_text": ["" if number == 1 else
                            f"↓ {fmt.percent(value) if _present(value) else fmt.MISSING} de conversion"
                            for number, value in zip(funnel["stage_number"], funnel["conversion"])],
    })


def funnel_table(funnel: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Étape": [f"{int(number)} · {stage}" for number, stage in zip(funnel["stage_number"], funnel["stage"])],
        "Opportunités": [fmt.number(value) for value in funnel["reached"]],
        "Conversion depuis l'étape précédente": [fmt.percent(value) if _present(value) else fmt.MISSING
                                                 for value in funnel["conversion"]],
        "Montant": [fmt.euros(value) for value in funnel["amount"]],
    })


def channels_table(summary_by_channel: pd.DataFrame) -> pd.DataFrame:
    """One row per source channel with opportunities, the biggest weighted pipeline first."""
    rows = summary_by_channel[summary_by_channel["opportunities"] > 0]
    rows = rows.sort_values(["weighted_value", "opportunities"], ascending=False, kind="stable")
    return pd.DataFrame({
        "Canal d'origine": [channel_name(name) for name in rows["channel"]],
        "Opportunités": [fmt.number(value) for value in rows["opportunities"]],
        "En cours": [fmt.number(value) for value in rows["open"]],
        "Gagnées": [fmt.number(value) for value in rows["won"]],
        "Perdues": [fmt.number(value) for value in rows["lost"]],
        "Taux de transformation": [fmt.percent(value) if _present(value) else fmt.MISSING
                                   for value in rows["win_rate"]],
        "Cycle moyen": [days_text(value) for value in rows["average_cycle_days"]],
        "Pipeline ouvert": [fmt.euros(value) for value in rows["open_value"]],
        "Pipeline pondéré": [fmt.euros(value) for value in rows["weighted_value"]],
    })


def probabilities_sentence(probabilities: pd.DataFrame) -> str:
    """One sentence: how the weighted pipeline is computed, with the probability used at each stage."""
    stages = ", ".join(f"{row.stage} {fmt.percent(row.probability)} ({SOURCE_TEXT.get(row.source, row.source)})"
                       for row in probabilities.itertuples(index=False))
    return (f"Pipeline pondéré = montant de chaque opportunité en cours × probabilité de gain de son étape — "
            f"{stages} ; une probabilité est « observée » quand les opportunités clôturées qui ont atteint l'étape "
            f"la fixent, sinon c'est la valeur par défaut, ramenée si besoin dans les bornes qu'elles donnent.")
