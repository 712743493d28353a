-- Where a script's failures, timeouts and recoveries are reported (scope '*': the default for scripts
-- without one of their own); the signing secret is sealed like a secret variable.
CREATE TABLE webhook (
    scope          VARCHAR(36)   NOT NULL PRIMARY KEY,
    script_id      VARCHAR(36),
    url            VARCHAR(2000) NOT NULL,
    sealed_secret  TEXT,
    key_id         VARCHAR(16),
    events         VARCHAR(100)  NOT NULL,
    updated_at     TIMESTAMP(3)  NOT NULL,
    updated_by     VARCHAR(100)  NOT NULL,
    version        BIGINT        NOT NULL,
    CONSTRAINT webhook_script_fk FOREIGN KEY (script_id) REFERENCES script (id) ON DELETE CASCADE
);

-- The outbox: written in the transaction that ends the run, sent (and retried) by any node.
CREATE TABLE webhook_delivery (
    id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    run_id           VARCHAR(36)   NOT NULL,
    script_id        VARCHAR(36)   NOT NULL,
    scope            VARCHAR(36)   NOT NULL,
    event            VARCHAR(16)   NOT NULL,
    url              VARCHAR(2000) NOT NULL,
    payload          TEXT NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    attempts         INTEGER       NOT NULL,
    last_status      INTEGER,
    last_error       VARCHAR(1000),
    next_attempt_at  TIMESTAMP(3),
    created_at       TIMESTAMP(3)  NOT NULL,
    delivered_at     TIMESTAMP(3),
    CONSTRAINT webhook_delivery_run_fk FOREIGN KEY (run_id) REFERENCES run (id) ON DELETE CASCADE
);

CREATE INDEX webhook_delivery_due ON webhook_delivery (status, next_attempt_at);
CREATE INDEX webhook_delivery_run ON webhook_delivery (run_id);
CREATE INDEX webhook_delivery_script ON webhook_delivery (script_id, created_at);
