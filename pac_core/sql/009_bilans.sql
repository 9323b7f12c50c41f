-- Schema version 9: the annual bilans (issue 19). Append-only like the rest of the history: saving a bilan adds
-- rows, and for a year the newest row of each action (or new idea) counts, as does its newest general comment.
CREATE TABLE history.bilan_verdicts (
    verdict_id           INTEGER PRIMARY KEY,
    year                 INTEGER NOT NULL,            -- the year reviewed
    item_id              VARCHAR NOT NULL,            -- an action ID, or a new idea's ID (IDEE1…)
    is_idea              BOOLEAN NOT NULL,            -- a new idea the managers added on the bilan page
    verdict              VARCHAR NOT NULL CHECK (verdict IN ('reconduire', 'ajuster', 'arrêter', 'tester')),
    suggested_verdict    VARCHAR,                     -- what PAC Pilot suggested (NULL for an idea)
    metric               VARCHAR,                     -- the main indicator the objective below is in
    suggested_objective  DOUBLE,                      -- next year's objective of that indicator (ajuster)
    comment              VARCHAR NOT NULL DEFAULT '',
    figures              VARCHAR,                     -- JSON: the bilan's figures for the action when it was saved
    idea_name            VARCHAR,                     -- a new idea: name, lever, channel, owner, budget
    idea_lever           VARCHAR,
    idea_channel         VARCHAR,
    idea_owner           VARCHAR,
    idea_budget          DOUBLE,
    decided_by           VARCHAR NOT NULL,
    decided_at           TIMESTAMP NOT NULL
);

CREATE TABLE history.bilan_comments (
    comment_id  INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL,
    comment     VARCHAR NOT NULL,                     -- '' clears the year's comment
    written_at  TIMESTAMP NOT NULL,
    written_by  VARCHAR NOT NULL
);
