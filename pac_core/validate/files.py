"""Validating a set of files that form one import."""

import collections
import datetime
import difflib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from pac_core.catalogue import MetricLookup
from pac_core.io.csv_file import read_csv
from pac_core.io.excel import read_xlsx
from pac_core.io.recognise import YEARLESS, FoundTable, header_score, recognise
from pac_core.io.sheet import UnreadableFile
from pac_core.io.sniff import XLSX, detect_format
from pac_core.tables import (ACTIONS, LOST_STAGE, OBJECTIVES, OPPORTUNITY_STATUSES, PIPELINE, PIPELINE_STAGES,
                             RESULTS, TABLES, TARGETS)
from pac_core.text import fold
from pac_core.threads import Background
from pac_core.validate.issues import ERROR, Issue, IssueLog
from pac_core.validate.table_reader import TableRows, read_rows
from pac_core.validate.weeks import check_weeks


@dataclass(frozen=True)
class SourceFile:
    name: str
    sha256: str
    size: int


@dataclass
class Context:
    """What the database already knows, for checks across imports."""

    known_actions: set = field(default_factory=set)
    known_objectives: set = field(default_factory=set)
    plan_year: int | None = None  # the latest year the database holds a plan for; earlier years are history
    action_years: dict = field(default_factory=dict)  # action ID → the year of its start date (None: undated)
    grains: object = None  # pac_core.weeks.Grains: the pairs followed by week and by month (validate/weeks.py)


@dataclass
class Batch:
    """Everything one import brings, typed and checked, ready for the store."""

    files: list[SourceFile]
    tables: dict[str, pd.DataFrame]  # only the tables present in the files
    scope_months: dict[str, set] = field(default_factory=dict)  # targets/results
    scope_pairs: dict[str, set] = field(default_factory=dict)  # targets/results: (action_id, metric)
    plan_year: int | None = None
    history_year: int | None = None  # figures of a year before this one are history (the database's plan year)
    new_metrics: tuple = ()  # catalogue.Metric: indicators this import creates (the column mapping's)
    weeks: dict = field(default_factory=dict)  # targets/results given by week: pac_core.weeks.WeekFigures

    @property
    def content_hash(self) -> str:
        """The same files, in any order, give the same hash."""
        return hashlib.sha256("".join(sorted(f.sha256 for f in self.files)).encode()).hexdigest()

    @property
    def file_names(self) -> str:
        return ", ".join(f.name for f in self.files)


@dataclass
class Validation:
    issues: list[Issue]
    batch: Batch | None  # None when an error blocks the import
    unreadable: bool = False  # a file could not be read at all (not a spreadsheet, missing…)
    no_plan_table: bool = False  # files read, but none holds a table of ours: column mapping may import them

    @property
    def ok(self) -> bool:
        return self.batch is not None

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.level == ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.level != ERROR]


def validate_files(paths, context: Context | None = None) -> Validation:
    context = context or Context()
    log = IssueLog()
    hashed, sheets, unreadable = [], [], False
    for path in map(Path, paths):
        try:
            raw = path.read_bytes()
        except OSError:
            log.error(path.name, None, None, None, None, f"Le fichier « {path.name} » est introuvable ou illisible.")
            unreadable = True
            continue
        digest = Background(lambda data: hashlib.sha256(data).hexdigest(), raw)  # overlaps the parsing
        hashed.append((path.name, digest, len(raw)))
        try:
            if detect_format(path, raw[:8192]) == XLSX:
                sheets.extend(read_xlsx(path))
            else:
                sheets.append(read_csv(path, header_score, raw))
        except UnreadableFile as exc:
            log.error(path.name, None, None, None, None, str(exc))
            unreadable = True
    recognition = recognise(sheets)
    for sheet, reason in recognition.problems:
        log.error(sheet.source, sheet.name, None, None, None, reason)
    for sheet, note in recognition.notes:
        log.warning(sheet.source, sheet.name, None, None, None, note)
    for found in recognition.found:
        if found.ignored:
            log.warning(found.sheet.source, found.sheet.name, found.header_row + 1, None, None,
                        "Colonnes ignorées : " + ", ".join(found.ignored) + ".", kind="ignored")
    for found in recognition.found:
        _check_formulas(found, log)
    no_plan_table = not recognition.found and not log.has_errors
    if no_plan_table:
        names = ", ".join(path.name for path in map(Path, paths))
        log.error(names, None, None, None, None,
                  "Aucune table du plan n'a été trouvée. Les feuilles attendues sont « Actions », « Objectifs », "
                  "« Réalisé », « Objectifs stratégiques » et « Pipeline », avec leurs en-têtes (voir le modèle Excel).")
    if log.has_errors:
        return Validation(log.finish(), None, unreadable, no_plan_table)

    metrics = MetricLookup()
    by_table: dict[str, list[FoundTable]] = collections.defaultdict(list)
    for found in recognition.found:
        by_table[found.table.name].append(found)
    parsed: dict[str, list[TableRows]] = {}
    unreadable_parts = []

    def read_all(table, plan_year):
        parts = []
        for found in by_table[table.name]:
            try:
                parts.append(read_rows(found, log, plan_year, metrics))
            except UnreadableFile as exc:  # a CSV body that pyarrow cannot parse
                log.error(found.sheet.source, None, None, None, None, str(exc))
                unreadable_parts.append(found)
        return parts

    for table in (ACTIONS, OBJECTIVES, PIPELINE):
        parsed[table.name] = read_all(table, None)
    plan_year = _plan_year(parsed, context, recognition.found)
    for table in (TARGETS, RESULTS):
        parsed[table.name] = read_all(table, plan_year)
    if unreadable_parts:
        return Validation(log.finish(), None, True)
    files = [SourceFile(name, digest.result(), size) for name, digest, size in hashed]
    return check_parts(parsed, files, context, plan_year, log)


def check_parts(parsed: dict[str, list[TableRows]], files: list[SourceFile], context: Context,
                plan_year: int | None, log: IssueLog) -> Validation:
    """The checks across tables and the batch, from typed rows: shared by our own format and by
    mapped foreign files (pac_core.mapping), so both are imported under the same rules."""
    parsed = {table.name: list(parsed.get(table.name, ())) for table in TABLES}
    batch = Batch(files, {}, plan_year=plan_year, history_year=max(filter(None, (plan_year, context.plan_year)),
                                                                   default=None))
    for table in TABLES:
        parts = parsed[table.name]
        if not parts:
            continue
        _check_duplicates(table, parts, log)
        batch.tables[table.name] = pd.concat([part.frame for part in parts], ignore_index=True)
        if table.value_column:
            batch.scope_months[table.name] = set().union(*(part.scope_months for part in parts))
            batch.scope_pairs[table.name] = set().union(*(part.scope_pairs for part in parts))
    _check_actions(parsed[ACTIONS.name], context, log)
    _keep_newer_actions(parsed[ACTIONS.name], batch, context, plan_year, log)
    _check_action_years(parsed[ACTIONS.name], plan_year, log)
    _check_objectives(parsed[OBJECTIVES.name], log)
    _check_figures(parsed, context, plan_year, log)
    _check_pipeline(parsed, context, log, batch)
    check_weeks(parsed, batch, context, log)  # one grain per pair and year, a week given once (issue 19)
    _check_something_to_import(parsed, batch, log)
    return Validation(log.finish(), None if log.has_errors else batch)


FORMULA_WITHOUT_RESULT = (
    "Cette cellule contient une formule dont le résultat n'a pas été enregistré avec le fichier (il a été "
    "produit par un programme, pas par Excel) : elle se lirait comme vide. Ouvrez le fichier dans Excel ou "
    "LibreOffice, enregistrez-le, puis déposez-le à nouveau.")


def _check_formulas(found: FoundTable, log: IssueLog) -> None:
    """A formula saved without its result would read as an empty cell: a figure silently lost."""
    read = set(found.columns) | set(found.month_columns)
    for row, column in found.sheet.formulas_without_result:
        if row > found.header_row and column in read:
            log.error(found.sheet.source, found.sheet.name, row + 1, found.column_label(column), None,
                      FORMULA_WITHOUT_RESULT, kind="formula")


def _check_something_to_import(parsed, batch: Batch, log: IssueLog) -> None:
    """Tables found with no row below their headers: say so, rather than import nothing without a word."""
    if any(len(frame) for frame in batch.tables.values()) or any(batch.scope_pairs.values()) or log.has_errors:
        return
    for parts in parsed.values():
        for part in parts:
            found = part.found
            log.error(part.source, part.sheet, found.header_row + 1, None, None,
                      f"Aucune ligne de données sous les en-têtes (ligne {found.header_row + 1}) : il n'y a rien "
                      "à importer. Remplissez le tableau sous les en-têtes, puis déposez le fichier à nouveau.")


def _shown_number(value: float) -> str:
    """A parsed number as a person would type it back: -1500, 1250,4."""
    return str(int(value)) if float(value).is_integer() else repr(float(value)).replace(".", ",")


def _plan_year(parsed, context: Context, found_tables) -> int | None:
    """The plan's year: from the actions' start dates, else the database, else the objectives' due dates."""
    years = collections.Counter()
    for part in parsed[ACTIONS.name]:
        years.update(d.year for d in part.frame["start_date"] if d is not None)
    if not years and context.plan_year:
        return context.plan_year
    if not years:
        for part in parsed[OBJECTIVES.name]:
            years.update(d.year for d in part.frame["due_date"] if d is not None)
    if not years:
        for found in found_tables:
            years.update(m.year for m in found.month_columns.values() if m.year > 1900)
    return years.most_common(1)[0][0] if years else None


def _check_duplicates(table, parts: list[TableRows], log: IssueLog) -> None:
    key = ["action_id", "metric", "month"] if table.value_column else list(table.key)
    frames = [part.frame[key].assign(file_row=part.rows, part_index=i) for i, part in enumerate(parts)]
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    duplicated = _duplicated(frame, key)
    if not duplicated.any():
        return
    frame = frame[duplicated]
    for _, group in frame.groupby(key, dropna=False, sort=False):
        first, *others = group.itertuples(index=False)
        first_part = parts[first.part_index]
        for other in others:
            part = parts[other.part_index]
            where = f"ligne {first.file_row}" + _elsewhere(first_part, part)
            label = " / ".join(_show(getattr(other, k)) for k in key)
            log.error(part.source, part.sheet, int(other.file_row), None, label,
                      f"Doublon : même clé que la {where}. Gardez une seule ligne (ou additionnez-les).",
                      kind="duplicate")


def _elsewhere(first: TableRows, other: TableRows) -> str:
    """Where the first row of a duplicate is, seen from the second: nothing when in the same sheet."""
    if first is other:
        return ""
    if first.source == other.source:
        return f" de la feuille « {first.sheet} »"
    if first.sheet == first.source:  # a CSV file
        return f" de « {first.source} »"
    return f" de la feuille « {first.sheet} » de « {first.source} »"


def _duplicated(frame: pd.DataFrame, key: list[str]) -> np.ndarray:
    """Rows whose key appears more than once, missing values included, from integer codes (fast on a
    million rows)."""
    combined = np.zeros(len(frame), dtype=np.int64)
    for column in key:
        codes, uniques = pd.factorize(frame[column], use_na_sentinel=False)
        combined = combined * (len(uniques) + 1) + codes
    return pd.Series(combined).duplicated(keep=False).to_numpy()


def _show(value) -> str:
    if isinstance(value, datetime.date):
        return value.strftime("%m/%Y")
    return "(toute l'entreprise)" if value is None or value != value else str(value)


def _check_actions(parts: list[TableRows], context: Context, log: IssueLog) -> None:
    for part in parts:
        frame = part.frame
        for position, row in enumerate(frame.itertuples(index=False)):
            line = int(part.rows[position])
            if row.budget is not None and row.budget == row.budget and row.budget < 0:
                log.error(part.source, part.sheet, line, part.label("budget"), _shown_number(row.budget),
                          "Budget négatif : indiquez le budget prévu, positif ou nul.")
            if row.start_date and row.end_date and row.end_date < row.start_date:
                log.error(part.source, part.sheet, line, part.label("end_date"), row.end_date.strftime("%d/%m/%Y"),
                          f"La fin ({row.end_date:%d/%m/%Y}) est avant le début ({row.start_date:%d/%m/%Y}) : "
                          "corrigez l'une des deux dates.")


def _check_action_years(parts: list[TableRows], plan_year: int | None, log: IssueLog) -> None:
    """An action that runs entirely outside the plan's year (a 2027 action in the 2026 plan) is imported, but
    said: its figures would be refused as outside the year, and it counts in no month of the plan."""
    if plan_year is None:
        return
    for part in parts:
        for position, row in enumerate(part.frame.itertuples(index=False)):
            start, end = row.start_date, row.end_date
            if (start and start.year > plan_year) or (end and end.year < plan_year):
                shown = (start if start and start.year > plan_year else end).strftime("%d/%m/%Y")
                column = part.label("start_date" if start and start.year > plan_year else "end_date")
                log.warning(part.source, part.sheet, int(part.rows[position]), column, shown,
                            f"Action « {row.action_id} » datée hors de l'année du plan ({plan_year}) : vérifiez "
                            "l'année de ses dates, ou importez-la avec le plan de son année.", kind="action-year")


def _check_objectives(parts: list[TableRows], log: IssueLog) -> None:
    for part in parts:
        for position, row in enumerate(part.frame.itertuples(index=False)):
            if row.target is not None and row.target == row.target and row.target < 0:
                log.error(part.source, part.sheet, int(part.rows[position]), part.label("target"),
                          _shown_number(row.target),
                          "Cible négative : indiquez la valeur à atteindre.")


def _check_figures(parsed, context: Context, plan_year, log: IssueLog) -> None:
    """Targets and results name known actions, fall in the plan's year; targets are not negative."""
    known = set(context.known_actions)
    for part in parsed[ACTIONS.name]:
        known.update(a for a in part.frame["action_id"] if a is not None)
    for table in (TARGETS, RESULTS):
        for part in parsed[table.name]:
            frame = part.frame
            ids = frame["action_id"]
            distinct = ids.cat.categories if isinstance(ids.dtype, pd.CategoricalDtype) else pd.unique(ids)
            for action_id in sorted({a for a in distinct if pd.notna(a)} - known):
                positions = np.flatnonzero((ids == action_id).to_numpy())
                close = difflib.get_close_matches(action_id, sorted(known), n=1)
                hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
                for position in positions[:1]:
                    more = f" ({len(positions)} lignes)" if len(positions) > 1 else ""
                    log.error(part.source, part.sheet, int(part.rows[position]), part.label("action_id"), action_id,
                              f"Action « {action_id} » inconnue{more}.{hint} Ajoutez-la dans la feuille Actions "
                              "ou corrigez l'identifiant.")
            if table is TARGETS:
                for position in np.flatnonzero(pd.isna(frame["action_id"]).to_numpy()):
                    log.error(part.source, part.sheet, int(part.rows[position]), part.label("action_id"), None,
                              "Objectif sans action : indiquez l'ID de l'action qui le porte.", kind="no-action")
                for position in np.flatnonzero(frame["value"].to_numpy(dtype=float) < 0):
                    log.error(part.source, part.sheet, int(part.rows[position]), _figure_label(part, position),
                              _shown_number(frame["value"].iat[position]),
                              "Objectif négatif : indiquez une valeur positive ou nulle.", kind="negative")
            if plan_year is not None and len(frame):
                _check_years(part, plan_year, max(plan_year, context.plan_year or plan_year), log)


def _check_years(part: TableRows, plan_year: int, current_year: int, log: IssueLog) -> None:
    """Figures of a year after the plan's are refused (a typo, or next year's plan imported without its actions);
    figures of earlier years are history (issue 19): imported, and said when they share a file with figures of the
    current year, where a wrong year is a typo more often than history."""
    years = part.frame["month"].dt.year.to_numpy()
    for position in np.flatnonzero(years > plan_year):
        month = part.frame["month"].iat[position]
        log.error(part.source, part.sheet, int(part.rows[position]), _period_label(part, month), f"{month:%m/%Y}",
                  f"Période après l'année du plan ({plan_year}) : corrigez l'année, ou importez ce chiffre avec "
                  "le plan de son année (sa feuille Actions).", kind="year")
    earlier = np.flatnonzero(years < current_year)
    if len(earlier) and (years == current_year).any() and not log.said(part.source, "history-year"):  # mapping's
        first = int(earlier[0])
        month = part.frame["month"].iat[first]
        named = " et ".join(str(year) for year in sorted(set(years[earlier].tolist())))
        count = len(earlier)
        log.warning(part.source, part.sheet, int(part.rows[first]), _period_label(part, month), f"{month:%m/%Y}",
                    f"{count} chiffre{'s' if count > 1 else ''} de {named} dans un fichier de {current_year} : "
                    f"{'ils seront importés' if count > 1 else 'il sera importé'} comme historique. Si l'année est "
                    "une erreur, corrigez-la avant d'importer.", kind="history-year")


def _keep_newer_actions(parts: list[TableRows], batch: Batch, context: Context, plan_year, log: IssueLog) -> None:
    """An action ID is one action across the years: a history file's Actions sheet (a 2025 plan imported after the
    2026 one) adds the actions the database lacks, but never replaces the newer year's name, dates, budget and
    owner of an action it already holds. Those rows are left out of the batch, and said once."""
    if ACTIONS.name not in batch.tables or not context.action_years:
        return
    frame = batch.tables[ACTIONS.name]
    own_years = [start.year if start else plan_year for start in frame["start_date"]]
    held = [context.action_years.get(action_id, context.plan_year) if action_id in context.known_actions else None
            for action_id in frame["action_id"]]
    older = [bool(year and kept and year < kept) for year, kept in zip(own_years, held)]
    if not any(older):
        return
    batch.tables[ACTIONS.name] = frame[[not flag for flag in older]].reset_index(drop=True)
    ids = [action_id for action_id, flag in zip(frame["action_id"], older) if flag]
    shown = ", ".join(ids[:8]) + (f" et {len(ids) - 8} autres" if len(ids) > 8 else "")
    first = parts[0]
    log.warning(first.source, first.sheet, None, None, None,
                f"{len(ids)} action{'s' if len(ids) > 1 else ''} déjà au plan d'une année plus récente ({shown}) : "
                "leur nom, leurs dates, leur budget et leur responsable actuels sont gardés ; les chiffres de ce "
                "fichier sont importés comme historique.", kind="history-actions")


def _figure_label(part: TableRows, position: int) -> str:
    """The column holding a figure: the value column, or in the wide layout the month's column."""
    if part.found.is_wide:
        return _period_label(part, part.frame["month"].iat[position])
    return part.label(part.found.table.value_column)


def _period_label(part: TableRows, month) -> str:
    """The column that gave a row its month: the period column, or in the wide layout the month's column."""
    if part.found.is_wide:
        month = pd.Timestamp(month).date()
        for index, header_month in part.found.month_columns.items():
            if header_month.year == YEARLESS:  # « janv. » took the plan's year
                header_month = header_month.replace(year=month.year)
            if header_month == month:
                return part.found.column_label(index)
    return part.label("period")


_STAGE_ALIASES = {
    "premier contact": 0, "contact": 0, "lead": 0, "prospect": 0, "nouveau": 0,
    "prise de rdv": 1, "rdv": 1, "rendez vous": 1, "rdv pris": 1, "meeting": 1,
    "demonstration realisee": 2, "demonstration": 2, "demo": 2,
    "proposition commerciale envoyee": 3, "proposition": 3, "proposal": 3, "devis envoye": 3,
    "signature de devis": 4, "signe": 4, "signature": 4, "gagne": 4, "won": 4, "closed won": 4,
}
_STATUS_ALIASES = {"en cours": "En cours", "ouvert": "En cours", "open": "En cours",
                   "gagnee": "Gagnée", "gagne": "Gagnée", "won": "Gagnée", "signe": "Gagnée", "signee": "Gagnée",
                   "perdue": "Perdue", "perdu": "Perdue", "lost": "Perdue", "abandonne": "Perdue"}


def _check_pipeline(parsed, context: Context, log: IssueLog, batch: Batch) -> None:
    """Stages and statuses take their canonical names; the status follows the stage when it is left blank."""
    if PIPELINE.name not in batch.tables:
        return
    known = set(context.known_actions)
    for part in parsed[ACTIONS.name]:
        known.update(a for a in part.frame["action_id"] if a is not None)
    fixed = []
    for part in parsed[PIPELINE.name]:
        frame = part.frame.copy()
        stages, statuses = [], []
        for position, row in enumerate(frame.itertuples(index=False)):
            line = int(part.rows[position])
            stage = _canonical_stage(row.stage)
            if stage is None:
                log.error(part.source, part.sheet, line, part.label("stage"), row.stage,
                          "Étape inconnue : utilisez " + ", ".join(f"« {s} »" for s in (*PIPELINE_STAGES, LOST_STAGE)) + ".",
                          kind="stage")
            status = _STATUS_ALIASES.get(fold(row.status)) if row.status else None
            if row.status and status is None:
                log.error(part.source, part.sheet, line, part.label("status"), row.status,
                          "Statut inconnu : utilisez " + ", ".join(f"« {s} »" for s in OPPORTUNITY_STATUSES) + ".",
                          kind="status")
            if status is None and stage is not None:
                status = "Perdue" if stage == LOST_STAGE else "Gagnée" if stage == PIPELINE_STAGES[-1] else "En cours"
            if row.action_id is not None and row.action_id not in known:
                log.error(part.source, part.sheet, line, part.label("action_id"), row.action_id,
                          "Action source inconnue : ajoutez-la dans la feuille Actions ou corrigez l'identifiant.",
                          kind="unknown-action")
            if row.amount is not None and row.amount == row.amount and row.amount < 0:
                log.error(part.source, part.sheet, line, part.label("amount"), _shown_number(row.amount),
                          "Montant négatif.", kind="negative")
            if row.created_on and row.closed_on and row.closed_on < row.created_on:
                log.error(part.source, part.sheet, line, part.label("closed_on"), f"{row.closed_on:%d/%m/%Y}",
                          "La clôture est avant la création : corrigez l'une des deux dates.", kind="dates")
            stages.append(stage)
            statuses.append(status)
        frame["stage"] = stages
        frame["status"] = statuses
        fixed.append(frame)
    batch.tables[PIPELINE.name] = pd.concat(fixed, ignore_index=True)


def _canonical_stage(raw) -> str | None:
    if raw is None:
        return None
    folded = fold(raw)
    if folded in ("perdu", "perdue", "lost", "closed lost"):
        return LOST_STAGE
    for index, stage in enumerate(PIPELINE_STAGES):
        if folded == fold(stage):
            return stage
    index = _STAGE_ALIASES.get(folded)
    return PIPELINE_STAGES[index] if index is not None else None
