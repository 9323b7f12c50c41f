-- Schema version 12: the statuses the alerts compare with (issue 22).
CREATE TABLE history.notify_status (
    status_id  INTEGER PRIMARY KEY,
    action_id  VARCHAR,                    -- NULL: a company-wide objective
    metric     VARCHAR NOT NULL,
    status     VARCHAR NOT NULL,           -- on_track, watch, off_track: the status an alert compares with
    as_of      DATE NOT NULL,
    noted_at   TIMESTAMP NOT NULL
);
