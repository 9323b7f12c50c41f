"""The Données page's column-mapping step, for files that are not in our format: the saved mapping applied
with a notice (or a suggested one), the form to adjust it, what it still lacks, the same preview as our own
files plus the monthly figures it produced, and one button that imports through pac_core.access and saves the
mapping under the name the user typed. Nothing is written before the button."""

from __future__ import annotations

import streamlit as st

from pac_core.access import WriteRefused, import_mapped
from pac_core.display import data as data_text
from pac_core.display import mapping as text
from pac_core.import_preview import preview_import
from pac_core.mapping import ForeignTable, apply, known_actions, mapping_problems, suggest
from pac_core.store import Store, StoreError
from ui.data_page import MAPPINGS, Check, after_write
from ui.import_preview import show_preview
from ui.login import current_user
from pac_core.mapping.create import creation_problems
from pac_core.mapping.value_maps import borrow_choices
from pac_core.mapping.prepare import settle_formats
from ui.mapping_cells import fix_grid, format_questions, pending_fixes, row_options
from ui.mapping_form import Draft, key_prefix, mapping_form
from ui.mapping_layout import header_row_choice, layout_form
from ui import chrome
from ui.widgets import plain


def mapping_step(store: Store, check: Check) -> None:
    st.subheader(text.TITLE)
    for sentence in check.foreign_unreadable:
        st.error(plain(sentence), icon=":material/block:")
    table = _chosen_table(check.foreign)
    layout = st.expander(text.LAYOUT_TITLE, expanded=not table.guessed, icon=":material/view_quilt:")
    with layout:
        table = header_row_choice(table)
    actions = known_actions(store)
    draft = _draft(store, table, actions)
    prefix = key_prefix(table)
    if draft.saved_name:
        st.success(plain(text.saved_notice(draft.saved_name, draft.saved_at)), icon=":material/auto_fix_high:")
        holder = st.expander(text.EDIT, expanded=not draft.saved_ok, icon=":material/tune:")
    else:
        st.caption(text.INTRO)
        if draft.borrowed:
            st.caption(plain(text.borrowed_notice(draft.borrowed)))
        holder = st.container(border=True)
    with holder:
        mapping, unchosen = mapping_form(draft, actions, prefix)
    with layout:
        layout_missing = layout_form(draft, mapping, prefix)
    mapping.number_formats, mapping.date_orders = dict(draft.initial.number_formats), dict(draft.initial.date_orders)
    format_questions(table, mapping, draft.initial, prefix)
    row_options(mapping, draft.initial, store.context().plan_year, prefix,
                expanded=draft.last is not None and not draft.last[1].ok)
    mapping.cell_fixes = pending_fixes(draft.initial, prefix)
    problems = (mapping_problems(table, mapping) + text.unchosen_problems(unchosen) + layout_missing
                + creation_problems(mapping, {action.action_id: action for action in actions}))
    if problems:
        st.warning(text.MISSING_TITLE + "\n" + "\n".join(f"- {plain(problem)}" for problem in problems),
                   icon=":material/checklist:")
        return
    validation, preview = _checked(store, draft, mapping, actions)
    if not validation.ok:
        st.error(text.REFUSED.format(count=data_text.plural(len(validation.errors), "erreur")),
                 icon=":material/error:")
        chrome.table(data_text.issues_frame(validation.errors))
    fix_grid(table, validation.errors, prefix)
    if validation.warnings:
        with st.expander(f"Avertissements ({len(validation.warnings)})"):
            chrome.table(data_text.issues_frame(validation.warnings))
    if preview is None:
        st.caption(text.REFUSED_NOTHING_WRITTEN)
        return
    st.subheader(text.PREVIEW_TITLE)
    names = {**{action.action_id: action.name for action in actions},
             **{action_id: spec["name"] for action_id, spec in mapping.new_actions.items()}}
    monthly = text.monthly_frame(validation.batch, names)
    if len(monthly):
        st.caption(text.MONTHLY_TITLE)
        chrome.table(monthly)
    show_preview(preview, key=f"{prefix}-detail")
    st.caption(f"{data_text.PREVIEW_RULE} {text.NOTHING_WRITTEN.format(button=text.IMPORT_BUTTON)}")
    name = st.text_input(text.NAME_LABEL, value=draft.saved_name or text.default_name(table.source),
                         help=text.NAME_HELP, key=f"{prefix}-nom")
    if st.button(text.IMPORT_BUTTON, type="primary", icon=":material/upload:", key="importer-correspondance"):
        try:
            settle_formats(table, mapping)  # next month's export is read the same way
            outcome = import_mapped(store, validation, mapping, name, current_user())
        except (WriteRefused, StoreError) as exc:
            st.error(plain(str(exc)))
        else:
            saved = f" Correspondance « {' '.join(name.split())} » enregistrée pour les prochains fichiers."
            after_write("info" if outcome.already_imported else "success", data_text.imported_text(outcome) + saved)


def _chosen_table(tables: list[ForeignTable]) -> ForeignTable:
    """The sheet to map when the files hold several."""
    if len(tables) == 1:
        return tables[0]
    labels = [(f"{table.source} — {table.sheet_name}" if table.sheet_name != table.source else table.source)
              + ("" if table.guessed else f" ({text.UNGUESSED_SHEET})") for table in tables]
    position = st.selectbox(text.SHEET_CHOICE, range(len(tables)), format_func=labels.__getitem__,
                            key="correspondance-tableau")
    return tables[position]


def _draft(store: Store, table: ForeignTable, actions) -> Draft:
    """The file's draft, made once per file signature: the saved mapping for these columns, else a suggestion."""
    drafts = st.session_state.setdefault(MAPPINGS, {})
    draft = drafts.get(table.signature)
    if draft is not None and draft.table.file.sha256 == table.file.sha256 and draft.table.sheet_name == table.sheet_name:
        return draft
    if draft is not None:  # the same columns in another file (next month's): keep the choices, read this file
        draft.table, draft.last, draft.shapes, draft.by_kind = table, None, {}, {}
        return draft
    saved = store.mapping_for(table.signature)
    if saved is None:
        draft = Draft(table, suggest(table, actions))
        draft.borrowed = borrow_choices(table, draft.initial, store.saved_mappings(), actions)
    else:
        listed = store.mappings()
        when = listed.loc[listed["name"] == saved.name, "saved_at"]
        draft = Draft(table, saved, saved.name, when.iloc[0] if len(when) else None)
        draft.saved_ok = apply(table, saved, store.context(), actions).ok
    drafts[table.signature] = draft
    return draft


def _checked(store: Store, draft: Draft, mapping, actions):
    """The file read through the mapping and its preview, redone only when the mapping or the data change."""
    key = (mapping.to_json(), store.data_version())
    if draft.last is not None and draft.last[0] == key:
        return draft.last[1], draft.last[2]
    validation = apply(draft.table, mapping, store.context(), actions)
    preview = preview_import(store, validation.batch) if validation.ok else None
    draft.last = (key, validation, preview)
    return validation, preview
