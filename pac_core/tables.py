"""The workbook format of DESIGN.md: each table, its sheet names and its columns with their aliases.

French headers are canonical (they are what the template writes); English aliases are accepted.
Matching is done on folded names (see pac_core.text.fold).
"""

from dataclasses import dataclass, field

from pac_core.text import fold

# Kinds of value a column holds; pac_core.validate parses each kind.
TEXT = "text"
IDENT = "ident"  # an identifier: kept as text, leading zeros kept
NUMBER = "number"
DATE = "date"
PERIOD = "period"  # a month, a quarter ("T1 2026") or a year
METRIC = "metric"  # an indicator: code or any label of the catalogue


@dataclass(frozen=True)
class Column:
    name: str  # internal name, also the database column
    header: str  # canonical French header
    kind: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    def names(self) -> tuple[str, ...]:
        return (self.header, self.name, *self.aliases)


@dataclass(frozen=True)
class Table:
    name: str  # internal name, also the database table
    sheet: str  # canonical sheet name
    sheet_aliases: tuple[str, ...]
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # what makes a row unique in a file
    value_column: str | None = None  # long format: the column holding the figure (targets, results)
    optional: bool = False
    notes: str = ""
    columns_by_name: dict = field(default_factory=dict, compare=False, repr=False)

    def column(self, name: str) -> Column:
        return next(col for col in self.columns if col.name == name)

    @property
    def required_columns(self) -> tuple[Column, ...]:
        return tuple(col for col in self.columns if col.required)


ACTIONS = Table(
    name="actions",
    sheet="Actions",
    sheet_aliases=("actions", "plan", "plan d'action", "plan d action commercial", "pac"),
    columns=(
        Column("action_id", "ID action", IDENT, ("id", "code action", "action id", "n° action", "ref action"), True),
        Column("lever", "Levier", TEXT, ("axe", "lever", "axis")),
        Column("name", "Action", TEXT, ("nom", "libellé", "intitulé", "name", "action name"), True),
        Column("channel", "Canal", TEXT, ("channel", "canal de vente", "canal d'acquisition")),
        Column("kind", "Type", TEXT, ("type d'action", "kind", "action type")),
        Column("segment", "Cible", TEXT, ("segment", "cible visée", "target segment", "audience")),
        Column("owner", "Responsable", TEXT, ("owner", "pilote", "porteur", "responsable de l'action")),
        Column("start_date", "Début", DATE, ("date de début", "debut", "start", "start date", "date début")),
        Column("end_date", "Fin", DATE, ("date de fin", "end", "end date", "échéance action")),
        Column("budget", "Budget", NUMBER, ("budget prévu", "budget planifié", "planned budget", "budget (€)")),
        Column("status", "Statut", TEXT, ("status", "état", "etat")),
        Column("objective_ids", "Objectif stratégique", TEXT,
               ("objectifs stratégiques", "objectif", "strategic objective", "strategic objectives", "id objectif")),
    ),
    key=("action_id",),
)

TARGETS = Table(
    name="targets",
    sheet="Objectifs",
    sheet_aliases=("objectifs", "objectifs opérationnels", "targets", "cibles chiffrées", "objectifs operationnels"),
    columns=(
        Column("action_id", "ID action", IDENT, ACTIONS.column("action_id").aliases, True),
        Column("metric", "Indicateur", METRIC, ("kpi", "metric", "indicator", "mesure"), True),
        Column("period", "Période", PERIOD, ("mois", "month", "period", "date", "trimestre")),
        Column("value", "Objectif", NUMBER, ("target", "cible", "valeur cible", "objectif chiffré", "valeur")),
    ),
    key=("action_id", "metric", "period"),
    value_column="value",
)

RESULTS = Table(
    name="results",
    sheet="Réalisé",
    sheet_aliases=("réalisé", "realise", "réalisés", "résultats", "results", "actuals", "suivi"),
    columns=(
        Column("action_id", "ID action", IDENT, ACTIONS.column("action_id").aliases),
        Column("metric", "Indicateur", METRIC, ("kpi", "metric", "indicator", "mesure"), True),
        Column("period", "Période", PERIOD, ("mois", "month", "period", "date")),
        Column("value", "Réalisé", NUMBER, ("actual", "réel", "valeur", "value", "résultat", "réalisation")),
    ),
    key=("action_id", "metric", "period"),
    value_column="value",
    notes="Sans ID action, la ligne est un chiffre de toute l'entreprise.",
)

OBJECTIVES = Table(
    name="strategic_objectives",
    sheet="Objectifs stratégiques",
    sheet_aliases=("objectifs strategiques", "objectifs stratégiques", "strategic objectives", "stratégie", "objectifs annuels"),
    columns=(
        Column("objective_id", "ID", IDENT, ("id objectif", "objective id", "code"), True),
        Column("label", "Objectif", TEXT, ("objectif stratégique", "libellé", "objective", "intitulé"), True),
        Column("metric", "Indicateur", METRIC, ("kpi", "metric", "indicator"), True),
        Column("baseline", "Référence", NUMBER, ("valeur de référence", "baseline", "point de départ", "départ")),
        Column("target", "Cible", NUMBER, ("objectif chiffré", "target", "valeur cible"), True),
        Column("due_date", "Échéance", DATE, ("date cible", "due date", "deadline", "échéance")),
    ),
    key=("objective_id",),
    optional=True,
)

PIPELINE = Table(
    name="opportunities",
    sheet="Pipeline",
    sheet_aliases=("pipeline", "opportunités", "opportunites", "opportunities", "affaires", "deals"),
    columns=(
        Column("opportunity_id", "ID opportunité", IDENT, ("id opportunite", "opportunity id", "id affaire", "deal id", "id"), True),
        Column("account", "Compte", TEXT, ("client", "account", "société", "entreprise", "prospect")),
        Column("action_id", "ID action", IDENT, ("action source", "source action", "action id")),
        Column("channel", "Canal", TEXT, ("source", "channel", "origine", "lead source")),
        Column("stage", "Étape", TEXT, ("stage", "étape de vente", "phase"), True),
        Column("amount", "Montant", NUMBER, ("amount", "montant (€)", "valeur", "montant ht")),
        Column("created_on", "Création", DATE, ("date de création", "created", "created date", "date création", "ouverture")),
        Column("closed_on", "Clôture", DATE, ("date de clôture", "closed", "close date", "date clôture", "date de signature")),
        Column("status", "Statut", TEXT, ("status", "état", "etat")),
    ),
    key=("opportunity_id",),
    optional=True,
)

TABLES: tuple[Table, ...] = (ACTIONS, TARGETS, RESULTS, OBJECTIVES, PIPELINE)
TABLES_BY_NAME = {table.name: table for table in TABLES}

# Default pipeline stages, in order (DESIGN.md, from the seed), and the closing ones.
PIPELINE_STAGES = (
    "Premier contact",
    "Prise de RDV",
    "Démonstration réalisée",
    "Proposition commerciale envoyée",
    "Signature de devis",
)
LOST_STAGE = "Perdu"
OPPORTUNITY_STATUSES = ("En cours", "Gagnée", "Perdue")

# Values offered in the template's drop-down lists (free text is still accepted).
ACTION_KINDS = ("Acquisition", "Fidélisation", "Vente additionnelle")
ACTION_STATUSES = ("Prévue", "En cours", "Terminée", "Suspendue", "Abandonnée")
CHANNELS = (
    "Salon", "Site web / SEO", "Réseaux sociaux", "Téléprospection", "Emailing",
    "Base de données", "SEA", "Prospection terrain", "Prescripteurs", "Événement",
)


def table_for_sheet(sheet_name: str) -> Table | None:
    """The table a sheet holds, from its name alone."""
    folded = fold(sheet_name)
    for table in TABLES:
        if folded in {fold(table.sheet), *map(fold, table.sheet_aliases)}:
            return table
    return None


def column_for_header(table: Table, header: object) -> Column | None:
    """The column of `table` that a header names, matched on folded names."""
    folded = fold(header)
    if not folded:
        return None
    for column in table.columns:
        if folded in {fold(name) for name in column.names()}:
            return column
    return None
