package dev.scriptexecuter.audit.entity;

/** What an audit entry records; stored by name, so names are never changed, only added. */
public enum AuditAction {
    LOGIN,
    LOGIN_FAILED,
    PASSWORD_CHANGED,
    USER_CREATED,
    USER_UPDATED,
    USER_DELETED,
    API_KEY_CREATED,
    API_KEY_REVOKED,
    SCRIPT_CREATED,
    SCRIPT_UPDATED,
    SCRIPT_DATA_EDITED,
    SCRIPT_ROLLED_BACK,
    SCRIPT_DELETED,
    RUN_REQUESTED,
    RUN_FORCED,
    RUN_STOPPED,
    ENVIRONMENT_REBUILT,
    ENVIRONMENT_DELETED,
    VARIABLE_SET,
    VARIABLE_DELETED,
    SECRETS_RESEALED,
    WEBHOOK_SET,
    WEBHOOK_DELETED,
    SCRIPTS_IMPORTED,
    RUNS_PURGED,
    MAIL_ALERT_SET,
    MAIL_ALERT_DELETED,
    HOOK_CREATED,
    HOOK_ROTATED,
    HOOK_REVOKED,
    /** A trigger URL was called and started a run. */
    HOOK_CALLED,
    /** A trigger URL was called and refused (its rate, the input, a quota): no run started. */
    HOOK_REFUSED,
    SCRIPT_CHAIN_SET,
    TAG_LIMIT_SET,
    TAG_LIMIT_REMOVED,
    /** An account set up its second factor (one-time passwords), confirmed by a code. */
    TWO_FACTOR_ENABLED,
    /** Its owner turned an account's second factor off. */
    TWO_FACTOR_DISABLED,
    /** An admin removed an account's second factor (a lost phone): it sets one up again. */
    TWO_FACTOR_RESET,
    RECOVERY_CODES_RENEWED
}
