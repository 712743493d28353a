package dev.scriptexecuter.webhook.rest;

import dev.scriptexecuter.rest.Preconditions;
import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.rest.Answers;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.webhook.boundary.DeliveryView;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

import static jakarta.ws.rs.core.HttpHeaders.IF_MATCH;
import static jakarta.ws.rs.core.HttpHeaders.IF_NONE_MATCH;

/** A script's own failure webhook (its editors set it) and the deliveries made for its runs. */
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
@Path("scripts/{id}/webhook")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScriptWebhookResource {

    @Inject
    WebhookService webhooks;

    @GET
    public WebhookView find(@PathParam("id") String id) {
        return webhooks.find(id).orElseThrow(() -> RequestRejected.notFound("The script has no webhook of its own"
                + " (runs use the global one, GET /api/webhook, if there is one)."));
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    @PUT
    public WebhookView set(@PathParam("id") String id,
                           @HeaderParam(IF_MATCH) String ifMatch, @HeaderParam(IF_NONE_MATCH) String ifNoneMatch,
                           WebhookDraft draft) {
        return webhooks.setForScript(id, draft, Preconditions.of(ifMatch, ifNoneMatch));
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    @DELETE
    @Answers(204)
    public Response delete(@PathParam("id") String id,
                           @HeaderParam(IF_MATCH) String ifMatch, @HeaderParam(IF_NONE_MATCH) String ifNoneMatch) {
        webhooks.deleteForScript(id, Preconditions.of(ifMatch, ifNoneMatch));
        return Response.noContent().build();
    }

    /** Newest first, with each one's attempts, last answer and next try. */
    @GET
    @Path("deliveries")
    public List<DeliveryView> deliveries(@PathParam("id") String id) {
        return webhooks.deliveriesOfScript(id);
    }
}
