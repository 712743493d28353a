package dev.scriptexecuter.security.boundary;

import dev.scriptexecuter.environment.boundary.EnvironmentService;
import dev.scriptexecuter.execution.boundary.LogSearchService;
import dev.scriptexecuter.incident.boundary.IncidentService;
import dev.scriptexecuter.overview.boundary.OverviewService;
import dev.scriptexecuter.webhook.boundary.MailAlertService;
import dev.scriptexecuter.execution.boundary.RunService;
import dev.scriptexecuter.script.boundary.ScriptService;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EJB boundaries are the gate: every public method says who may call it,
 * and the roles match the product's rules (viewers read, users change and
 * run, admins manage accounts). Read from the annotations, as the container does.
 */
class BoundaryRolesTest {

    private static final Set<String> EVERYONE = Set.of("admin", "user", "viewer");
    private static final Set<String> EDITORS = Set.of("admin", "user");
    private static final Set<String> ADMINS = Set.of("admin");
    private static final Set<String> OPEN = Set.of("*");

    @Test
    void scriptsAreReadByEveryoneAndChangedByEditors() {
        assertThat(roles(ScriptService.class)).isEqualTo(Map.ofEntries(
                Map.entry("list", EVERYONE), Map.entry("find", EVERYONE), Map.entry("summaries", EVERYONE),
                Map.entry("countSummaries", EVERYONE), Map.entry("preview", EVERYONE),
                Map.entry("create", EDITORS), Map.entry("replace", EDITORS), Map.entry("patch", EDITORS),
                Map.entry("delete", EDITORS), Map.entry("setActive", EDITORS), Map.entry("saveEdit", EDITORS),
                Map.entry("pause", EDITORS), Map.entry("resumeEndedPauses", OPEN), Map.entry("resumeEndedPause", OPEN)));
    }

    @Test
    void runsAreReadByEveryoneAndStartedOrStoppedByEditors() {
        assertThat(roles(RunService.class)).isEqualTo(Map.ofEntries(
                Map.entry("find", EVERYONE), Map.entry("log", EVERYONE), Map.entry("logSoFar", EVERYONE),
                Map.entry("export", EVERYONE), Map.entry("exportPage", EVERYONE),
                Map.entry("page", EVERYONE),
                Map.entry("pageUncounted", EVERYONE), Map.entry("count", EVERYONE), Map.entry("neighbours", EVERYONE),
                Map.entry("sandbox", EVERYONE), Map.entry("homeUsage", EVERYONE),
                Map.entry("request", EDITORS), Map.entry("stop", EDITORS),
                Map.entry("launch", OPEN), Map.entry("launchScheduled", OPEN), Map.entry("launchAttempt", OPEN),
                Map.entry("onScriptChanged", OPEN),
                Map.entry("onRunFinished", OPEN), Map.entry("retry", OPEN), Map.entry("retryDue", OPEN),
                Map.entry("onChainDue", OPEN), Map.entry("chain", OPEN), Map.entry("chainsDue", OPEN),
                Map.entry("onTagSlotsFreed", OPEN), Map.entry("tagWaitingDue", OPEN)));
        assertThat(roles(dev.scriptexecuter.execution.boundary.TagService.class)).isEqualTo(Map.of("list", EVERYONE,
                "setLimit", ADMINS, "removeLimit", ADMINS));
        // a trigger URL's call is open: its token, checked by the service, is the credential
        assertThat(roles(dev.scriptexecuter.execution.boundary.HookService.class)).isEqualTo(Map.of("list", EVERYONE,
                "create", EDITORS, "rotate", EDITORS, "revoke", EDITORS, "call", OPEN, "answer", OPEN));
        assertThat(roles(dev.scriptexecuter.script.boundary.ChainService.class)).isEqualTo(Map.of("find", EVERYONE,
                "set", EDITORS));
        assertThat(roles(LogSearchService.class)).isEqualTo(Map.of("search", EVERYONE, "searchedRuns", EVERYONE));
        assertThat(roles(IncidentService.class)).isEqualTo(Map.of("list", EVERYONE, "openByKind", OPEN));
        assertThat(roles(OverviewService.class)).isEqualTo(Map.of("snapshot", EVERYONE, "trend", EVERYONE));
        assertThat(roles(MailAlertService.class)).isEqualTo(Map.of("find", EVERYONE, "setGlobal", ADMINS,
                "setForScript", EDITORS, "deleteGlobal", ADMINS, "deleteForScript", EDITORS));
    }

    @Test
    void environmentsAreReadByEveryoneAndRebuiltOrDeletedByAdmins() {
        assertThat(roles(EnvironmentService.class)).isEqualTo(Map.of(
                "list", EVERYONE, "find", EVERYONE, "ofScript", EVERYONE, "log", EVERYONE,
                "rebuild", ADMINS, "delete", ADMINS, "onScriptChanged", OPEN));
    }

    @Test
    void accountsAreForAdminsExceptOnesOwn() {
        assertThat(roles(UserService.class)).isEqualTo(Map.of(
                "list", ADMINS, "find", ADMINS, "create", ADMINS, "update", ADMINS, "delete", ADMINS,
                "me", EVERYONE, "changeOwnPassword", EVERYONE));
        assertThat(roles(ApiKeyService.class)).isEqualTo(Map.of(
                "create", EDITORS, "list", EVERYONE, "find", EVERYONE, "revoke", EDITORS));
        Map<String, Set<String>> authenticator = new TreeMap<>(roles(Authenticator.class));
        assertThat(authenticator.remove("tokenForCaller")).as("a token for who is logged in already").isEqualTo(EVERYONE);
        assertThat(authenticator.values()).as("the rest is used before anybody is known").containsOnly(OPEN);
    }

    private static Map<String, Set<String>> roles(Class<?> boundary) {
        Map<String, Set<String>> roles = new TreeMap<>();
        for (Method method : boundary.getDeclaredMethods()) {
            if (!Modifier.isPublic(method.getModifiers()) || method.isSynthetic()) {
                continue;
            }
            roles.put(method.getName(), allowed(method, boundary));
        }
        return roles;
    }

    private static Set<String> allowed(Method method, Class<?> boundary) {
        if (method.isAnnotationPresent(PermitAll.class)) {
            return OPEN;
        }
        RolesAllowed onMethod = method.getAnnotation(RolesAllowed.class);
        if (onMethod != null) {
            return Set.copyOf(Arrays.asList(onMethod.value()));
        }
        if (boundary.isAnnotationPresent(PermitAll.class)) {
            return OPEN;
        }
        RolesAllowed onClass = boundary.getAnnotation(RolesAllowed.class);
        assertThat(onClass).as("%s.%s says who may call it", boundary.getSimpleName(), method.getName()).isNotNull();
        return Set.copyOf(Arrays.asList(onClass.value()));
    }
}
