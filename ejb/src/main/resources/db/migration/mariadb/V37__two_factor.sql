-- Two-factor login for local accounts (TOTP, RFC 6238). The secret is sealed with the secrets key (as secret
-- variables are), the user's id its associated data; an enrolment not yet confirmed keeps its secret apart, so a
-- second enrolment never locks out a working one. totp_last_step is the last 30-second step a code was accepted
-- for: that code, and every older one, is refused from then on. Recovery codes are kept as SHA-256 hashes (80
-- random bits each: no salt or stretching needed), each used once.
ALTER TABLE app_user ADD COLUMN totp_secret VARCHAR(200);
ALTER TABLE app_user ADD COLUMN totp_key_id VARCHAR(16);
ALTER TABLE app_user ADD COLUMN totp_pending_secret VARCHAR(200);
ALTER TABLE app_user ADD COLUMN totp_pending_key_id VARCHAR(16);
ALTER TABLE app_user ADD COLUMN totp_enabled_at DATETIME(3);
ALTER TABLE app_user ADD COLUMN totp_last_step BIGINT;
CREATE TABLE recovery_code (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    user_id     VARCHAR(36)  NOT NULL,
    code_hash   VARCHAR(64)  NOT NULL,
    used_at     DATETIME(3),
    CONSTRAINT recovery_code_user_fk FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX recovery_code_user ON recovery_code (user_id);
