package dev.scriptexecuter.script.rest;

import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.rest.Paging;
import dev.scriptexecuter.rest.StrictJsonReader;
import dev.scriptexecuter.script.boundary.ScriptVersionDiff;
import dev.scriptexecuter.script.boundary.ScriptVersionService;
import dev.scriptexecuter.script.boundary.ScriptVersionView;
import dev.scriptexecuter.script.boundary.ScriptView;
import dev.scriptexecuter.infrastructure.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** A script's code versions: list, read one, diff two, roll back to one. */
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
@Path("scripts/{id}/versions")
@Produces(MediaType.APPLICATION_JSON)
public class ScriptVersionsResource {

    @Inject
    ScriptVersionService versions;

    @GET
    public List<ScriptVersionView> list(@PathParam("id") String id) {
        return versions.list(id);
    }

    @GET
    @Path("{number}")
    public ScriptVersionView find(@PathParam("id") String id, @PathParam("number") String number) {
        return versions.find(id, number(id, number));
    }

    /** {@code ?against=N} compares with version N instead of the version before; 0 is the empty script. */
    @GET
    @Path("{number}/diff")
    public ScriptVersionDiff diff(@PathParam("id") String id, @PathParam("number") String number,
                                  @QueryParam("against") String against) {
        Integer base = against == null ? null : Paging.number("against", against, 0);
        if (base != null && base < 0) {
            throw RequestRejected.invalid("\"against\" is a version number, 1 or more (0 is the empty script); it is "
                    + base + ".").with("field", "against");
        }
        return versions.diff(id, number(id, number), base);
    }

    /** Body optional: {@code {"message": "why"}}, kept with the new version. */
    @RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
    @POST
    @Path("{number}/rollback")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public ScriptView rollback(@PathParam("id") String id, @PathParam("number") String number, byte[] body) {
        return versions.rollback(id, number(id, number), RollbackRequest.parse(body).message());
    }

    private static int number(String id, String number) {
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw RequestRejected.notFound("Script '" + id + "' has no version '" + number
                    + "'; versions are numbered 1, 2, 3, ...");
        }
    }

    /** What a rollback request may say. */
    public record RollbackRequest(String message) {

        static RollbackRequest parse(byte[] body) {
            RollbackRequest request = StrictJsonReader.optional(body, RollbackRequest.class);
            return request == null ? new RollbackRequest(null) : request;
        }
    }
}
