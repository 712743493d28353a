-- Chains: when a run of a script ends (SUCCEEDED, FAILED or ANY), a run of the next script starts with the
-- first one's result as its input. chain_graph's one row is locked by every save of a chain, so that two saves
-- on two nodes cannot make a cycle together. A run remembers the run that started it and how deep in a chain
-- it is; chain_due_at marks an ended run whose chain steps are still to be started (by whichever node claims it).
CREATE TABLE chain_step (
    id              VARCHAR(36) NOT NULL PRIMARY KEY,
    script_id       VARCHAR(36) NOT NULL,
    step_order      INT         NOT NULL,
    next_script_id  VARCHAR(36) NOT NULL,
    run_when        VARCHAR(16) NOT NULL,
    CONSTRAINT chain_step_script_fk FOREIGN KEY (script_id) REFERENCES script (id) ON DELETE CASCADE,
    CONSTRAINT chain_step_next_fk FOREIGN KEY (next_script_id) REFERENCES script (id) ON DELETE CASCADE
);
CREATE INDEX chain_step_script ON chain_step (script_id);
CREATE INDEX chain_step_next ON chain_step (next_script_id);
CREATE TABLE chain_graph (
    id       INT    NOT NULL PRIMARY KEY,
    version  BIGINT NOT NULL
);
INSERT INTO chain_graph (id, version) VALUES (1, 0);
ALTER TABLE run ADD COLUMN started_by VARCHAR(36);
ALTER TABLE run ADD COLUMN chain_depth INT NOT NULL DEFAULT 0;
ALTER TABLE run ADD COLUMN chain_due_at TIMESTAMP(3);
CREATE INDEX run_started_by ON run (started_by);
CREATE INDEX run_chain_due ON run (chain_due_at);
