package dev.scriptexecuter.rest;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * Builds RFC 9457 {@code application/problem+json} answers: {@code type},
 * {@code title}, {@code status}, {@code detail} and extension members.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static Response response(int status, String type, String title, String detail, Map<String, Object> extra) {
        return Response.status(status).type(MEDIA_TYPE).entity(json(status, type, title, detail, extra)).build();
    }

    public static String json(int status, String type, String title, String detail) {
        return json(status, type, title, detail, Map.of());
    }

    private static String json(int status, String type, String title, String detail, Map<String, Object> extra) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("type", "/problems/" + type)
                .add("title", title)
                .add("status", status)
                .add("detail", detail == null ? title : detail);
        extra.forEach((key, value) -> {
            if (value instanceof Number number) {
                body.add(key, number.longValue());
            } else {
                body.add(key, String.valueOf(value));
            }
        });
        return body.build().toString();
    }

    public static Response response(int status, String type, String title, String detail) {
        return response(status, type, title, detail, Map.of());
    }
}
