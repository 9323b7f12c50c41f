"""The words foreign files use, folded (pac_core.text.fold): for their headers, their stages and their
channels. French first, then the English of international tools (Meta, Google Ads, Salesforce, HubSpot)."""

from pac_core.tables import LOST_STAGE, PIPELINE_STAGES

# Our field → header words that name it. "action_id" gathers every column a row's action can come from.
FIELD_HEADERS: dict[str, tuple[str, ...]] = {
    "period": ("date", "jour", "day", "mois", "month", "periode", "period", "semaine", "date du jour",
               "reporting starts", "debut des rapports", "date de cloture", "close date", "date de signature"),
    "period_end": ("date de fin", "fin", "end", "end date", "date fin", "reporting ends", "fin des rapports"),
    "action_id": ("id action", "code action", "action", "campagne", "campaign", "nom de la campagne",
                  "campaign name", "canal", "channel", "source", "lead source", "origine", "origine de la piste",
                  "source de la piste", "source du lead", "plateforme", "platform", "reseau", "network",
                  "support", "commercial", "sales rep", "vendeur", "responsable", "owner", "proprietaire",
                  "opportunity owner", "charge d affaires", "type", "type de campagne", "levier"),
    "metric": ("indicateur", "kpi", "metric", "indicator", "mesure"),
    "opportunity_id": ("id opportunite", "id", "opportunity id", "id affaire", "deal id", "reference", "ref",
                       "numero", "n", "nom de l opportunite", "opportunity name", "affaire", "deal", "deal name",
                       "opportunite"),
    "account": ("compte", "client", "account", "account name", "nom du compte", "societe", "entreprise",
                "company", "prospect", "raison sociale"),
    "channel": ("canal", "channel", "source", "lead source", "origine", "origine de la piste"),
    "stage": ("etape", "stage", "phase", "etape de vente", "deal stage", "statut de l opportunite", "etape du deal"),
    "amount": ("montant", "amount", "montant ht", "montant €", "valeur", "value", "ca", "chiffre d affaires",
               "deal amount", "montant de l opportunite", "montant total"),
    "created_on": ("creation", "date de creation", "created", "created date", "create date", "date creation",
                   "ouverture", "date d ouverture", "created on"),
    "closed_on": ("cloture", "date de cloture", "closed", "close date", "date cloture", "date de signature",
                  "closed on", "date de fermeture"),
    "status": ("statut", "status", "etat", "gagne perdu", "won lost"),
    "name": ("action", "nom", "libelle", "intitule", "name", "campagne", "campaign", "nom de la campagne",
             "campaign name"),
    "lever": ("levier", "axe", "lever"),
    "kind": ("type", "type d action", "type de campagne", "kind"),
    "segment": ("cible", "segment", "audience", "target segment"),
    "owner": ("responsable", "owner", "pilote", "porteur", "proprietaire"),
    "start_date": ("debut", "date de debut", "start", "start date", "date debut", "lancement"),
    "end_date": ("fin", "date de fin", "end", "end date", "date fin"),
    "budget": ("budget", "budget prevu", "cout budgete", "budgeted cost", "planned budget", "budget planifie"),
    "objective_ids": ("objectif strategique", "objectif", "strategic objective"),
}

# Header words → our metric, for the figures of results (actuals) and targets.
RESULT_MEASURES: dict[str, tuple[str, ...]] = {
    "cout": ("cout", "couts", "cout reel", "cout realise", "depense", "depenses", "depense reelle", "montant depense",
             "spend", "amount spent", "cost", "actual cost", "budget depense", "depenses reelles", "total spent"),
    "contacts": ("conversions", "conversion", "leads", "lead", "prospects", "contacts", "contacts recueillis",
                 "formulaires", "inscriptions", "results", "resultats"),
    "appels": ("appels", "calls", "appels passes"),
    "rdv": ("rdv", "rendez vous", "meetings", "rdv obtenus", "reunions"),
    "devis": ("devis", "propositions", "devis envoyes", "proposals", "quotes"),
    "ca": ("ca", "chiffre d affaires", "revenue", "ventes", "ca realise", "ca reel", "valeur de conversion",
           "conversion value", "sales", "ca signe"),
    "nouveaux_clients": ("nouveaux clients", "new clients", "clients gagnes", "new customers", "ventes conclues"),
}
TARGET_MEASURES: dict[str, tuple[str, ...]] = {
    "ca": ("ca attendu", "objectif ca", "ca prevu", "ca cible", "expected revenue", "chiffre d affaires attendu",
           "chiffre d affaires prevu", "quota", "objectif", "target", "revenue target", "ca objectif"),
    "cout": ("cout budgete", "budget", "cout prevu", "budgeted cost", "budget prevu", "planned cost"),
    "contacts": ("leads attendus", "contacts attendus", "objectif leads", "objectif contacts"),
    "rdv": ("objectif rdv", "rdv attendus"),
    "nouveaux_clients": ("objectif nouveaux clients", "nouveaux clients attendus", "clients attendus"),
}

# Words that tell a file holds targets rather than results (file or sheet name, title lines, headers).
TARGET_HINTS = ("objectif", "objectifs", "cible", "target", "targets", "quota", "quotas", "prevu", "previsionnel",
                "budgete", "attendu", "forecast", "plan")

# Stage words of CRMs → our stage (pac_core.tables): where a deal stands in our funnel.
STAGE_WORDS: dict[str, tuple[str, ...]] = {
    PIPELINE_STAGES[0]: ("premier contact", "contact", "nouveau", "new", "lead", "prospect", "prospection",
                         "prospecting", "qualification", "a qualifier", "qualifie", "qualified", "appointment to set"),
    PIPELINE_STAGES[1]: ("prise de rdv", "rdv", "rdv pris", "rendez vous", "meeting", "decouverte",
                         "analyse des besoins", "needs analysis", "appointment scheduled"),
    PIPELINE_STAGES[2]: ("demonstration realisee", "demonstration", "demo", "demo faite", "presentation"),
    PIPELINE_STAGES[3]: ("proposition commerciale envoyee", "proposition", "proposal", "devis envoye", "offre",
                         "offre envoyee", "negociation", "negotiation", "proposal price quote", "value proposition",
                         "negotiation review", "contract sent"),
    PIPELINE_STAGES[4]: ("signature de devis", "gagne", "gagnee", "won", "closed won", "signe", "signee",
                         "signature", "conclu", "conclue", "closed won signed"),
    LOST_STAGE: ("perdu", "perdue", "lost", "closed lost", "abandonne", "abandonnee", "sans suite"),
}

# Words of ad platforms and CRMs → our channels (pac_core.tables.CHANNELS).
CHANNEL_WORDS: dict[str, tuple[str, ...]] = {
    "Réseaux sociaux": ("meta", "meta ads", "facebook", "facebook ads", "instagram", "linkedin", "linkedin ads",
                        "tiktok", "twitter", "x", "reseaux sociaux", "social", "social media", "paid social"),
    "SEA": ("google ads", "google", "adwords", "bing", "bing ads", "microsoft ads", "sea", "search", "paid search",
            "referencement payant"),
    "Site web / SEO": ("site web", "site", "website", "seo", "organic", "organique", "organic search", "web",
                       "referencement naturel", "direct"),
    "Emailing": ("emailing", "email", "e mail", "newsletter", "mailchimp", "brevo", "sendinblue", "mailing"),
    "Salon": ("salon", "salons", "trade show", "foire", "exposition", "salon professionnel"),
    "Téléprospection": ("teleprospection", "phoning", "telephone", "cold call", "cold calling", "appel sortant"),
    "Prescripteurs": ("prescripteurs", "prescripteur", "partenaire", "partenaires", "partner", "referral",
                      "recommandation", "apporteur d affaires"),
    "Événement": ("evenement", "event", "events", "webinar", "webinaire", "conference"),
    "Base de données": ("base de donnees", "database", "fichier", "base"),
    "Prospection terrain": ("prospection terrain", "terrain", "field sales", "porte a porte"),
}
