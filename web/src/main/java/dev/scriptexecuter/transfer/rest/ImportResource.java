package dev.scriptexecuter.transfer.rest;

import dev.scriptexecuter.infrastructure.StrictJsonb;
import dev.scriptexecuter.rest.Answers;
import dev.scriptexecuter.rest.Paging;
import dev.scriptexecuter.rest.Problems;
import dev.scriptexecuter.infrastructure.Role;
import dev.scriptexecuter.transfer.boundary.ExportDocument;
import dev.scriptexecuter.transfer.boundary.ImportReport;
import dev.scriptexecuter.transfer.boundary.TransferService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import dev.scriptexecuter.infrastructure.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.StringReader;
import java.util.stream.Collectors;

/**
 * Imports a document made by {@code GET /api/export}: {@code ?conflicts=skip}
 * (default), {@code rename} or {@code overwrite} for scripts whose name exists
 * here; {@code ?dryRun=true} reports what would happen and writes nothing. If
 * any script cannot be imported, nothing is: 400 with the report.
 */
@RolesAllowed({Role.ADMIN_NAME, Role.USER_NAME})
@Path("import")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ImportResource {

    @Inject
    TransferService transfer;

    @POST
    @Answers(value = 200, body = ImportReport.class)
    public Response importScripts(@QueryParam("conflicts") String conflicts, @QueryParam("dryRun") String dryRun,
                                  ExportDocument document) {
        ImportReport report = transfer.importScripts(document, conflicts, Paging.flag("dryRun", dryRun, false));
        if (report.dryRun() || report.applied()) {
            return Response.ok(report).build();
        }
        String reasons = report.items().stream().filter(item -> item.action().equals("invalid"))
                .map(item -> "'" + item.name() + "': " + item.detail()).collect(Collectors.joining(" "));
        JsonObject problem = Json.PROVIDER.createReader(new StringReader(Problems.json(400, "invalid-import",
                "Nothing was imported", "Some scripts cannot be imported, so none was. " + reasons))).readObject();
        JsonObject body = Json.PROVIDER.createObjectBuilder(problem).add("report", Json.PROVIDER.createReader(new StringReader(
                StrictJsonb.get().toJson(report))).readObject()).build();
        return Response.status(400).type(Problems.MEDIA_TYPE).entity(body.toString()).build();
    }
}
