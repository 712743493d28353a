package dev.scriptexecuter.execution.rest;

import dev.scriptexecuter.execution.boundary.TagLimitDraft;
import dev.scriptexecuter.execution.boundary.TagService;
import dev.scriptexecuter.execution.boundary.TagView;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.rest.Answers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * Tags in use, with how many scripts carry each, and their concurrency limits: at most {@code limit} runs of
 * scripts carrying the tag at once on the whole cluster (admins); the others wait and begin as slots free.
 */
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
@Path("tags")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TagsResource {

    @Inject
    TagService tags;

    @GET
    public List<TagView> list() {
        return tags.list();
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @PUT
    @Path("{tag}/limit")
    public TagView setLimit(@PathParam("tag") String tag, TagLimitDraft draft) {
        return tags.setLimit(tag, draft);
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @DELETE
    @Path("{tag}/limit")
    @Answers(204)
    public Response removeLimit(@PathParam("tag") String tag) {
        tags.removeLimit(tag);
        return Response.noContent().build();
    }
}
