"""Revue trimestrielle, a decision workspace that fits a screen: the quarter in brief, the actions that need a
decision with their suggestion and projected effect, the decisions and their effect live, then the detail
(full table, remaining months, versions compared, log, assumptions) behind tabs; one export menu (issues 6, 18)."""


import pandas as pd
import streamlit as st

from pac_core import clock
from pac_core import formatting as fmt
from pac_core.access import WriteRefused, save_plan_version
from pac_core.charts.readjust import objectives_effect_chart
from pac_core.display import value
from pac_core.display import readjust as show
from pac_core.io.values import BadValue, parse_number
from pac_core.kpi.compare import quarter_start
from pac_core.readjust import draft as drafting
from pac_core.readjust.brief import quarter_brief
from pac_core.readjust.exports import plan_workbook, summary_pdf, table_workbook
from pac_core.readjust.figures import default_quarter, months_after, quarter_label, quarters, scope_for_quarter
from pac_core.readjust.projection import ASSUMPTIONS, REDUCE, REINFORCE
from pac_core.readjust.suggest import starting_budget, suggestions, worst_status
from pac_core.readjust.versions import budget_totals, next_version as next_plan_version, version_label, version_totals
from pac_core.store import StoreError
from ui import context
from ui import readjust as state_of
from ui.login import current_user
from ui.widgets import page_header, plain, welcome_if_empty

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SAVED_KEY = "revue_trimestrielle_enregistree"
QUARTER_KEY = "trimestre"

scope = context.scope()
store = context.store()
page_header("Revue trimestrielle", scope)
if welcome_if_empty(scope):
    st.stop()

# -- the quarter, and the export menu beside it ------------------------------------------------------------------
# The options are the labels themselves: a bound select box writes what it shows in the URL (?trimestre=T2+2026).
choices = {quarter_label(first): first for first in quarters(store)}
default = default_quarter(store)
header, export_slot = st.columns([4, 1], vertical_alignment="bottom")
chosen = header.selectbox("Trimestre passé en revue", list(choices), index=list(choices.values()).index(default),
                          key=QUARTER_KEY, bind="query-params", width=260,
                          help="Les chiffres sont arrêtés à la fin du trimestre (ou au dernier mois connu).")
first = choices.get(chosen, default)
review_scope = scope_for_quarter(scope, store, first)
remaining_months = months_after(review_scope.as_of)
st.caption(f"{quarter_label(first)} · résultats à fin {fmt.month(review_scope.as_of, long=True)} · "
           f"plan en vigueur : version {review_scope.plan_version}"
           + (" · filtres actifs sur le tableau du trimestre" if scope.filters.active else ""))

latest_label = quarter_label(quarter_start(scope.as_of))
closed = show.closed_quarter_sentence(quarter_label(first), review_scope.as_of, scope.as_of)
if closed:
    note, go_latest = st.columns([4, 1], vertical_alignment="center")
    note.info(closed, icon=":material/history:")
    if latest_label in choices:
        go_latest.button(show.see_latest_label(review_scope.as_of, scope.as_of), icon=":material/fast_forward:",
                         key="voir_dernier_mois",
                         on_click=lambda: st.session_state.update({QUARTER_KEY: latest_label}))
saved = st.session_state.pop(SAVED_KEY, None)
if saved:
    st.success(plain(saved), icon=":material/check_circle:")

figures, strategic, remaining, action_roi, channel_roi = state_of.plan_figures(review_scope)
key = (chosen, review_scope.plan_version, store.data_version())
draft_state = state_of.draft(key, figures)
names = figures.drop_duplicates("action_id").set_index("action_id")["name"].to_dict()
facts = figures.drop_duplicates("action_id").set_index("action_id")

# -- 1. the quarter in brief --------------------------------------------------------------------------------------
st.subheader("Le trimestre en bref")
for column, card in zip(st.columns(3), show.brief_cards(quarter_brief(figures))):
    with column.container(border=True, height="stretch"):
        st.metric(card["label"], card["value"])
        st.caption(plain(card["caption"]))

# -- 2. the actions that need a decision ---------------------------------------------------------------------------
st.subheader("Décisions à prendre")
suggested = suggestions(figures, action_roi, channel_roi)
if suggested.empty:
    st.info("Aucune action n'attend de décision : aucune n'est à la fois en retard et coûteuse, ni en avance avec "
            "un ROI positif.", icon=":material/lightbulb:")
for row in suggested.itertuples(index=False):
    budget = starting_budget(facts.at[row.action_id, "planned"], facts.at[row.action_id, "spent"], row.suggestion)
    alone = drafting.one_decision_effect(figures, strategic, remaining, row.action_id, row.suggestion, budget,
                                         review_scope.as_of)
    with st.container(border=True):
        text_column, button_column = st.columns([5, 1], vertical_alignment="center")
        text_column.markdown(f"**{plain(show.suggestion_title(row.action_id, row.name, row.suggestion))}**  \n"
                             f"{plain(row.reason)}  \n{plain(show.effect_text(alone))}")
        if button_column.button("Reprendre", key=f"reprendre_{row.action_id}", icon=":material/add_task:",
                                help="Place la suggestion dans vos décisions, que vous pouvez encore modifier."):
            decisions = draft_state["decisions"]
            index = decisions.index[decisions["action_id"] == row.action_id]
            decisions.loc[index, "decision"] = row.suggestion
            decisions.loc[index, "new_budget"] = budget
            state_of.restart_editors(draft_state)
            st.rerun()

# -- 3. the decisions ------------------------------------------------------------------------------------------------
st.subheader("Vos décisions")
base = draft_state["decisions"].copy()
worst = worst_status(figures)  # each action by its worst indicator, as the brief counts it
base.insert(1, "action", [show.action_with_status(a, names.get(a), worst.get(a)) for a in base["action_id"]])
base.insert(2, "budget", base["action_id"].map(lambda a: fmt.euros(facts.at[a, "planned"])))
base.insert(3, "spent", base["action_id"].map(lambda a: fmt.euros(facts.at[a, "spent"])))
base["decision"] = base["decision"].map(show.DECISION_LABELS)
edited = st.data_editor(
    base, hide_index=True, width="stretch", key=f"decisions_{draft_state['generation']}", num_rows="fixed",
    disabled=["action", "action_id", "budget", "spent"],
    # Sized so that no name is cut; at 1280 px the comment and owner scroll in beside the pinned action.
    column_order=["action", "budget", "spent", "decision", "new_budget", "comment", "owner"],
    column_config={
        "action": st.column_config.TextColumn("Action", width=350, pinned=True,
                                              help="✔ en bonne voie, ⚠ à surveiller, ✖ en retard, — sans objectif à date."),
        "budget": st.column_config.TextColumn("Budget", alignment="right", width=80,
                                              help="Le budget de l'année dans la version en vigueur."),
        "spent": st.column_config.TextColumn("Dépensé", alignment="right", width=80,
                                             help="Dépensé à la fin du mois revu."),
        "decision": st.column_config.SelectboxColumn("Décision", options=show.decision_choices(), required=True,
                                                     width=110),
        # "localized": the browser's French (1 000), where a printf format would show 1000.
        "new_budget": st.column_config.NumberColumn("Nouveau budget (€)", min_value=0.0, step=100.0,
                                                    format="localized", width=145,
                                                    help="Arrêter : le budget devient ce qui est déjà dépensé."),
        "comment": st.column_config.TextColumn("Commentaire", width="medium"),
        "owner": st.column_config.TextColumn("Porteur"),
    })
decisions = edited.assign(decision=edited["decision"].map(show.decision_code))
draft_state["decisions"] = decisions[drafting.DECISION_COLUMNS].reset_index(drop=True)

move_column, add_column = st.columns(2)
with move_column.expander("Déplacer du budget d'une action à une autre", icon=":material/swap_horiz:"):
    with st.form("deplacer", border=False):
        labels = {a: f"{a} · {n}" for a, n in names.items()}
        source = st.selectbox("Retirer de", list(labels), format_func=labels.get, key="deplacer_de")
        target = st.selectbox("Donner à", list(labels), format_func=labels.get, key="deplacer_vers",
                              index=min(1, len(labels) - 1))
        amount_column, go = st.columns([2, 1], vertical_alignment="bottom")
        # A text field read as the import reads a French cell: « 1 000 », « 1 500,50 €» (never « 1000.00 »).
        amount_text = amount_column.text_input("Montant (€)", value=fmt.number(1000), key="deplacer_montant")
        moved = go.form_submit_button("Déplacer", icon=":material/swap_horiz:")
    if moved:
        try:
            amount = parse_number(amount_text) or 0.0
        except BadValue as exc:
            st.warning(plain(str(exc)), icon=":material/info:")
            amount = None
        decisions = draft_state["decisions"]
        spent = float(facts.at[source, "spent"] or 0)
        current = decisions.loc[decisions["action_id"] == source, "new_budget"].iloc[0]
        taken = min(amount, max(current - spent, 0.0)) if amount is not None else 0.0
        if amount is None:
            pass
        elif source == target or taken <= 0:
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

with add_column.expander("Ajouter une nouvelle action", icon=":material/add_circle:"):
    with st.form("nouvelle_action", clear_on_submit=True, border=False):
        first_row = st.columns([1, 3])
        new_id = first_row[0].text_input("ID", value=f"N{len(draft_state['new_actions']) + 1}")
        new_name = first_row[1].text_input("Action", placeholder="Salon 4 (décembre)")
        second_row = st.columns(2)
        levers = sorted(figures["lever"].dropna().unique())
        channels = sorted(figures["channel"].dropna().unique())
        new_lever = second_row[0].selectbox("Levier", levers)
        new_channel = second_row[1].selectbox("Canal", channels)
        third_row = st.columns(2)
        new_budget_text = third_row[0].text_input("Budget (€)", value=fmt.number(2000), key="nouvelle_budget")
        new_owner = third_row[1].text_input("Responsable")
        new_objectives = st.multiselect("Objectifs stratégiques servis", list(strategic["objective_id"]))
        new_comment = st.text_input("Commentaire")
        added = st.form_submit_button("Ajouter l'action", icon=":material/add:")
    if added:
        taken_ids = set(names) | set(draft_state["new_actions"]["action_id"])
        try:
            new_budget = parse_number(new_budget_text)
        except BadValue as exc:
            new_budget = None
            st.warning(plain(str(exc)), icon=":material/info:")
        if new_budget is None or new_budget < 0:
            st.warning("Donnez un budget, par exemple 2 000.", icon=":material/info:")
        elif not new_id.strip() or new_id.strip() in taken_ids or not new_name.strip():
            st.warning("Donnez un ID qui n'existe pas encore et un nom à la nouvelle action.", icon=":material/info:")
        else:
            row = {"action_id": new_id.strip(), "name": new_name.strip(), "lever": new_lever, "channel": new_channel,
                   "new_budget": new_budget, "owner": new_owner.strip(), "objective_ids": ";".join(new_objectives),
                   "comment": new_comment.strip()}
            draft_state["new_actions"] = pd.concat([draft_state["new_actions"], pd.DataFrame([row])],
                                                   ignore_index=True)
            st.rerun()
    for row in draft_state["new_actions"].itertuples(index=False):
        line, remove = st.columns([4, 1], vertical_alignment="center")
        line.markdown(f"**{plain(row.action_id)}** · {plain(row.name)} · {plain(row.channel)} · "
                      f"{fmt.euros(row.new_budget)}")
        if remove.button("Retirer", key=f"retirer_{row.action_id}"):
            keep = draft_state["new_actions"]["action_id"] != row.action_id
            draft_state["new_actions"] = draft_state["new_actions"][keep].reset_index(drop=True)
            st.rerun()

effect = drafting.project(figures, strategic, remaining, state_of.as_draft(draft_state, decisions), review_scope.as_of)

# -- 4. projected effect, live ---------------------------------------------------------------------------------------
st.subheader("Effet projeté de vos décisions")
cards = st.columns(1 + len(effect.objectives))
budget_change = effect.budget_after - effect.budget_before
# Each card's title is a caption (it wraps) over a metric whose own label is hidden: a metric label is cut to one line.
with cards[0].container(border=True, height="stretch"):
    st.caption("Budget total de l'année")
    st.metric("Budget total de l'année", fmt.euros(effect.budget_after),
              show.signed(budget_change, "€") + " par rapport au plan" if abs(budget_change) > 0.005 else None,
              delta_color="off", label_visibility="collapsed")
for column, row in zip(cards[1:], effect.objectives.to_dict("records")):
    unit = "€" if row["metric"] == "ca" else "nombre"
    title = f"{row['objective_id']} · {row['label']}"
    with column.container(border=True, height="stretch"):
        st.caption(plain(title), help=f"Cible {value(row['target'], unit)} ; atterrissage avant les décisions "
                                      f"{value(row['forecast_before'], unit)}.")
        st.metric(title, value(row["forecast_after"], unit),
                  show.signed(row["forecast_change"], unit) + " d'atterrissage"
                  if abs(row["forecast_change"]) > 0.05 else None, label_visibility="collapsed")
for line in show.budget_move_lines(effect.actions):
    st.markdown(plain(line).replace("\\*\\*", "**"))

# -- 5. saving a new version ---------------------------------------------------------------------------------------
versions = state_of.versions()
next_version = next_plan_version(store)
log = drafting.decision_log(effect, state_of.as_draft(draft_state, decisions))
changes = drafting.target_changes(effect, remaining)
with st.expander(f"Enregistrer la version {next_version} du plan · {show.pending_text(len(log), len(changes))}",
                 icon=":material/save:", expanded=not log.empty or not changes.empty):
    st.caption(show.version_note(review_scope.plan_version))
    with st.form("enregistrer", border=False):
        label_column, date_column = st.columns([3, 1])
        label = label_column.text_input("Nom de la version", value=f"Revue du {quarter_label(first)}")
        decided_on = date_column.date_input("Date de la revue", value=clock.today(), format="DD/MM/YYYY")
        note = st.text_area("Note", placeholder="Ce que la revue a conclu, en deux lignes.", height=68)
        save = st.form_submit_button(f"Enregistrer la version {next_version}", type="primary", icon=":material/save:")
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

# -- 6. the detail, behind tabs ------------------------------------------------------------------------------------
compare = len(versions) >= 2
tab_names = [quarter_label(first), "Année à date", "Coût par résultat", "Effet détaillé", "Mois restants",
             *(["Versions"] if compare else []), "Journal", "Hypothèses"]
tabs = dict(zip(tab_names, st.tabs(tab_names)))
quarter = show.quarter_table(state_of.quarter_figures(review_scope, first))
# Each tab holds a table narrow enough for 1280 px beside the sidebar: no name, status or figure cut.
with tabs[tab_names[0]]:
    st.caption("Objectif et réalisé du trimestre, action par action.")
    state_of.table(quarter[["Action", "Indicateur", "Statut", "Objectif T", "Réalisé T", "Rythme T"]],
                   widths={"Action": 295, "Indicateur": 125, "Statut": 150, "Objectif T": 80, "Réalisé T": 80,
                           "Rythme T": 70}, helps=show.QUARTER_HELP, height=420)
with tabs["Année à date"]:
    st.caption("Depuis janvier : objectif et réalisé à date, et l'atterrissage de fin d'année contre l'objectif de "
               "l'année.")
    state_of.table(quarter[["ID", "Indicateur", "Objectif à date", "Réalisé à date", "Rythme", "Atterrissage",
                            "Objectif année"]],
                   widths={"ID": 60, "Indicateur": 140, "Objectif à date": 110, "Réalisé à date": 110, "Rythme": 70,
                           "Atterrissage": 105, "Objectif année": 110}, helps=show.QUARTER_HELP, height=420)
with tabs["Coût par résultat"]:
    st.caption("Coût dépensé depuis janvier ÷ réalisé depuis janvier ; « (canal) » : l'action n'a encore ni dépense "
               "ni résultat, c'est celui de son canal.")
    state_of.table(quarter[["ID", "Action", "Indicateur", "Coût par résultat"]],
                   widths={"ID": 55, "Action": 290, "Indicateur": 125, "Coût par résultat": 340}, height=420)
with tabs["Effet détaillé"]:
    chart_column, table_column = st.columns([1, 2], gap="medium")
    with chart_column:
        st.altair_chart(objectives_effect_chart(effect.objectives), width="stretch")
    with table_column:
        objectives_table = show.objective_effect_table(effect.objectives)
        state_of.table(objectives_table[["ID", "Cible", "Atterrissage avant", "Atterrissage après", "Écart",
                                         "Atteinte après"]],
                       widths={"ID": 55, "Cible": 95, "Atterrissage avant": 120, "Atterrissage après": 120,
                               "Écart": 95, "Atteinte après": 105})
        st.caption(" · ".join(f"{row['ID']} : {plain(row['Objectif stratégique'])}"
                              for row in objectives_table.to_dict("records")))
    show_all = st.toggle("Toutes les actions", key="effet_toutes",
                         help="Sinon, seules les actions touchées par une décision.")
    effect_table = show.action_effect_table(effect.actions, only_changed=not show_all)
    if effect_table.empty:
        st.caption("Aucune décision ne change encore le plan : choisissez une décision ou un nouveau budget.")
    else:
        state_of.table(effect_table.drop(columns="Action"),
                       widths={"ID": 60, "Décision": 95, "Budget": 80, "Nouveau budget": 115, "Indicateur": 140,
                               "Atterrissage avant": 125, "Atterrissage après": 125, "Écart": 95})

with tabs["Mois restants"]:
    # Remaining months, fine control: what is typed replaces what the budget gives, for that action × indicator.
    if not remaining_months:
        st.caption("L'année est finie : il ne reste aucun mois à répartir.")
    else:
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
                                        column_config={c: st.column_config.NumberColumn(c, min_value=0.0,
                                                                                        format="localized")
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
                before = draft_state["month_targets"]
                after = pd.concat([before[before["action_id"] != month_action], typed[drafting.MONTH_COLUMNS]],
                                  ignore_index=True)
                if not drafting.same_month_targets(before, after):
                    draft_state["month_targets"] = after
                    st.rerun()  # the effect above is drawn from the month targets: draw it again with them
            typed_here = (draft_state["month_targets"]["action_id"] == month_action).any()
            st.caption("Objectifs saisis à la main pour cette action : ils remplacent ceux calculés depuis le budget."
                       if typed_here else "Objectifs calculés depuis le budget ; saisissez un mois pour le corriger.")
            if typed_here and st.button("Revenir aux objectifs calculés depuis le budget", icon=":material/undo:"):
                keep = draft_state["month_targets"]["action_id"] != month_action
                draft_state["month_targets"] = draft_state["month_targets"][keep]
                state_of.restart_editors(draft_state)
                st.rerun()

numbers = list(versions["version"])
version_a, version_b = (numbers[0], numbers[-1]) if numbers else (review_scope.plan_version,) * 2
if compare:
    with tabs["Versions"]:
        version_labels = {row["version"]: version_label(row) for row in versions.to_dict("records")}
        left, right = st.columns(2)
        # Keyed on the versions in force: a version saved (or undone) brings the choice back to first vs newest.
        version_a = left.selectbox("Version", numbers, index=0, format_func=version_labels.get,
                                   key=f"version_a_{numbers}")
        version_b = right.selectbox("comparée à", numbers, index=len(numbers) - 1, format_func=version_labels.get,
                                    key=f"version_b_{numbers}")
        compared = state_of.comparison(version_a, version_b, review_scope)
        st.caption(f"Atterrissages calculés à fin {fmt.month(review_scope.as_of, long=True)} avec les objectifs de "
                   "chaque version, contre le même réalisé.")
        state_of.table(show.totals_table(version_totals(compared, version_a, version_b),
                                         budget_totals(compared, version_a, version_b), version_a, version_b))
        state_of.table(show.comparison_table(compared, version_a, version_b), widths={"ID": 60}, height=420)

logged = show.decisions_log_table(state_of.decisions_log())
with tabs["Journal"]:
    if logged.empty:
        st.info("Aucune décision enregistrée : elles le sont avec une nouvelle version du plan.",
                icon=":material/gavel:")
    else:
        state_of.table(logged, widths={"ID": 60}, height=420)
with tabs["Hypothèses"]:
    st.markdown("\n".join(f"- {line}" for line in ASSUMPTIONS))

# -- the one export menu (filled last: the summary holds the decisions being edited) ---------------------------------
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
with export_slot.popover("Exporter", icon=":material/download:"):
    st.download_button("Résumé des décisions (PDF, une page)", summary, file_name=f"revue-{chosen.replace(' ', '-')}.pdf",
                       mime="application/pdf", icon=":material/picture_as_pdf:", width="stretch")
    for number in dict.fromkeys((version_a, version_b)):  # one button per distinct version
        st.download_button(f"Plan, version {number} (modèle Excel, réimportable)", plan_workbook(store, number),
                           file_name=f"plan-version-{number}.xlsx", mime=XLSX, icon=":material/table_view:",
                           key=f"export_version_{number}", width="stretch")
    if not logged.empty:
        st.download_button("Journal des décisions (Excel)", table_workbook(logged, "Décisions"),
                           file_name="journal-des-decisions.xlsx", mime=XLSX, icon=":material/gavel:",
                           width="stretch")
