package dev.scriptexecuter.rest;

import dev.scriptexecuter.infrastructure.Json;
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
        JsonObjectBuilder body = Json.PROVIDER.createObjectBuilder()
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

    /** The sentence for a status the platform decided (no route, wrong method or media type, ...). */
    static String sentence(int status, String method) {
        return switch (status) {
            case 400 -> "The request is malformed: its path, query or headers cannot be read.";
            case 401 -> "Log in first: send a bearer token (POST /api/auth/token) or an API key (X-API-Key).";
            case 403 -> "Your role does not allow this action.";
            case 404 -> "There is nothing at this path.";
            case 405 -> "This path does not take the " + method + " method.";
            case 406 -> "This path answers application/json; ask for that (or send no Accept header).";
            case 413 -> "The request is too large.";
            case 415 -> "Send the body as application/json.";
            default -> title(status) + ".";
        };
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 413 -> "Too large";
            case 415 -> "Unsupported media type";
            case 500 -> "Internal server error";
            case 503 -> "Service unavailable";
            default -> status < 500 ? "Request refused" : "Server error";
        };
    }
}
