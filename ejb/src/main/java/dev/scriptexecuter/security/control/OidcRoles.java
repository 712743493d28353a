package dev.scriptexecuter.security.control;

import dev.scriptexecuter.infrastructure.Role;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which role a person signed on through the identity provider gets: the groups (or roles) a claim of their token
 * lists, looked up in the configured mapping; the highest role any of them gives wins. Nobody matched gets the
 * default role, or is refused when there is none.
 *
 * @param claim       where the groups are: a claim name, or a dotted path into nested claims
 *                    ({@code realm_access.roles})
 * @param groups      per role, the group names that give it (compared exactly; a leading "/" of a group's full
 *                    path is ignored, so "/admins" and "admins" are the same group)
 * @param defaultRole for people in none of them; empty: they are refused
 */
public record OidcRoles(String claim, Map<Role, Set<String>> groups, Optional<Role> defaultRole) {

    public OidcRoles {
        groups = Map.copyOf(groups);
    }

    /** The role these claims give, if any. */
    public Optional<Role> roleOf(Map<String, Object> claims) {
        List<String> held = groupsIn(claims);
        for (Role role : Role.values()) { // ADMIN first: the highest role wins
            Set<String> giving = groups.getOrDefault(role, Set.of());
            if (held.stream().anyMatch(group -> giving.contains(normal(group)))) {
                return Optional.of(role);
            }
        }
        return defaultRole;
    }

    /** Whether the claims list the person's groups at all (even none), rather than leave them out. */
    public boolean claimPresent(Map<String, Object> claims) {
        return value(claims) != null;
    }

    /** The group names the claim holds: a list of strings, one string, or nothing. */
    public List<String> groupsIn(Map<String, Object> claims) {
        Object value = value(claims);
        List<String> found = new ArrayList<>();
        if (value instanceof String single) {
            found.add(single);
        } else if (value instanceof Collection<?> many) {
            many.stream().filter(String.class::isInstance).map(String.class::cast).forEach(found::add);
        }
        return found;
    }

    private Object value(Map<String, Object> claims) {
        Object value = claims;
        for (String part : claim.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(part);
        }
        return value;
    }

    /** Parses the settings' comma-separated group lists; empty entries are dropped. */
    public static OidcRoles of(String claim, String adminGroups, String userGroups, String viewerGroups,
                               Optional<Role> defaultRole) {
        Map<Role, Set<String>> groups = new EnumMap<>(Role.class);
        groups.put(Role.ADMIN, names(adminGroups));
        groups.put(Role.USER, names(userGroups));
        groups.put(Role.VIEWER, names(viewerGroups));
        return new OidcRoles(claim, groups, defaultRole);
    }

    /** Whether anybody at all can get a role. */
    public boolean givesAnyRole() {
        return defaultRole.isPresent() || groups.values().stream().anyMatch(names -> !names.isEmpty());
    }

    private static Set<String> names(String list) {
        if (list == null) {
            return Set.of();
        }
        return Set.copyOf(java.util.Arrays.stream(list.split(",")).map(String::strip).filter(name -> !name.isEmpty())
                .map(OidcRoles::normal).toList());
    }

    private static String normal(String group) {
        return group.startsWith("/") ? group.substring(1) : group;
    }
}
