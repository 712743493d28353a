CREATE TABLE app_user (
    id             VARCHAR(36)   NOT NULL PRIMARY KEY,
    username       VARCHAR(64)   NOT NULL,
    password_hash  VARCHAR(512)  NOT NULL,
    role           VARCHAR(16)   NOT NULL,
    enabled        BOOLEAN       NOT NULL,
    created_at     TIMESTAMP(3)  NOT NULL,
    last_login_at  TIMESTAMP(3),
    version        BIGINT        NOT NULL,
    CONSTRAINT app_user_username_unique UNIQUE (username)
);

CREATE TABLE api_key (
    id             VARCHAR(36)   NOT NULL PRIMARY KEY,
    owner_id       VARCHAR(36)   NOT NULL,
    name           VARCHAR(100)  NOT NULL,
    secret_hash    VARCHAR(64)   NOT NULL,
    created_at     TIMESTAMP(3)  NOT NULL,
    expires_at     TIMESTAMP(3),
    last_used_at   TIMESTAMP(3),
    CONSTRAINT api_key_owner_fk FOREIGN KEY (owner_id) REFERENCES app_user (id) ON DELETE CASCADE
);

CREATE INDEX api_key_owner ON api_key (owner_id);

CREATE TABLE signing_key (
    id             VARCHAR(36)   NOT NULL PRIMARY KEY,
    algorithm      VARCHAR(16)   NOT NULL,
    private_key    TEXT          NOT NULL,
    public_key     TEXT          NOT NULL,
    created_at     TIMESTAMP(3)  NOT NULL
);
