package dev.scriptexecuter.infrastructure;

import java.util.Locale;

/**
 * What an account may do. Each account has one role; the role names are the
 * groups the container sees and what {@code @RolesAllowed} names.
 */
public enum Role {
    /** Everything, including users and other people's API keys. */
    ADMIN,
    /** Create, edit, delete, run and stop scripts; manage own API keys. */
    USER,
    /** Read scripts, runs and logs; nothing that changes or runs anything. */
    VIEWER;

    public static final String ADMIN_NAME = "admin";
    public static final String USER_NAME = "user";
    public static final String VIEWER_NAME = "viewer";

    public String groupName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "admin", "user" or "viewer"; throws IllegalArgumentException otherwise. */
    public static Role of(String name) {
        if (name != null) {
            for (Role role : values()) {
                if (role.groupName().equalsIgnoreCase(name.trim())) {
                    return role;
                }
            }
        }
        throw new IllegalArgumentException("The role '" + name + "' is unknown; use \"admin\", \"user\" or \"viewer\".");
    }
}
