package dev.scriptexecuter.transfer.rest;

import dev.scriptexecuter.rest.Paging;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.transfer.boundary.ExportDocument;
import dev.scriptexecuter.transfer.boundary.TransferService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * Exports scripts as one JSON document for {@code POST /api/import} elsewhere:
 * {@code ?script=<id>} (repeatable; none: all scripts), {@code ?data=true} to
 * include each script's data. Secret values are never exported.
 */
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME, Role.VIEWER_NAME})
@Path("export")
@Produces(MediaType.APPLICATION_JSON)
public class ExportResource {

    @Inject
    TransferService transfer;

    @GET
    public ExportDocument export(@QueryParam("script") List<String> scripts, @QueryParam("data") String data) {
        return transfer.export(scripts == null ? List.of() : scripts, Paging.flag("data", data, false));
    }
}
