-- Per-requirements Python environments (virtualenvs), shared by the scripts whose
-- normalised requirements.txt has the same SHA-256.
CREATE TABLE environment (
    id            VARCHAR(64)   NOT NULL PRIMARY KEY,
    requirements  LONGTEXT      NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    python        VARCHAR(1000),
    install_log   LONGTEXT,
    size_bytes    BIGINT,
    builds        INTEGER       NOT NULL,
    build_millis  BIGINT,
    built_on      VARCHAR(255),
    created_at    DATETIME(3)   NOT NULL,
    built_at      DATETIME(3),
    last_used_at  DATETIME(3),
    unused_since  DATETIME(3),
    version       BIGINT        NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

ALTER TABLE script ADD COLUMN requirements_hash VARCHAR(64);
CREATE INDEX script_requirements_hash ON script (requirements_hash);

-- The environment a run used, so its install log is one click away.
ALTER TABLE run ADD COLUMN environment_id VARCHAR(64);

-- ENVIRONMENT_FAILED is longer than the outcomes so far.
ALTER TABLE run MODIFY COLUMN outcome VARCHAR(32);
ALTER TABLE script MODIFY COLUMN last_run_outcome VARCHAR(32);
