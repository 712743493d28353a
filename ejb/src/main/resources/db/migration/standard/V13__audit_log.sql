-- Who did what and when: written in the transaction of the action (a failed login in one of its own),
-- never changed by the application. Not tied to the tables it names, so an entry outlives its script.
CREATE TABLE audit_entry (
    id            VARCHAR(36)   NOT NULL PRIMARY KEY,
    occurred_at   TIMESTAMP(3)  NOT NULL,
    actor         VARCHAR(100)  NOT NULL,
    action        VARCHAR(40)   NOT NULL,
    target_type   VARCHAR(20),
    target_id     VARCHAR(64),
    target_name   VARCHAR(255),
    detail        VARCHAR(2000),
    address       VARCHAR(64)
);

CREATE INDEX audit_entry_at ON audit_entry (occurred_at);
CREATE INDEX audit_entry_actor_at ON audit_entry (actor, occurred_at);
CREATE INDEX audit_entry_target_at ON audit_entry (target_id, occurred_at);
