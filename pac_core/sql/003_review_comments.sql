-- Schema version 3: the comment of each monthly review, shown on the next month's review.
-- Append-only like the rest of the history: saving again adds a row, the newest one of a month counts.
CREATE TABLE history.review_comments (
    comment_id  INTEGER PRIMARY KEY,
    month       DATE NOT NULL,              -- first day of the month reviewed
    comment     VARCHAR NOT NULL,           -- '' clears the month's comment
    written_at  TIMESTAMP NOT NULL,
    written_by  VARCHAR NOT NULL
);
