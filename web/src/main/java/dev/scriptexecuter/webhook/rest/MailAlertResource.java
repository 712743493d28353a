package dev.scriptexecuter.webhook.rest;

import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.rest.Answers;
import dev.scriptexecuter.rest.Preconditions;
import dev.scriptexecuter.webhook.boundary.MailAlertDraft;
import dev.scriptexecuter.webhook.boundary.MailAlertService;
import dev.scriptexecuter.webhook.boundary.MailAlertView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import static jakarta.ws.rs.core.HttpHeaders.IF_MATCH;
import static jakarta.ws.rs.core.HttpHeaders.IF_NONE_MATCH;

/** The default e-mail alerts, for scripts without their own: admins set them. */
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
@Path("email")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MailAlertResource {

    @Inject
    MailAlertService alerts;

    @GET
    public MailAlertView find() {
        return alerts.find(null).orElseThrow(() -> RequestRejected.notFound("There are no global e-mail alerts."));
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @PUT
    public MailAlertView set(@HeaderParam(IF_MATCH) String ifMatch, @HeaderParam(IF_NONE_MATCH) String ifNoneMatch,
                             MailAlertDraft draft) {
        return alerts.setGlobal(draft, Preconditions.of(ifMatch, ifNoneMatch));
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @DELETE
    @Answers(204)
    public Response delete(@HeaderParam(IF_MATCH) String ifMatch, @HeaderParam(IF_NONE_MATCH) String ifNoneMatch) {
        alerts.deleteGlobal(Preconditions.of(ifMatch, ifNoneMatch));
        return Response.noContent().build();
    }
}
