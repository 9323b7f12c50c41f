"""The metric catalogue: DESIGN.md's defaults plus the indicators a company adds (« Sessions », « Visites
salon »), and how a label typed by a person finds its metric.

The database keeps each company's catalogue (`metrics`); the store that opens it makes it the catalogue every
lookup reads (`use_catalogue`), since one process serves one company's database.
"""

from dataclasses import dataclass
import difflib
import re

from pac_core.text import fold

SUM = "sum"  # a flow: summed over months
LAST = "last"  # a stock: the value at the latest month


@dataclass(frozen=True)
class Metric:
    code: str
    label_fr: str
    label_en: str
    unit: str  # "nombre", "€" or "%"
    family: str  # "activité", "performance", "coût" or "stock"
    aggregation: str  # SUM or LAST
    higher_is_better: bool
    aliases: tuple[str, ...] = ()

    @property
    def is_stock(self) -> bool:
        return self.aggregation == LAST


DEFAULT_METRICS: tuple[Metric, ...] = (
    Metric("contacts", "Contacts", "Contacts", "nombre", "activité", SUM, True,
           ("contacts recueillis", "contacts qualifiés", "conversions")),
    Metric("appels", "Appels", "Calls", "nombre", "activité", SUM, True,
           ("appels téléphoniques", "calls")),
    Metric("rdv", "Rendez-vous", "Meetings", "nombre", "activité", SUM, True,
           ("RDV", "rendez-vous obtenus", "meetings")),
    Metric("publications", "Publications", "Posts", "nombre", "activité", SUM, True,
           ("posts", "publications réseaux sociaux")),
    Metric("impressions", "Impressions", "Impressions", "nombre", "activité", SUM, True,
           ("impr.", "affichages")),
    Metric("clics", "Clics", "Clicks", "nombre", "activité", SUM, True,
           ("clics sur le lien", "link clicks")),
    Metric("leads", "Leads", "Leads", "nombre", "activité", SUM, True,
           ("lead", "leads générés")),
    Metric("devis", "Devis envoyés", "Proposals sent", "nombre", "activité", SUM, True,
           ("propositions commerciales", "proposals")),
    Metric("ca", "Chiffre d'affaires", "Revenue", "€", "performance", SUM, True,
           ("CA", "CA signé", "revenue", "ventes")),
    Metric("nouveaux_clients", "Nouveaux clients", "New clients", "nombre", "performance", SUM, True,
           ("new clients", "clients gagnés")),
    Metric("grands_comptes", "Grands comptes", "Key accounts", "nombre", "stock", LAST, True,
           ("key accounts", "grands comptes signés")),
    Metric("clients_actifs", "Clients actifs", "Active clients", "nombre", "stock", LAST, True,
           ("active clients",)),
    Metric("cout", "Coût", "Cost", "€", "coût", SUM, False,
           ("coût réel", "dépenses", "dépensé", "spend", "cost")),
)

# The open company's catalogue: the defaults, then what it added. Kept up to date in place by `use_catalogue`.
METRICS_BY_CODE: dict[str, Metric] = {metric.code: metric for metric in DEFAULT_METRICS}
UNITS = ("nombre", "€", "%")
NEW_METRIC_FAMILIES = ("activité", "performance")  # what a company adds: its own activity or result
_CODE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
_owner: list = [None]  # who set the catalogue in use (a Store), so that only it puts the defaults back


def all_metrics() -> tuple[Metric, ...]:
    """Every indicator of the open company's catalogue, the defaults first."""
    return tuple(METRICS_BY_CODE.values())


def use_catalogue(metrics, owner=None) -> None:
    """Make `metrics` (the defaults and a company's own) the catalogue every lookup reads."""
    METRICS_BY_CODE.clear()
    METRICS_BY_CODE.update({metric.code: metric for metric in DEFAULT_METRICS})
    METRICS_BY_CODE.update({metric.code: metric for metric in metrics})
    _owner[0] = owner


def release_catalogue(owner) -> None:
    """The defaults back, when the database that set the catalogue closes (and no other has set it since)."""
    if _owner[0] is owner:
        use_catalogue(())


def metric_from_row(code, label_fr, label_en, unit, family, aggregation, higher_is_better, aliases="") -> Metric:
    """A metric as the database keeps it (aliases joined by « | »)."""
    return Metric(code, label_fr, label_en or label_fr, unit, family, aggregation, bool(higher_is_better),
                  tuple(alias for alias in str(aliases or "").split("|") if alias))


def code_for_label(label: str) -> str:
    """A code for a new indicator, from its French label: « Visites du salon » → visites_du_salon."""
    words = re.sub(r"[^a-z0-9]+", "_", fold(label)).strip("_")
    code = words if words[:1].isalpha() else f"i_{words}"
    return code[:40].rstrip("_") or "indicateur"


def new_metric(label_fr: str, unit: str = "nombre", family: str = "activité", aggregation: str = SUM,
               code: str | None = None, aliases: tuple[str, ...] = ()) -> Metric:
    """An indicator a company adds; `metric_problems` says what is wrong with it first."""
    label = " ".join(str(label_fr).split())
    return Metric(code or code_for_label(label), label, label, unit, family, aggregation, True,
                  tuple(dict.fromkeys(a for a in aliases if fold(a) and fold(a) != fold(label))))


def metric_problems(metric: Metric, known=None) -> list[str]:
    """Why this new indicator cannot join the catalogue, in French (none: it can). Its code and every name
    must be new: a file's « Clics » must never hesitate between two indicators."""
    known = all_metrics() if known is None else tuple(known)
    problems = []
    if not metric.label_fr:
        problems.append("Donnez un nom à l'indicateur (par exemple « Visites »).")
    if not _CODE.match(metric.code):
        problems.append(f"Le code « {metric.code} » ne convient pas : 2 à 40 lettres minuscules sans accent, "
                        "chiffres ou « _ », commençant par une lettre.")
    if metric.unit not in UNITS:
        problems.append(f"Unité « {metric.unit} » inconnue : choisissez nombre, € ou %.")
    if metric.family not in NEW_METRIC_FAMILIES:
        problems.append("Un nouvel indicateur est une activité ou une performance.")
    if metric.aggregation not in (SUM, LAST):
        problems.append("Choisissez si l'indicateur s'additionne sur les mois ou garde la dernière valeur.")
    for other in known:
        if other.code == metric.code:
            problems.append(f"Le code « {metric.code} » est déjà celui de l'indicateur « {other.label_fr} ».")
            continue
        taken = {fold(name) for name in metric_names(other)}
        clash = next((name for name in metric_names(metric)[1:] if fold(name) in taken), None)
        if clash is not None:
            problems.append(f"« {clash} » désigne déjà l'indicateur « {other.label_fr} » : choisissez un autre nom, "
                            "ou associez la colonne à cet indicateur.")
    return problems


def metric_names(metric: Metric) -> tuple[str, ...]:
    """Every name a person may type for this metric."""
    return (metric.code, metric.label_fr, metric.label_en, *metric.aliases)


class MetricLookup:
    """Finds a metric code from any of its names, in any case, with or without accents."""

    def __init__(self, metrics=None):
        metrics = all_metrics() if metrics is None else metrics
        self._by_name: dict[str, str] = {}
        self._spelling: dict[str, str] = {}  # folded name → the name as people write it
        for metric in metrics:
            for name in metric_names(metric):
                for variant in (name, name.replace("_", " ")):
                    self._by_name.setdefault(fold(variant), metric.code)
                    self._spelling.setdefault(fold(variant), name if "_" not in name else metric.label_fr)

    def code_for(self, label: object) -> str | None:
        return self._by_name.get(fold(label))

    def closest(self, label: object) -> str | None:
        """The known name nearest to a label that matched none, to suggest it."""
        found = difflib.get_close_matches(fold(label), list(self._by_name), n=1, cutoff=0.6)
        return self._spelling[found[0]] if found else None
