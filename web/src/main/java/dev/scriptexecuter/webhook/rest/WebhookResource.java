package dev.scriptexecuter.webhook.rest;

import dev.scriptexecuter.rest.Preconditions;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.rest.Answers;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.webhook.boundary.WebhookDraft;
import dev.scriptexecuter.webhook.boundary.WebhookService;
import dev.scriptexecuter.webhook.boundary.WebhookView;
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

/** The default failure webhook, for scripts without one of their own: admins set it. */
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
@Path("webhook")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WebhookResource {

    @Inject
    WebhookService webhooks;

    @GET
    public WebhookView find() {
        return webhooks.find(null).orElseThrow(() -> RequestRejected.notFound("There is no global webhook."));
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @PUT
    public WebhookView set(
                           @HeaderParam(IF_MATCH) String ifMatch, @HeaderParam(IF_NONE_MATCH) String ifNoneMatch,
                           WebhookDraft draft) {
        return webhooks.setGlobal(draft, Preconditions.of(ifMatch, ifNoneMatch));
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @DELETE
    @Answers(204)
    public Response delete(@HeaderParam(IF_MATCH) String ifMatch, @HeaderParam(IF_NONE_MATCH) String ifNoneMatch) {
        webhooks.deleteGlobal(Preconditions.of(ifMatch, ifNoneMatch));
        return Response.noContent().build();
    }
}
