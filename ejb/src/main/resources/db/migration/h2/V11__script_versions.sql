-- Every save that changes a script's code (main, trigger, requirements) is kept as a numbered,
-- immutable version; V12 gives the scripts that exist already their version 1.
CREATE TABLE script_version (
    id            VARCHAR(36)   NOT NULL PRIMARY KEY,
    script_id     VARCHAR(36)   NOT NULL,
    version_number INTEGER      NOT NULL,
    main_code     CLOB NOT NULL,
    trigger_code  CLOB,
    requirements  CLOB,
    content_hash  VARCHAR(64)   NOT NULL,
    author        VARCHAR(100)  NOT NULL,
    message       VARCHAR(500),
    created_at    TIMESTAMP(3)  NOT NULL,
    CONSTRAINT script_version_script_fk FOREIGN KEY (script_id) REFERENCES script (id) ON DELETE CASCADE,
    CONSTRAINT script_version_number_unique UNIQUE (script_id, version_number)
);

-- The version a script runs now, and the version each run ran (NULL: the run never started).
ALTER TABLE script ADD COLUMN current_version INTEGER;
ALTER TABLE run ADD COLUMN script_version INTEGER;
