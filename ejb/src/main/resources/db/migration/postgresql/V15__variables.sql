-- Variables put into runs' environments: global (scope '*') or of one script (scope = its id).
-- A secret's value is only in sealed_value (AES-GCM, base64, with the id of the key that sealed it).
CREATE TABLE variable (
    id            VARCHAR(36)   NOT NULL PRIMARY KEY,
    scope         VARCHAR(36)   NOT NULL,
    script_id     VARCHAR(36),
    name          VARCHAR(100)  NOT NULL,
    secret        BOOLEAN       NOT NULL,
    plain_value   TEXT,
    sealed_value  TEXT,
    key_id        VARCHAR(16),
    updated_at    TIMESTAMP(3)  NOT NULL,
    updated_by    VARCHAR(100)  NOT NULL,
    version       BIGINT        NOT NULL,
    CONSTRAINT variable_script_fk FOREIGN KEY (script_id) REFERENCES script (id) ON DELETE CASCADE,
    CONSTRAINT variable_name_unique UNIQUE (scope, name)
);
