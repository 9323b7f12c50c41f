"""What an import will change, computed before anything is written (read-only queries through Store.query).

It follows the store's rule (pac_core/store.py): targets and results speak for their (action, indicator)
pairs over their months — keys of that scope absent from the files are removed, the others replaced or
added; actions, strategic objectives and opportunities are replaced by their ID. The counts are the ones
the import will record; the totals are per table, indicator and month, all actions together (company-wide
figures apart), before and after.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pandas as pd

from pac_core import formatting as fmt
from pac_core.display import metric_label, metric_value, value
from pac_core.store import Store
from pac_core.validate import Batch

FIGURE_TABLES = {"targets": "main.targets", "results": "main.results"}  # the current plan version's targets
KEYED_TABLES = {"actions": ("main.actions", "action_id"),
                "strategic_objectives": ("main.strategic_objectives", "objective_id"),
                "opportunities": ("main.opportunities", "opportunity_id")}
TABLE_TITLES = {"actions": "Actions", "targets": "Objectifs", "results": "Réalisé",
                "strategic_objectives": "Objectifs stratégiques", "opportunities": "Pipeline",
                "metrics": "Indicateurs créés"}
COMPANY = "(toute l'entreprise)"
_NO_ACTION = ""  # the store's coalesce(action_id, ''): a company-wide figure


@dataclass(frozen=True)
class TableCounts:
    table: str
    added: int
    replaced: int
    removed: int = 0
    changed: int | None = None  # replaced rows whose figure differs (targets, results)


@dataclass(frozen=True)
class KeyChange:
    """One action (or objective, opportunity) and month — month None for tables keyed by ID."""

    table: str
    key: str | None  # action ID (None: company-wide), objective or opportunity ID
    month: datetime.date | None
    added: int
    replaced: int
    removed: int = 0


MAX_REMOVALS_LISTED = 5


@dataclass(frozen=True)
class Removal:
    """A stored figure that the import would remove (its key in the file's scope, its cell left empty)."""

    table: str
    action_id: str | None
    metric: str
    month: datetime.date
    value: float

    def sentence(self) -> str:
        """« Réalisé de mars 2026, A1, Chiffre d'affaires : 1 200 € »."""
        who = self.action_id or COMPANY
        return (f"{TABLE_TITLES[self.table]} {of_month(self.month)}, {who}, {metric_label(self.metric)} : "
                f"{metric_value(self.value, self.metric)}")


@dataclass(frozen=True)
class TotalChange:
    table: str
    metric: str  # a metric code, or "budget" for the actions' planned budget
    month: datetime.date | None
    before: float | None  # None: no figure at all
    after: float | None
    company: bool = False  # the company-wide figures (no action), kept apart from the actions' total
    created: object = None  # catalogue.Metric of an indicator the import creates (not in the catalogue yet)

    def sentence(self) -> str:
        """« Réalisé de mai 2026 : Chiffre d'affaires 48 000 € → 52 300 € »."""
        if self.metric == "budget":
            return f"Budget total des actions : {fmt.euros(self.before)} → {fmt.euros(self.after)}"
        if self.metric == "deals":
            return f"Pipeline : {fmt.number(self.before or 0, 0)} opportunités → {fmt.number(self.after or 0, 0)}"
        if self.metric == "deal_amount":
            return f"Pipeline : montant total {fmt.euros(self.before)} → {fmt.euros(self.after)}"
        label = (self.created.label_fr if self.created else metric_label(self.metric)) + (
            f" {COMPANY}" if self.company else "")
        shown = (lambda amount: value(amount, self.created.unit)) if self.created else (
            lambda amount: metric_value(amount, self.metric))
        return f"{TABLE_TITLES[self.table]} {of_month(self.month)} : {label} {shown(self.before)} → {shown(self.after)}"

    @property
    def differs(self) -> bool:
        return self.before != self.after


@dataclass
class ImportPreview:
    counts: list[TableCounts] = field(default_factory=list)
    changes: list[KeyChange] = field(default_factory=list)
    totals: list[TotalChange] = field(default_factory=list)
    already_imported: str | None = None  # the store's sentence when the same files are imported and not undone
    created: list[str] = field(default_factory=list)  # « Nouvel indicateur : … », « Nouvelle action : … »
    new_metrics: int = 0
    removals: list[Removal] = field(default_factory=list)  # stored figures the import would remove
    history: str | None = None  # « 1 248 chiffres de 2024 et 2025 (historique) »: figures of years before the plan's

    def removal_warning(self) -> str | None:
        """« 2 chiffres enregistrés seraient retirés : … », or None when the import removes nothing.

        The file speaks for its actions, indicators and months: a stored figure it leaves empty is removed.
        That is what a correction wants, and what a blank or broken cell does by mistake, so it is always said."""
        if not self.removals:
            return None
        count = len(self.removals)
        listed = " ; ".join(removal.sentence() for removal in self.removals[:MAX_REMOVALS_LISTED])
        more = f" ; et {count - MAX_REMOVALS_LISTED} autres" if count > MAX_REMOVALS_LISTED else ""
        head = ("1 chiffre enregistré serait retiré" if count == 1
                else f"{fmt.number(count, 0)} chiffres enregistrés seraient retirés")
        return (f"{head} : {listed}{more}. Le fichier laisse ces cases vides alors qu'il couvre leurs actions, "
                "indicateurs et mois : si ce n'est pas voulu, remplissez-les avant d'importer.")

    def row_counts(self) -> dict:
        """The counts in the store's words (ImportOutcome.row_counts), to compare with what it records."""
        counts = {"metrics": {"lignes": self.new_metrics, "ajoutées": self.new_metrics}} if self.new_metrics else {}
        for count in self.counts:
            counts[count.table] = {"lignes": count.added + count.replaced, "ajoutées": count.added,
                                   "remplacées": count.replaced}
            if count.table in FIGURE_TABLES:
                counts[count.table]["retirées"] = count.removed
        return counts


def of_month(month: datetime.date) -> str:
    """'de mai 2026', 'd'avril 2026': French elides 'de' before a vowel."""
    name = fmt.month(month, long=True)
    return f"d'{name}" if name[0] in "aeiouéè" else f"de {name}"


def preview_import(store: Store, batch: Batch) -> ImportPreview:
    """What importing `batch` into `store` would add, replace and remove, and the totals it would move."""
    preview = ImportPreview(already_imported=_already_imported(store, batch), new_metrics=len(batch.new_metrics))
    preview.created = [created_metric(metric) for metric in batch.new_metrics]
    preview.history = history_sentence(batch)
    for name, frame in batch.tables.items():
        if name in FIGURE_TABLES:
            _preview_figures(store, name, frame, batch, preview)
        elif name in KEYED_TABLES:
            _preview_keyed(store, name, frame, preview)
    return preview


def only_history(batch: Batch) -> bool:
    """True when everything the batch brings is of years before the plan's (its actions included): a bilan's
    material, not a change of this year's plan — the plan's quality (pac_core.smart) has nothing to say of it."""
    if batch.history_year is None:
        return False
    for name, frame in batch.tables.items():
        column = {"targets": "month", "results": "month", "actions": "start_date"}.get(name)
        if column is None:
            return False
        years = pd.to_datetime(frame[column]).dt.year
        if years.isna().any() or (years >= batch.history_year).any():
            return False
    return bool(batch.tables)


def history_sentence(batch: Batch) -> str | None:
    """« 1 248 chiffres de 2024 et 2025 (historique) », or None: the objectives and results of years before the
    plan's year, which the import keeps as history (issue 19) — said, so that a wrong year is seen before import."""
    if batch.history_year is None:
        return None
    years: dict[int, int] = {}
    for name in FIGURE_TABLES:
        frame = batch.tables.get(name)
        if frame is None or not len(frame):
            continue
        counted = pd.to_datetime(frame["month"]).dt.year.value_counts()
        for year, count in counted.items():
            if year < batch.history_year:
                years[int(year)] = years.get(int(year), 0) + int(count)
    if not years:
        return None
    count = sum(years.values())
    named = " et ".join(map(str, sorted(years))) if len(years) <= 2 else (
        ", ".join(map(str, sorted(years)[:-1])) + f" et {max(years)}")
    figures = "1 chiffre" if count == 1 else f"{fmt.number(count, 0)} chiffres"
    return f"{figures} de {named} (historique)"


_AGGREGATIONS = {"sum": "additionné sur les mois", "last": "dernière valeur du mois le plus récent"}


def created_metric(metric) -> str:
    """« Nouvel indicateur : Sessions (nombre, activité, additionné sur les mois) »."""
    return (f"Nouvel indicateur : {metric.label_fr} ({metric.unit}, {metric.family}, "
            f"{_AGGREGATIONS.get(metric.aggregation, metric.aggregation)})")


def created_action(action_id: str, name: str, channel, owner) -> str:
    """« Nouvelle action : A13 — Google Ads (canal Publicité en ligne, responsable Léa Martin) »."""
    details = [f"canal {channel}" if channel else "sans canal", f"responsable {owner}" if owner else "sans responsable"]
    return f"Nouvelle action : {action_id} — {name} ({', '.join(details)})"


def _already_imported(store: Store, batch: Batch) -> str | None:
    """The same files were imported (and not undone): importing them again will do nothing (see Store.import_batch)."""
    previous = store.query("SELECT import_id, imported_at FROM history.imports WHERE content_hash = ? "
                           "AND undone_at IS NULL ORDER BY import_id DESC LIMIT 1", [batch.content_hash])
    if previous.empty:
        return None
    import_id, when = previous.iloc[0]
    return (f"Ces fichiers ont déjà été importés le {fmt.local_time(when)} (import n° {import_id}) : "
            "les importer à nouveau ne changera rien.")


def _keys(frame: pd.DataFrame) -> pd.DataFrame:
    """action_id ('' for company-wide), metric, month as date, value: comparable on both sides."""
    return pd.DataFrame({
        "action_id": frame["action_id"].astype(object).fillna(_NO_ACTION).astype(str).to_numpy(),
        "metric": frame["metric"].astype(str).to_numpy(),
        "month": pd.to_datetime(frame["month"]).dt.date.to_numpy(),
        "value": frame["value"].to_numpy(dtype=float)})


def _preview_figures(store: Store, name: str, frame: pd.DataFrame, batch: Batch, preview: ImportPreview) -> None:
    pairs = pd.DataFrame([(_NO_ACTION if a is None else a, m) for a, m in batch.scope_pairs.get(name, set())],
                         columns=["action_id", "metric"])
    months = sorted(batch.scope_months.get(name, set()))
    if pairs.empty or not months:
        return
    metrics = sorted(set(pairs["metric"]))
    current = _keys(store.query(
        f"SELECT action_id, metric, month, value FROM {FIGURE_TABLES[name]} "
        "WHERE list_contains($metrics, metric) AND list_contains($months, month)",
        {"metrics": metrics, "months": months}))
    incoming = _keys(frame)
    key = ["action_id", "metric", "month"]
    in_scope = current.merge(pairs, on=["action_id", "metric"])
    merged = in_scope.merge(incoming, on=key, how="outer", suffixes=("_before", "_after"), indicator=True)
    merged["added"] = merged["_merge"] == "right_only"
    merged["removed"] = merged["_merge"] == "left_only"
    merged["replaced"] = merged["_merge"] == "both"
    changed = merged["replaced"] & (merged["value_before"] != merged["value_after"])
    preview.counts.append(TableCounts(name, int(merged["added"].sum()), int(merged["replaced"].sum()),
                                      int(merged["removed"].sum()), int(changed.sum())))
    gone = merged[merged["removed"]].sort_values(["month", "action_id", "metric"])
    preview.removals += [Removal(name, row.action_id or None, row.metric, row.month, float(row.value_before))
                         for row in gone.itertuples(index=False)]
    per_key = merged.groupby(["action_id", "month"], sort=True)[["added", "replaced", "removed"]].sum()
    for (action_id, month), row in per_key.iterrows():
        preview.changes.append(KeyChange(name, action_id or None, month, int(row["added"]), int(row["replaced"]),
                                         int(row["removed"])))
    outside = current.merge(in_scope[key], on=key, how="left", indicator=True)
    after = pd.concat([outside[outside["_merge"] == "left_only"].drop(columns="_merge"), incoming], ignore_index=True)
    before_totals, after_totals = _totals(current), _totals(after)
    spoken_for = {(metric, action_id == _NO_ACTION) for action_id, metric in pairs.itertuples(index=False)}
    created = {metric.code: metric for metric in batch.new_metrics}
    for month in months:  # month by month, each indicator, the actions' total before the company-wide figure
        for metric in metrics:
            for company in (False, True):
                where = (metric, month, company)
                before, after_total = before_totals.get(where), after_totals.get(where)
                if (metric, company) in spoken_for and (before, after_total) != (None, None):
                    preview.totals.append(TotalChange(name, metric, month, before, after_total, company,
                                                      created.get(metric)))


def _totals(frame: pd.DataFrame) -> dict:
    """{(metric, month, company-wide?): sum of the values}."""
    grouped = frame.assign(company=frame["action_id"] == _NO_ACTION).groupby(["metric", "month", "company"])
    return {key: float(value) for key, value in grouped["value"].sum().items()}


def _preview_keyed(store: Store, name: str, frame: pd.DataFrame, preview: ImportPreview) -> None:
    table, key = KEYED_TABLES[name]
    ids = [str(i) for i in frame[key].dropna()]
    existing = set(store.query(f"SELECT {key} FROM {table} WHERE list_contains($ids, {key})", {"ids": ids})[key])
    replaced = [i for i in ids if i in existing]
    preview.counts.append(TableCounts(name, len(ids) - len(replaced), len(replaced)))
    if name == "actions":
        preview.created += [created_action(row.action_id, row.name, row.channel, row.owner)
                            for row in frame.itertuples(index=False) if str(row.action_id) not in existing]
    for identifier in sorted(ids):
        preview.changes.append(KeyChange(name, identifier, None, int(identifier not in existing),
                                         int(identifier in existing)))
    if name == "opportunities":  # deals added to the pipeline move its count and amount: say so
        deals = store.query("SELECT opportunity_id, amount FROM main.opportunities")
        kept = deals[~deals["opportunity_id"].astype(str).isin(ids)]
        amounts = pd.to_numeric(frame["amount"], errors="coerce").fillna(0)
        preview.totals.append(TotalChange(name, "deals", None, float(len(deals)), float(len(kept) + len(ids))))
        preview.totals.append(TotalChange(name, "deal_amount", None, float(deals["amount"].fillna(0).sum()),
                                          float(kept["amount"].fillna(0).sum() + amounts.sum())))
    if name == "actions":
        budgets = store.query("SELECT action_id, budget FROM main.actions")
        before = budgets["budget"].sum() if len(budgets) else None
        kept = budgets[~budgets["action_id"].isin(ids)]["budget"]
        after = float(kept.sum() + frame["budget"].astype(float).sum())
        preview.totals.append(TotalChange(name, "budget", None, None if before is None else float(before), after))
