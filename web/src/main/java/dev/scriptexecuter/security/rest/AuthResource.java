package dev.scriptexecuter.security.rest;

import dev.scriptexecuter.rest.Answers;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.security.boundary.Authenticator;
import dev.scriptexecuter.security.boundary.IssuedToken;
import dev.scriptexecuter.security.boundary.UserService;
import dev.scriptexecuter.security.boundary.UserView;
import dev.scriptexecuter.infrastructure.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Logging in to the API: a token for a username and password (and the second factor's code, for an account
 * with one); who am I; change my password.
 */
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    Authenticator authenticator;

    @Inject
    UserService users;

    @Context
    HttpServletRequest request;

    private static final int MAX_USERNAME = 64;
    private static final int MAX_CODE = 32;

    /**
     * {@code lifetime} (ISO-8601, optional) asks for a shorter-lived token than the configured maximum;
     * {@code code} is the second factor's, for an account that has one: the one-time password its app shows
     * now, or one of its recovery codes.
     */
    public record TokenRequest(String username, String password, String code, String lifetime) {
    }

    public record PasswordChange(String currentPassword, String newPassword) {
    }

    @PermitAll
    @POST
    @Path("token")
    public IssuedToken token(TokenRequest login) {
        if (login == null || login.username() == null || login.password() == null) {
            throw RequestRejected.invalid("Send {\"username\": \"...\", \"password\": \"...\"}.");
        }
        if (login.username().length() > MAX_USERNAME) {
            throw RequestRejected.invalid("A username has at most " + MAX_USERNAME + " characters.").with("field", "username");
        }
        if (login.password().length() > Authenticator.MAX_PASSWORD) {
            throw RequestRejected.invalid("A password has at most " + Authenticator.MAX_PASSWORD + " characters.")
                    .with("field", "password");
        }
        if (login.code() != null && login.code().length() > MAX_CODE) {
            throw RequestRejected.invalid("A code has at most " + MAX_CODE + " characters.").with("field", "code");
        }
        return authenticator.token(login.username(), login.password(), login.code(), request.getRemoteAddr(),
                lifetime(login.lifetime()));
    }

    @GET
    @Path("me")
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
    public UserView me() {
        return users.me();
    }

    @POST
    @Path("password")
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
    @Answers(204)
    public Response changePassword(PasswordChange change) {
        if (change == null) {
            throw RequestRejected.invalid("Send {\"currentPassword\": \"...\", \"newPassword\": \"...\"}.");
        }
        users.changeOwnPassword(change.currentPassword(), change.newPassword());
        return Response.noContent().build();
    }

    private static Duration lifetime(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Duration lifetime = Duration.parse(text.trim());
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw RequestRejected.invalid("\"lifetime\" must be positive.").with("field", "lifetime");
            }
            return lifetime;
        } catch (DateTimeParseException e) {
            throw RequestRejected.invalid("\"lifetime\" must be an ISO-8601 duration such as \"PT15M\".")
                    .with("field", "lifetime");
        }
    }
}
