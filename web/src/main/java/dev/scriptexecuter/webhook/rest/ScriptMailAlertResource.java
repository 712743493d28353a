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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import static jakarta.ws.rs.core.HttpHeaders.IF_MATCH;
import static jakarta.ws.rs.core.HttpHeaders.IF_NONE_MATCH;

/** A script's own e-mail alerts (its editors set them); their deliveries are listed with the webhook's. */
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
@Path("scripts/{id}/email")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScriptMailAlertResource {

    @Inject
    MailAlertService alerts;

    @GET
    public MailAlertView find(@PathParam("id") String id) {
        return alerts.find(id).orElseThrow(() -> RequestRejected.notFound("The script has no e-mail alerts of its own"
                + " (its runs use the global ones, GET /api/email, if there are any)."));
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    @PUT
    public MailAlertView set(@PathParam("id") String id,
                             @HeaderParam(IF_MATCH) String ifMatch, @HeaderParam(IF_NONE_MATCH) String ifNoneMatch,
                             MailAlertDraft draft) {
        return alerts.setForScript(id, draft, Preconditions.of(ifMatch, ifNoneMatch));
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    @DELETE
    @Answers(204)
    public Response delete(@PathParam("id") String id,
                           @HeaderParam(IF_MATCH) String ifMatch, @HeaderParam(IF_NONE_MATCH) String ifNoneMatch) {
        alerts.deleteForScript(id, Preconditions.of(ifMatch, ifNoneMatch));
        return Response.noContent().build();
    }
}
