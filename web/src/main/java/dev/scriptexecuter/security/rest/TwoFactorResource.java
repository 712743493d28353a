package dev.scriptexecuter.security.rest;

import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.rest.Answers;
import dev.scriptexecuter.security.boundary.RecoveryCodes;
import dev.scriptexecuter.security.boundary.TotpEnrolment;
import dev.scriptexecuter.security.boundary.TwoFactorService;
import dev.scriptexecuter.security.boundary.TwoFactorStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Two-factor login of the caller's own account: its state; a new secret to set it up (or move it to another
 * app), confirmed by a code, which answers the ten recovery codes (shown this once); new recovery codes; turning
 * it off. Everything that changes it is proven with a current code.
 */
@Path("account/two-factor")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
public class TwoFactorResource {

    @Inject
    TwoFactorService twoFactor;

    /** A one-time password from the app, or (where it proves an account already set up) a recovery code. */
    public record Code(String code) {
    }

    @GET
    public TwoFactorStatus status() {
        return twoFactor.status();
    }

    /**
     * A new secret, waiting for its confirming code; one in use stays in use until then, and is proven first
     * with a current code ({@code {"code": "..."}}: moving to another app). No body where there is none yet.
     */
    @POST
    public TotpEnrolment enrol(Code current) {
        return twoFactor.enrol(current == null ? null : current.code());
    }

    @POST
    @Path("confirm")
    public RecoveryCodes confirm(Code code) {
        return twoFactor.confirm(code(code));
    }

    @POST
    @Path("recovery-codes")
    public RecoveryCodes renewRecoveryCodes(Code code) {
        return twoFactor.renewRecoveryCodes(code(code));
    }

    @POST
    @Path("disable")
    @Answers(204)
    public Response disable(Code code) {
        twoFactor.disable(code(code));
        return Response.noContent().build();
    }

    private static String code(Code code) {
        if (code == null) {
            throw RequestRejected.invalid("Send {\"code\": \"...\"}: the six digits the app shows now.")
                    .with("field", "code");
        }
        return code.code();
    }
}
