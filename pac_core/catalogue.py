"""The default metric catalogue of DESIGN.md, and how a label typed by a person finds its metric."""

from dataclasses import dataclass
import difflib

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

METRICS_BY_CODE = {metric.code: metric for metric in DEFAULT_METRICS}


def metric_names(metric: Metric) -> tuple[str, ...]:
    """Every name a person may type for this metric."""
    return (metric.code, metric.label_fr, metric.label_en, *metric.aliases)


class MetricLookup:
    """Finds a metric code from any of its names, in any case, with or without accents."""

    def __init__(self, metrics=DEFAULT_METRICS):
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
