"""Vue d'ensemble: the plan's headline figures at the last month with results."""

import streamlit as st

from pac_core import formatting as fmt
from pac_core.kpi.headline import headline

store = st.session_state["store"]


@st.cache_data(show_spinner=False, max_entries=8)
def load_headline(data_version):
    return headline(store)


figures = load_headline(store.data_version())
st.title("PAC Pilot — Vue d'ensemble")
if figures.as_of is None:
    st.info("Aucun réalisé importé pour l'instant : importez votre classeur avec "
            "`python -m pac_core import FICHIER.xlsx` (le modèle s'obtient avec `python -m pac_core template modele.xlsx`).")
    st.stop()

st.caption(f"Données à fin {fmt.month(figures.as_of, long=True)} · {figures.action_count} actions au plan")
first, second, third, fourth = st.columns(4)
first.metric("Chiffre d'affaires réalisé", fmt.euros(figures.revenue_to_date),
             help=f"Objectif à date : {fmt.euros(figures.revenue_target_to_date)} · "
                  f"objectif de l'année : {fmt.euros(figures.revenue_target_year)}")
first.caption(f"Rythme : {fmt.percent(figures.revenue_pace)} de l'objectif à date "
              f"({fmt.euros(figures.revenue_target_to_date)})")
second.metric("Contacts recueillis", fmt.number(figures.contacts_to_date))
second.caption(f"Rythme : {fmt.percent(figures.contacts_pace)} de l'objectif à date "
               f"({fmt.number(figures.contacts_target_to_date)})")
third.metric("Nouveaux clients", fmt.number(figures.new_clients_to_date))
third.caption(f"Rythme : {fmt.percent(figures.new_clients_pace)} de l'objectif à date "
              f"({fmt.number(figures.new_clients_target_to_date)})")
fourth.metric("Budget consommé", fmt.percent(figures.budget_consumed))
fourth.caption(f"{fmt.euros(figures.cost_to_date)} dépensés sur {fmt.euros(figures.budget_year)} prévus")
if figures.active_clients is not None:
    st.metric("Clients actifs", fmt.number(figures.active_clients))
