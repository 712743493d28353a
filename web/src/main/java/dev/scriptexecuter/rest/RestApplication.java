package dev.scriptexecuter.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Map;

/**
 * The REST API, under {@code /api}. The runtime's own description of the API
 * (WADL at {@code /api/application.wadl} and in answers to OPTIONS) is off: it
 * names the runtime and its version, and {@code /openapi} describes the API.
 */
@ApplicationPath("api")
public class RestApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
