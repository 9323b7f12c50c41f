-- Schema version 11: reaching people (issue 22). Append-only, as the rest of the history: an address changed is a
-- new row (the newest per name counts, '' removes it); a message is queued once, and each try to send it is a row.
CREATE TABLE history.contacts (
    contact_id  INTEGER PRIMARY KEY,
    name        VARCHAR NOT NULL,          -- an account's name, or an owner of actions as the plan writes it
    email       VARCHAR NOT NULL,          -- '' removes the address
    written_by  VARCHAR NOT NULL,
    written_at  TIMESTAMP NOT NULL
);

CREATE TABLE history.outbox (
    message_id       INTEGER PRIMARY KEY,
    dedupe_key       VARCHAR NOT NULL,     -- what the message is about (« relance 2026-10 Marie Durand 1 »): once
    kind             VARCHAR NOT NULL CHECK (kind IN ('relance', 'alerte', 'revue', 'digest')),
    channel          VARCHAR NOT NULL,     -- 'email', or 'webhook:teams' / 'webhook:slack' / 'webhook:json'
    recipients       VARCHAR NOT NULL,     -- JSON: the addresses, or the webhook's URL
    subject          VARCHAR NOT NULL,
    body             VARCHAR NOT NULL,
    attachment_name  VARCHAR,
    attachment       BLOB,
    queued_at        TIMESTAMP NOT NULL
);

CREATE TABLE history.outbox_attempts (
    attempt_id   INTEGER PRIMARY KEY,
    message_id   INTEGER NOT NULL,
    tried_at     TIMESTAMP NOT NULL,
    outcome      VARCHAR NOT NULL CHECK (outcome IN ('en cours', 'envoyé', 'échec', 'abandon')),
    reason       VARCHAR,                  -- French, for the outbox page
    next_try_at  TIMESTAMP                 -- an 'échec' worth trying again: not before
);
