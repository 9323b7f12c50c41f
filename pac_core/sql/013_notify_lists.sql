-- Schema version 13: who the direction and the review's participants are (issue 22), kept per company. A list
-- changed is a new row; the newest per name counts.
CREATE TABLE history.notify_lists (
    list_id     INTEGER PRIMARY KEY,
    name        VARCHAR NOT NULL CHECK (name IN ('direction', 'revue')),
    members     VARCHAR NOT NULL,          -- JSON: names of contacts, or addresses
    written_by  VARCHAR NOT NULL,
    written_at  TIMESTAMP NOT NULL
);
