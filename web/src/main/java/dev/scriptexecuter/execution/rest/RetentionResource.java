package dev.scriptexecuter.execution.rest;

import dev.scriptexecuter.execution.boundary.RunRetention;
import dev.scriptexecuter.execution.boundary.RunRetention.PurgeResult;
import dev.scriptexecuter.infrastructure.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Run retention: purge now what the scripts' retention no longer keeps (it also runs on its own). */
@RolesAllowed(Role.ADMIN_NAME)
@Path("retention")
@Produces(MediaType.APPLICATION_JSON)
public class RetentionResource {

    @Inject
    RunRetention retention;

    @POST
    @Path("purge")
    public PurgeResult purge() {
        return retention.purgeNow();
    }
}
