-- Schema version 1: append-only history tables. Every imported row keeps the import that brought it,
-- so that undoing an import is marking it undone, and the state before it comes back by itself.
-- A row whose value is NULL in targets/results is a removal: the import's scope covered that key
-- and the file had no figure for it.
CREATE SCHEMA IF NOT EXISTS history;

CREATE TABLE history.imports (
    import_id     INTEGER PRIMARY KEY,
    imported_at   TIMESTAMP NOT NULL,
    imported_by   VARCHAR NOT NULL,
    origin        VARCHAR NOT NULL,          -- 'cli', 'app' or 'demo'
    file_names    VARCHAR NOT NULL,
    content_hash  VARCHAR NOT NULL,
    plan_version  INTEGER NOT NULL,
    scope         VARCHAR NOT NULL,          -- JSON text: what the import speaks for, per table
    row_counts    VARCHAR NOT NULL,          -- JSON text: rows added, replaced, removed, per table
    warnings      INTEGER NOT NULL DEFAULT 0,
    undone_at     TIMESTAMP,
    undone_by     VARCHAR
);

CREATE TABLE history.metrics (
    code              VARCHAR PRIMARY KEY,
    label_fr          VARCHAR NOT NULL,
    label_en          VARCHAR NOT NULL,
    unit              VARCHAR NOT NULL,
    family            VARCHAR NOT NULL,
    aggregation       VARCHAR NOT NULL CHECK (aggregation IN ('sum', 'last')),
    higher_is_better  BOOLEAN NOT NULL,
    aliases           VARCHAR NOT NULL DEFAULT ''
);

CREATE TABLE history.plan_versions (
    version     INTEGER PRIMARY KEY,
    label       VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    created_by  VARCHAR NOT NULL,
    based_on    INTEGER,
    note        VARCHAR
);

CREATE TABLE history.decisions (
    decision_id   INTEGER PRIMARY KEY,
    action_id     VARCHAR,
    decided_on    DATE NOT NULL,
    decision      VARCHAR NOT NULL,          -- maintenir, renforcer, réduire, arrêter, nouvelle action
    comment       VARCHAR,
    owner         VARCHAR,
    new_budget    DOUBLE,
    plan_version  INTEGER,
    created_at    TIMESTAMP NOT NULL,
    created_by    VARCHAR NOT NULL
);

CREATE TABLE history.actions (
    import_id      INTEGER NOT NULL,
    action_id      VARCHAR NOT NULL,
    lever          VARCHAR,
    name           VARCHAR,
    channel        VARCHAR,
    kind           VARCHAR,
    segment        VARCHAR,
    owner          VARCHAR,
    start_date     DATE,
    end_date       DATE,
    budget         DOUBLE,
    status         VARCHAR,
    objective_ids  VARCHAR
);

CREATE TABLE history.targets (
    import_id     INTEGER NOT NULL,
    plan_version  INTEGER NOT NULL,
    action_id     VARCHAR NOT NULL,
    metric        VARCHAR NOT NULL,
    month         DATE NOT NULL,
    value         DOUBLE
);

CREATE TABLE history.results (
    import_id  INTEGER NOT NULL,
    action_id  VARCHAR,                      -- NULL: a company-wide figure
    metric     VARCHAR NOT NULL,
    month      DATE NOT NULL,
    value      DOUBLE
);

CREATE TABLE history.strategic_objectives (
    import_id     INTEGER NOT NULL,
    objective_id  VARCHAR NOT NULL,
    label         VARCHAR,
    metric        VARCHAR,
    baseline      DOUBLE,
    target        DOUBLE,
    due_date      DATE
);

CREATE TABLE history.opportunities (
    import_id       INTEGER NOT NULL,
    opportunity_id  VARCHAR NOT NULL,
    account         VARCHAR,
    action_id       VARCHAR,
    channel         VARCHAR,
    stage           VARCHAR,
    amount          DOUBLE,
    created_on      DATE,
    closed_on       DATE,
    status          VARCHAR
);
