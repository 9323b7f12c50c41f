-- Who may do what (DESIGN: lecteur, éditeur, admin). Passwords are argon2 hashes; a wall token is a long
-- random secret of which only the SHA-256 is kept. No account at all: open local mode.
CREATE TABLE history.accounts (
    username       VARCHAR PRIMARY KEY,
    role           VARCHAR NOT NULL CHECK (role IN ('lecteur', 'éditeur', 'admin')),
    password_hash  VARCHAR,                 -- NULL for an account that signs in through OIDC
    created_at     TIMESTAMP NOT NULL,
    created_by     VARCHAR NOT NULL,
    disabled_at    TIMESTAMP
);

CREATE TABLE history.wall_tokens (
    token_id     INTEGER PRIMARY KEY,
    label        VARCHAR NOT NULL,
    token_hash   VARCHAR NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL,
    created_by   VARCHAR NOT NULL,
    revoked_at   TIMESTAMP
);
