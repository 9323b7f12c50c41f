"""Revue trimestrielle: the quarter and the year to date against plan, suggested decisions, decisions with their
budgets and remaining targets, their projected effect live, a new plan version, versions compared, the log and
the exports (issue 6)."""


import pandas as pd
import streamlit as st

from pac_core import clock
from pac_core import formatting as fmt
from pac_core.access import WriteRefused, save_plan_version
from pac_core.charts.readjust import objectives_effect_chart
from pac_core.display import value
from pac_core.display import readjust as show
from pac_core.readjust import draft as drafting
from pac_core.readjust.exports import plan_workbook, summary_pdf, table_workbook
from pac_core.readjust.figures import default_quarter, months_after, quarter_label, quarters, scope_for_quarter
from pac_core.readjust.projection import ASSUMPTIONS, REDUCE, REINFORCE, STOP
from pac_core.readjust.suggest import suggestions
from pac_core.readjust.versions import budget_totals, next_version as next_plan_version, version_label, version_totals
from pac_core.store import StoreError
from ui import context
from ui import readjust as state_of
from ui.login import current_user
from ui.widgets import plain, welcome_if_empty

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SAVED_KEY = "revue_trimestrielle_enregistree"

scope = context.scope()
store = context.store()
st.title("Revue trimestrielle")
if welcome_if_empty(scope):
    st.stop()

# -- 1. the quarter ---------------------------------------------------------------------------------------------
# The options are the labels themselves: a bound select box writes what it shows in the URL (?trimestre=T2+2026).
choices = {quarter_label(first): first for first in quarters(store)}
default = default_quarter(store)
chosen = st.selectbox("Trimestre passé en revue", list(choices), index=list(choices.values()).index(default),
                      key="trimestre", bind="query-params", width=260,
                      help="Les chiffres sont arrêtés à la fin du trimestre (ou au dernier mois connu).")
first = choices.get(chosen, default)
review_scope = scope_for_quarter(scope, store, first)
remaining_months = months_after(review_scope.as_of)
st.caption(f"PAC Pilot · {quarter_label(first)} · résultats à fin {fmt.month(review_scope.as_of, long=True)} · "
           f"plan en vigueur : version {review_scope.plan_version} · dernières données : "
           f"{fmt.month(scope.as_of, long=True)}"
           + (" · filtres actifs sur le tableau du trimestre" if scope.filters.active else ""))
saved = st.session_state.pop(SAVED_KEY, None)
if saved:
    st.success(plain(saved), icon=":material/check_circle:")

st.subheader(f"Le {quarter_label(first)} et l'année à date, action par action")
st.caption("Objectif et réalisé du trimestre, puis depuis janvier ; atterrissage de fin d'année contre l'objectif "
           "de l'année ; coût par résultat observé depuis janvier.")
quarter = state_of.quarter_figures(review_scope, first)
table = show.quarter_table(quarter)
st.dataframe(table, hide_index=True, width="stretch", height="content" if len(table) <= 40 else 640,
             column_config={name: st.column_config.TextColumn(help=text) for name, text in show.QUARTER_HELP.items()})

figures, strategic, remaining, action_roi, channel_roi = state_of.plan_figures(review_scope)
key = (chosen, review_scope.plan_version, store.data_version())
draft_state = state_of.draft(key, figures)
names = figures.drop_duplicates("action_id").set_index("action_id")["name"].to_dict()
facts = figures.drop_duplicates("action_id").set_index("action_id")

# -- 2. suggestions ----------------------------------------------------------------------------------------------
st.subheader("Suggestions")
st.caption("Proposées à partir du rythme et du coût par résultat ; rien n'est appliqué sans vous : « Reprendre » "
           "les place dans le tableau des décisions, que vous pouvez encore modifier.")
suggested = suggestions(figures, action_roi, channel_roi)
if suggested.empty:
    st.info("Aucune suggestion : aucune action n'est à la fois en retard et coûteuse, ni en avance avec un ROI "
            "positif.", icon=":material/lightbulb:")


def starting_budget(action_id: str, decision: str) -> float:
    """A starting point for a suggestion taken: half the budget left for réduire, +20 % for renforcer."""
    planned, spent = float(facts.at[action_id, "planned"] or 0), float(facts.at[action_id, "spent"] or 0)
    if decision == STOP:
        return spent
    if decision == REDUCE:
        return max(spent, planned - max(planned - spent, 0) / 2)
    return round(planned * 1.2, -2) if decision == REINFORCE else planned


for row in suggested.itertuples(index=False):
    with st.container(border=True):
        text_column, button_column = st.columns([6, 1], vertical_alignment="center")
        text_column.markdown(f"**{plain(row.action_id)}** · {plain(row.name)} — "
                             f"**{show.DECISION_LABELS[row.suggestion]}**  \n{plain(row.reason)}")
        if button_column.button("Reprendre", key=f"reprendre_{row.action_id}", icon=":material/add_task:"):
            decisions = draft_state["decisions"]
            index = decisions.index[decisions["action_id"] == row.action_id]
            decisions.loc[index, "decision"] = row.suggestion
            decisions.loc[index, "new_budget"] = starting_budget(row.action_id, row.suggestion)
            state_of.restart_editors(draft_state)
            st.rerun()

# -- 3. decisions ------------------------------------------------------------------------------------------------
st.subheader("Décisions")
st.caption("Pour chaque action : la décision, le nouveau budget de l'année (jamais sous ce qui est déjà dépensé), "
           "un commentaire et qui la porte. Les objectifs des mois restants suivent le budget (voir les hypothèses) ; "
           "vous pouvez les corriger mois par mois plus bas.")
with st.expander("Déplacer du budget d'une action à une autre", icon=":material/swap_horiz:",
                 expanded=True):
    with st.form("deplacer", border=False):
        left, right, amount_column, go = st.columns([3, 3, 2, 1.3], vertical_alignment="bottom")
        labels = {a: f"{a} · {n}" for a, n in names.items()}
        source = left.selectbox("Retirer de", list(labels), format_func=labels.get, key="deplacer_de")
        target = right.selectbox("Donner à", list(labels), format_func=labels.get, key="deplacer_vers",
                                 index=min(1, len(labels) - 1))
        amount = amount_column.number_input("Montant (€)", min_value=0.0, step=500.0, value=1000.0, key="deplacer_montant")
        moved = go.form_submit_button("Déplacer", icon=":material/swap_horiz:")
    if moved:
        decisions = draft_state["decisions"]
        spent = float(facts.at[source, "spent"] or 0)
        current = decisions.loc[decisions["action_id"] == source, "new_budget"].iloc[0]
        taken = min(amount, max(current - spent, 0.0))
        if source == target or taken <= 0:
            st.warning(f"Rien à déplacer : {plain(source)} a déjà dépensé {fmt.euros(spent)} de ses "
                       f"{fmt.euros(current)}." if source != target else "Choisissez deux actions différentes.",
                       icon=":material/info:")
        else:
            for action_id, change, kind in ((source, -taken, REDUCE), (target, taken, REINFORCE)):
                index = decisions.index[decisions["action_id"] == action_id]
                decisions.loc[index, "new_budget"] = decisions.loc[index, "new_budget"] + change
                if (decisions.loc[index, "decision"] == "maintenir").all():
                    decisions.loc[index, "decision"] = kind
            state_of.restart_editors(draft_state)
            st.rerun()

base = draft_state["decisions"].copy()
base.insert(1, "name", base["action_id"].map(names))
base.insert(2, "status", base["action_id"].map(lambda a: facts.at[a, "status"] if a in facts.index else None))
base["status"] = [show.status_text(s) for s in base["status"]]
base.insert(3, "budget", base["action_id"].map(lambda a: fmt.euros(facts.at[a, "planned"])))
base.insert(4, "spent", base["action_id"].map(lambda a: fmt.euros(facts.at[a, "spent"])))
base["decision"] = base["decision"].map(show.DECISION_LABELS)
edited = st.data_editor(
    base, hide_index=True, width="stretch", key=f"decisions_{draft_state['generation']}", num_rows="fixed",
    disabled=["action_id", "name", "status", "budget", "spent"],
    column_order=["action_id", "name", "status", "budget", "spent", "decision", "new_budget", "comment", "owner"],
    column_config={
        "action_id": st.column_config.TextColumn("ID", width="small"),
        "name": st.column_config.TextColumn("Action", width="medium"),
        "status": st.column_config.TextColumn("Statut"),
        "budget": st.column_config.TextColumn("Budget", help="Le budget de l'année dans la version en vigueur."),
        "spent": st.column_config.TextColumn("Dépensé à date"),
        "decision": st.column_config.SelectboxColumn("Décision", options=show.decision_choices(), required=True),
        "new_budget": st.column_config.NumberColumn("Nouveau budget (€)", min_value=0.0, step=100.0, format="%.0f €",
                                                    help="Arrêter : le budget devient ce qui est déjà dépensé."),
        "comment": st.column_config.TextColumn("Commentaire", width="large"),
        "owner": st.column_config.TextColumn("Porteur de la décision"),
    })
decisions = edited.assign(decision=edited["decision"].map(show.decision_code))
draft_state["decisions"] = decisions[drafting.DECISION_COLUMNS].reset_index(drop=True)

with st.expander("Ajouter une nouvelle action", icon=":material/add_circle:"):
    with st.form("nouvelle_action", clear_on_submit=True, border=False):
        first_row = st.columns([1, 3, 2, 2])
        new_id = first_row[0].text_input("ID", value=f"N{len(draft_state['new_actions']) + 1}")
        new_name = first_row[1].text_input("Action", placeholder="Salon 4 (décembre)")
        levers = sorted(figures["lever"].dropna().unique())
        channels = sorted(figures["channel"].dropna().unique())
        new_lever = first_row[2].selectbox("Levier", levers)
        new_channel = first_row[3].selectbox("Canal", channels)
        second_row = st.columns([1, 2, 2, 3])
        new_budget = second_row[0].number_input("Budget (€)", min_value=0.0, step=500.0, value=2000.0)
        new_owner = second_row[1].text_input("Responsable")
        new_objectives = second_row[2].multiselect("Objectifs stratégiques servis", list(strategic["objective_id"]))
        new_comment = second_row[3].text_input("Commentaire")
        added = st.form_submit_button("Ajouter l'action", icon=":material/add:")
    if added:
        taken = set(names) | set(draft_state["new_actions"]["action_id"])
        if not new_id.strip() or new_id.strip() in taken or not new_name.strip():
            st.warning("Donnez un ID qui n'existe pas encore et un nom à la nouvelle action.", icon=":material/info:")
        else:
            row = {"action_id": new_id.strip(), "name": new_name.strip(), "lever": new_lever, "channel": new_channel,
                   "new_budget": new_budget, "owner": new_owner.strip(), "objective_ids": ";".join(new_objectives),
                   "comment": new_comment.strip()}
            draft_state["new_actions"] = pd.concat([draft_state["new_actions"], pd.DataFrame([row])],
                                                   ignore_index=True)
            st.rerun()
    for row in draft_state["new_actions"].itertuples(index=False):
        line, remove = st.columns([6, 1], vertical_alignment="center")
        line.markdown(f"**{row.action_id}** · {row.name} · {row.channel} · {fmt.euros(row.new_budget)}")
        if remove.button("Retirer", key=f"retirer_{row.action_id}"):
            keep = draft_state["new_actions"]["action_id"] != row.action_id
            draft_state["new_actions"] = draft_state["new_actions"][keep].reset_index(drop=True)
            st.rerun()

effect = drafting.project(figures, strategic, remaining, state_of.as_draft(draft_state, decisions), review_scope.as_of)

# Remaining months, fine control: what is typed replaces what the budget gives, for that action × indicator.
if remaining_months:
    st.markdown("##### Objectifs des mois restants")
    all_ids = [*names, *draft_state["new_actions"]["action_id"]]
    changed = [a for a in all_ids if a in set(effect.actions.loc[
        (effect.actions["budget_after"] - effect.actions["planned"]).abs() > 0.005, "action_id"])
        or a in set(draft_state["new_actions"]["action_id"])]
    month_action = st.selectbox("Action", all_ids, index=all_ids.index(changed[0]) if changed else 0,
                                format_func=lambda a: f"{a} · {names.get(a) or a}",
                                key=f"mois_action_{draft_state['generation']}", width=520)
    monthly = effect.monthly[effect.monthly["action_id"] == month_action]
    if monthly.empty:
        st.caption("Cette action n'a pas d'objectif de flux à répartir sur les mois restants.")
    else:
        labels_of = figures.drop_duplicates("metric").set_index("metric")["metric_label"].to_dict()
        grid = monthly.pivot(index="metric", columns="month", values="value").astype(float)  # blank, not None
        grid.columns = [fmt.month(m) for m in grid.columns]
        grid.index = [labels_of.get(m, m) for m in grid.index]
        typed_grid = st.data_editor(grid, width="stretch", key=f"mois_{month_action}_{draft_state['generation']}",
                                    column_config={c: st.column_config.NumberColumn(c, min_value=0.0, format="%.0f")
                                                   for c in grid.columns})
        if not typed_grid.equals(grid):
            codes_of = {label: code for code, label in labels_of.items()}
            months_of = {fmt.month(m): m for m in remaining_months}
            typed = typed_grid.rename_axis("metric").reset_index().melt(id_vars="metric", var_name="month",
                                                                        value_name="value")
            typed["metric"] = typed["metric"].map(codes_of)
            typed["month"] = typed["month"].map(months_of)
            typed["action_id"] = month_action
            typed["value"] = typed["value"].fillna(0.0)
            others = draft_state["month_targets"]
            others = others[others["action_id"] != month_action]
            draft_state["month_targets"] = pd.concat([others, typed[drafting.MONTH_COLUMNS]], ignore_index=True)
            effect = drafting.project(figures, strategic, remaining, state_of.as_draft(draft_state, decisions),
                                      review_scope.as_of)
        typed_here = (draft_state["month_targets"]["action_id"] == month_action).any()
        st.caption("Objectifs saisis à la main pour cette action : ils remplacent ceux calculés depuis le budget."
                   if typed_here else "Objectifs calculés depuis le budget ; saisissez un mois pour le corriger.")
        if typed_here and st.button("Revenir aux objectifs calculés depuis le budget", icon=":material/undo:"):
            keep = draft_state["month_targets"]["action_id"] != month_action
            draft_state["month_targets"] = draft_state["month_targets"][keep]
            state_of.restart_editors(draft_state)
            st.rerun()

# -- 4. projected effect -----------------------------------------------------------------------------------------
st.subheader("Effet projeté des décisions")
st.caption("Atterrissage de fin d'année avant et après les décisions en cours, recalculé à chaque modification.")
cards = st.columns(1 + len(effect.objectives))
budget_change = effect.budget_after - effect.budget_before
cards[0].metric("Budget total de l'année", fmt.euros(effect.budget_after),
                show.signed(budget_change, "€") + " par rapport au plan" if abs(budget_change) > 0.005 else None,
                delta_color="off", help=f"Avant les décisions : {fmt.euros(effect.budget_before)}.")
for column, row in zip(cards[1:], effect.objectives.to_dict("records")):
    unit = "€" if row["metric"] == "ca" else "nombre"
    column.metric(f"{row['objective_id']} · {row['label']}", value(row["forecast_after"], unit),
                  show.signed(row["forecast_change"], unit) + " d'atterrissage"
                  if abs(row["forecast_change"]) > 0.05 else None,
                  help=f"Cible {value(row['target'], unit)} ; atterrissage avant les décisions "
                       f"{value(row['forecast_before'], unit)}.")
chart_column, table_column = st.columns([2, 3], gap="large")
with chart_column:
    st.altair_chart(objectives_effect_chart(effect.objectives), width="stretch")
with table_column:
    st.dataframe(show.objective_effect_table(effect.objectives), hide_index=True, width="stretch")
    for line in show.budget_move_lines(effect.actions):
        st.markdown(plain(line))
show_all = st.toggle("Toutes les actions", key="effet_toutes", help="Sinon, seules les actions touchées par une décision.")
effect_table = show.action_effect_table(effect.actions, only_changed=not show_all)
if effect_table.empty:
    st.caption("Aucune décision ne change encore le plan : choisissez une décision ou un nouveau budget plus haut.")
else:
    st.dataframe(effect_table, hide_index=True, width="stretch")
st.markdown("**Hypothèses de la projection**")
st.markdown("\n".join(f"- {line}" for line in ASSUMPTIONS))

# -- 5. saving a new version ---------------------------------------------------------------------------------------
versions = state_of.versions()
next_version = next_plan_version(store)
log = drafting.decision_log(effect, state_of.as_draft(draft_state, decisions))
changes = drafting.target_changes(effect, remaining)
st.subheader(f"Enregistrer la version {next_version} du plan")
st.caption(f"La version {review_scope.plan_version} reste consultable et la version 1 (le plan adopté) ne change "
           "jamais. L'enregistrement est un import de la page Données : l'annuler fait revenir la version d'avant.")
with st.form("enregistrer"):
    label_column, date_column = st.columns([3, 1])
    label = label_column.text_input("Nom de la version", value=f"Revue du {quarter_label(first)}")
    decided_on = date_column.date_input("Date de la revue", value=clock.today(), format="DD/MM/YYYY")
    note = st.text_area("Note", placeholder="Ce que la revue a conclu, en deux lignes.")
    save = st.form_submit_button(f"Enregistrer la version {next_version}", type="primary", icon=":material/save:")
st.caption(f"{len(log)} décision(s) à enregistrer, {len(changes)} objectif(s) mensuel(s) modifié(s).")
if save:
    if log.empty and changes.empty:
        st.warning("Rien à enregistrer : aucune décision ne change le plan.", icon=":material/info:")
    else:
        try:
            version, import_id = save_plan_version(
                store, current_user(), label=label.strip() or f"Revue du {quarter_label(first)}", note=note.strip(),
                revised_from=remaining_months[0] if remaining_months else review_scope.as_of, decided_on=decided_on,
                target_changes=changes, actions=drafting.changed_actions(effect, state_of.current_actions(),
                                                                         state_of.as_draft(draft_state, decisions),
                                                                         review_scope.as_of),
                decisions=log)
        except (WriteRefused, StoreError) as exc:
            st.error(plain(str(exc)))
        else:
            state_of.forget_draft()
            st.cache_data.clear()
            st.session_state[SAVED_KEY] = (f"Version {version} enregistrée (import n° {import_id}) : les écrans "
                                           f"utilisent désormais ses objectifs et ses budgets.")
            st.rerun()

summary = summary_pdf(
    show.summary_title(first), f"Résultats à fin {fmt.month(review_scope.as_of, long=True)} · décisions en cours "
                               f"d'édition sur la version {review_scope.plan_version}",
    [("Décisions", show.action_effect_table(effect.actions).drop_duplicates("ID")[
        ["ID", "Action", "Décision", "Budget", "Nouveau budget"]].merge(
        log.rename(columns={"action_id": "ID", "comment": "Commentaire", "owner": "Porteur"})[
            ["ID", "Commentaire", "Porteur"]], on="ID", how="left").fillna("")),
     ("Effet projeté sur les objectifs stratégiques", show.objective_effect_table(effect.objectives)),
     ("Budget", pd.DataFrame([{"Avant": fmt.euros(effect.budget_before), "Après": fmt.euros(effect.budget_after),
                               "Écart": show.signed(effect.budget_after - effect.budget_before, "€")}]))],
    list(ASSUMPTIONS))
st.download_button("Résumé des décisions du trimestre (PDF, une page)", summary,
                   file_name=f"revue-{chosen.replace(' ', '-')}.pdf", mime="application/pdf", icon=":material/picture_as_pdf:")

# -- 6. versions compared --------------------------------------------------------------------------------------------
st.subheader("Versions du plan comparées")
if len(versions) < 2:
    st.info("Une seule version pour l'instant : le plan initial. La comparaison s'ouvre dès la version 2.",
            icon=":material/compare_arrows:")
numbers = list(versions["version"])
labels = {row["version"]: version_label(row) for row in versions.to_dict("records")}
left, right = st.columns(2)
# Keyed on the versions in force: a version saved (or undone) brings the choice back to first vs newest.
version_a = left.selectbox("Version", numbers, index=0, format_func=labels.get, key=f"version_a_{numbers}")
version_b = right.selectbox("comparée à", numbers, index=len(numbers) - 1, format_func=labels.get,
                            key=f"version_b_{numbers}")
compared = state_of.comparison(version_a, version_b, review_scope)
st.caption(f"Atterrissages calculés à fin {fmt.month(review_scope.as_of, long=True)} avec les objectifs de chaque "
           "version, contre le même réalisé.")
totals_column, detail_column = st.columns([1, 2], gap="large")
with totals_column:
    st.dataframe(show.totals_table(version_totals(compared, version_a, version_b),
                                   budget_totals(compared, version_a, version_b), version_a, version_b),
                 hide_index=True, width="stretch", height="content")
with detail_column:
    st.dataframe(show.comparison_table(compared, version_a, version_b), hide_index=True, width="stretch",
                 height="content" if len(compared) <= 30 else 560)
export_a, export_b = st.columns(2)
for column, number in ((export_a, version_a), (export_b, version_b)):
    column.download_button(f"Exporter la version {number} (modèle Excel, réimportable)", plan_workbook(store, number),
                           file_name=f"plan-version-{number}.xlsx", mime=XLSX, icon=":material/download:",
                           key=f"export_version_{number}_{column is export_b}")

# -- 7. the decisions log --------------------------------------------------------------------------------------------
st.subheader("Journal des décisions")
logged = show.decisions_log_table(state_of.decisions_log())
if logged.empty:
    st.info("Aucune décision enregistrée : elles le sont avec une nouvelle version du plan.", icon=":material/gavel:")
else:
    st.dataframe(logged, hide_index=True, width="stretch")
    st.download_button("Exporter le journal des décisions (Excel)", table_workbook(logged, "Décisions"),
                       file_name="journal-des-decisions.xlsx", mime=XLSX, icon=":material/download:")
