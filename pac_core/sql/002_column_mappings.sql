-- Schema version 2: the column mappings of foreign files (ad platforms, CRMs…), saved by name.
-- Append-only like the rest of the history: saving a name again adds a row, the newest one counts;
-- deleting marks it. `mapping` is JSON text (pac_core.mapping.model.Mapping.to_json), never a pickle.
CREATE TABLE history.column_mappings (
    mapping_id  INTEGER PRIMARY KEY,
    name        VARCHAR NOT NULL,
    signature   VARCHAR NOT NULL,           -- the file's headers, folded and sorted, joined by |
    mapping     VARCHAR NOT NULL,
    saved_at    TIMESTAMP NOT NULL,
    saved_by    VARCHAR NOT NULL,
    deleted_at  TIMESTAMP
);
