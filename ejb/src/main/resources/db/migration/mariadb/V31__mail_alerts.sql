-- Who hears by e-mail about a script's runs and incidents (scope '*': the default for scripts without their own).
CREATE TABLE mail_alert (
    scope       VARCHAR(36)   NOT NULL PRIMARY KEY,
    script_id   VARCHAR(36),
    recipients  VARCHAR(2000) NOT NULL,
    events      VARCHAR(100)  NOT NULL,
    updated_at  DATETIME(3)  NOT NULL,
    updated_by  VARCHAR(100)  NOT NULL,
    version     BIGINT        NOT NULL,
    CONSTRAINT mail_alert_script_fk FOREIGN KEY (script_id) REFERENCES script (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
