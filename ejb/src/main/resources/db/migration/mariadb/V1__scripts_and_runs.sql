CREATE TABLE script (
    id                VARCHAR(36)   NOT NULL PRIMARY KEY,
    name              VARCHAR(100)  NOT NULL,
    description       VARCHAR(2000),
    active            BOOLEAN       NOT NULL,
    main_code         LONGTEXT      NOT NULL,
    trigger_code      LONGTEXT,
    requirements      LONGTEXT,
    schedule_kind     VARCHAR(16)   NOT NULL,
    schedule_every    VARCHAR(64),
    schedule_start_at DATETIME(3),
    schedule_cron     VARCHAR(200),
    schedule_timezone VARCHAR(64),
    data_json         LONGTEXT      NOT NULL,
    created_at        DATETIME(3)   NOT NULL,
    updated_at        DATETIME(3)   NOT NULL,
    next_fire_at      DATETIME(3),
    last_run_id       VARCHAR(36),
    last_run_status   VARCHAR(16),
    last_run_outcome  VARCHAR(16),
    last_run_started  DATETIME(3),
    last_run_finished DATETIME(3),
    version           BIGINT        NOT NULL,
    CONSTRAINT script_name_unique UNIQUE (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE run (
    id                VARCHAR(36)   NOT NULL PRIMARY KEY,
    script_id         VARCHAR(36)   NOT NULL,
    trigger_kind      VARCHAR(16)   NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    outcome           VARCHAR(16),
    scheduled_for     DATETIME(3),
    queued_at         DATETIME(3)   NOT NULL,
    started_at        DATETIME(3),
    finished_at       DATETIME(3),
    exit_code         INTEGER,
    node_name         VARCHAR(255)  NOT NULL,
    job_execution_id  BIGINT,
    error             VARCHAR(4000),
    log_text          LONGTEXT,
    data_after        LONGTEXT,
    CONSTRAINT run_script_fk FOREIGN KEY (script_id) REFERENCES script (id) ON DELETE CASCADE,
    CONSTRAINT run_occurrence_unique UNIQUE (script_id, scheduled_for)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX run_script_queued ON run (script_id, queued_at);
CREATE INDEX run_status_node ON run (status, node_name);
CREATE INDEX script_next_fire ON script (active, next_fire_at);
