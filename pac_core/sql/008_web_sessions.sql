-- Signed-in browsers and the sign-in log (issue 17). A web session is a random secret kept by the browser in
-- an HttpOnly cookie, of which only the SHA-256 is stored: revoked at sign-out or when the account is disabled,
-- expired after a fixed number of hours. Every sign-in attempt, right or wrong, is logged for the admins; the
-- log also paces the attempts (growing delay, temporary lock after ten failures).
CREATE TABLE history.web_sessions (
    token_hash   VARCHAR PRIMARY KEY,
    username     VARCHAR NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    revoked_at   TIMESTAMP
);

CREATE TABLE history.sign_ins (
    attempted_at TIMESTAMP NOT NULL,
    username   VARCHAR NOT NULL,            -- as typed, folded (lower case, NFKC): the key of the pacing
    address    VARCHAR NOT NULL,            -- the client's address as the server saw it ('' when unknown)
    outcome    VARCHAR NOT NULL CHECK (outcome IN ('réussie', 'refusée', 'bloquée'))
);
