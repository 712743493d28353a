-- Trigger URLs: POST /hooks/{token} starts a run of the script with the request's body as its input. Only a
-- SHA-256 hash of the token's secret is kept; deleting the row revokes it. A run started so names its hook.
CREATE TABLE run_hook (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    script_id    VARCHAR(36)  NOT NULL,
    name         VARCHAR(100) NOT NULL,
    secret_hash  VARCHAR(64)  NOT NULL,
    per_minute   INT          NOT NULL,
    created_at   DATETIME(3)  NOT NULL,
    created_by   VARCHAR(100) NOT NULL,
    rotated_at   DATETIME(3),
    called_at    DATETIME(3),
    CONSTRAINT run_hook_script_fk FOREIGN KEY (script_id) REFERENCES script (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX run_hook_script ON run_hook (script_id);
ALTER TABLE run ADD COLUMN hook_id VARCHAR(36);
