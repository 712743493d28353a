package dev.scriptexecuter.openapi;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import dev.scriptexecuter.infrastructure.Json;
import dev.scriptexecuter.rest.Answers;
import dev.scriptexecuter.rest.Preconditions;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI 3.0 document of the REST API, read from the resource classes
 * themselves (paths, verbs, parameters, bodies, roles) and the records they
 * take and give (schemas), so it cannot drift from the code. Errors are RFC
 * 9457 problems. Built here rather than by the server's MicroProfile OpenAPI:
 * that one is hidden at the context root "/" and absent on WildFly.
 */
public final class OpenApiDocument {

    private final OpenApiSchemas schemas = new OpenApiSchemas();

    private OpenApiDocument() {
    }

    public static JsonObject of(Class<?> application, List<Class<?>> resources, String version) {
        return new OpenApiDocument().build(application, resources, version);
    }

    private JsonObject build(Class<?> application, List<Class<?>> resources, String version) {
        String base = "/" + application.getAnnotation(ApplicationPath.class).value();
        Map<String, JsonObjectBuilder> paths = new TreeMap<>();
        for (Class<?> resource : resources) {
            String root = resource.getAnnotation(Path.class).value();
            Arrays.stream(resource.getDeclaredMethods()).sorted(Comparator.comparing(Method::getName))
                    .forEach(method -> verb(method).ifPresent(verb -> {
                        Path sub = method.getAnnotation(Path.class);
                        String path = (base + "/" + root + (sub == null ? "" : "/" + sub.value())).replace("//", "/");
                        paths.computeIfAbsent(path, key -> Json.PROVIDER.createObjectBuilder())
                                .add(verb.toLowerCase(), operation(resource, method));
                    }));
        }
        JsonObjectBuilder pathsJson = Json.PROVIDER.createObjectBuilder();
        paths.forEach(pathsJson::add);
        return Json.PROVIDER.createObjectBuilder()
                .add("openapi", "3.0.3")
                .add("info", Json.PROVIDER.createObjectBuilder().add("title", "ScriptExecuterServer API").add("version", version)
                        .add("description", "Scripts, their runs, versions and history. Authenticate with a bearer"
                                + " token from POST /api/auth/token or an API key in X-API-Key. Errors are"
                                + " application/problem+json (RFC 9457)."))
                .add("paths", pathsJson)
                .add("components", Json.PROVIDER.createObjectBuilder().add("schemas", schemas.components())
                        .add("securitySchemes", Json.PROVIDER.createObjectBuilder()
                                .add("bearer", Json.PROVIDER.createObjectBuilder().add("type", "http").add("scheme", "bearer")
                                        .add("bearerFormat", "JWT"))
                                .add("apiKey", Json.PROVIDER.createObjectBuilder().add("type", "apiKey").add("in", "header")
                                        .add("name", "X-API-Key"))))
                .add("security", Json.PROVIDER.createArrayBuilder()
                        .add(Json.PROVIDER.createObjectBuilder().add("bearer", JsonValue.EMPTY_JSON_ARRAY))
                        .add(Json.PROVIDER.createObjectBuilder().add("apiKey", JsonValue.EMPTY_JSON_ARRAY)))
                .build();
    }

    private static java.util.Optional<String> verb(Method method) {
        return Arrays.stream(method.getAnnotations())
                .map(annotation -> annotation.annotationType().getAnnotation(HttpMethod.class))
                .filter(java.util.Objects::nonNull).map(HttpMethod::value).findFirst();
    }

    private JsonObject operation(Class<?> resource, Method method) {
        String tag = resource.getSimpleName().replace("Resource", "");
        boolean open = method.isAnnotationPresent(PermitAll.class);
        String roles = open ? "anyone" : String.join(", ", roles(resource, method));
        JsonObjectBuilder operation = Json.PROVIDER.createObjectBuilder()
                .add("tags", Json.PROVIDER.createArrayBuilder().add(tag))
                .add("operationId", Character.toLowerCase(tag.charAt(0)) + tag.substring(1) + "_" + method.getName())
                .add("summary", tag + ": " + words(method.getName()))
                .add("description", "Allowed for: " + roles + ".");
        if (open) {
            operation.add("security", JsonValue.EMPTY_JSON_ARRAY);
        }
        JsonArrayBuilder parameters = Json.PROVIDER.createArrayBuilder();
        Parameter body = null;
        for (Parameter parameter : method.getParameters()) {
            if (parameter.isAnnotationPresent(PathParam.class)) {
                parameters.add(parameter("path", parameter.getAnnotation(PathParam.class).value(), true));
            } else if (parameter.isAnnotationPresent(QueryParam.class)) {
                parameters.add(parameter("query", parameter.getAnnotation(QueryParam.class).value(), false));
            } else if (parameter.isAnnotationPresent(HeaderParam.class)) {
                parameters.add(parameter("header", parameter.getAnnotation(HeaderParam.class).value(), false));
            } else if (!parameter.isAnnotationPresent(Context.class)) {
                body = parameter;
            }
        }
        operation.add("parameters", parameters);
        if (body != null) {
            String type = mediaType(method.getAnnotation(Consumes.class), resource.getAnnotation(Consumes.class));
            operation.add("requestBody", Json.PROVIDER.createObjectBuilder().add("required", !(body.getType() == String.class))
                    .add("content", Json.PROVIDER.createObjectBuilder().add(type, Json.PROVIDER.createObjectBuilder()
                            .add("schema", schemas.of(body.getParameterizedType())))));
        }
        operation.add("responses", responses(resource, method, open, body != null || method.getParameterCount() > 0));
        return operation.build();
    }

    private JsonObject responses(Class<?> resource, Method method, boolean open, boolean takesInput) {
        JsonObjectBuilder responses = Json.PROVIDER.createObjectBuilder();
        String produces = mediaType(method.getAnnotation(Produces.class), resource.getAnnotation(Produces.class));
        Answers answers = method.getAnnotation(Answers.class);
        if (method.getReturnType() == Response.class && answers == null) {
            throw new IllegalStateException(resource.getSimpleName() + "." + method.getName()
                    + " returns a Response: say what it answers with @Answers");
        }
        int[] statuses = answers != null ? answers.value() : new int[] {method.getReturnType() == void.class ? 204 : 200};
        Type bodyType = answers != null ? answers.body() : method.getGenericReturnType();
        for (int status : statuses) {
            JsonObjectBuilder success = Json.PROVIDER.createObjectBuilder().add("description", reason(status));
            if (bodyType != Void.class && bodyType != void.class && status != 204) {
                success.add("content", Json.PROVIDER.createObjectBuilder().add(produces,
                        Json.PROVIDER.createObjectBuilder().add("schema", schemas.of(bodyType))));
            }
            responses.add(String.valueOf(status), success);
        }
        if (takesInput) {
            responses.add("400", problem("The request is not valid; detail says why (field, line and column for code)."));
        }
        if (!open) {
            responses.add("401", problem("No valid token or API key."));
            responses.add("403", problem("The caller's role does not allow this."));
        }
        if (method.getAnnotation(Path.class) != null && method.getAnnotation(Path.class).value().contains("{")
                || resource.getAnnotation(Path.class).value().contains("{")) {
            responses.add("404", problem("No such resource."));
        }
        if (!"GET".equals(verb(method).orElse("GET"))) {
            responses.add("409", problem("The action conflicts with the current state (a duplicate, a finished run)."));
        }
        if (conditional(method)) {
            responses.add("412", problem("If-Match names a state the resource is no longer in (or If-None-Match: * and"
                    + " it exists); nothing was changed. The answer's ETag header is the current tag."));
            responses.add("428", problem("The server requires If-Match on changes (" + Preconditions.SETTING
                    + "=true) and the request had none."));
        }
        if ("GET".equals(verb(method).orElse("")) && method.getReturnType().isRecord()) {
            responses.add("304", Json.PROVIDER.createObjectBuilder().add("description", "Not modified: If-None-Match names"
                    + " the answer's current ETag.").build());
        }
        responses.add("500", problem("An unexpected error; the server log has the details."));
        return responses.build();
    }

    /** A write that takes If-Match: its answer may be 412, or 428 where conditions are required. */
    private static boolean conditional(Method method) {
        return java.util.Arrays.stream(method.getParameters()).anyMatch(parameter ->
                parameter.isAnnotationPresent(HeaderParam.class)
                        && HttpHeaders.IF_MATCH.equals(parameter.getAnnotation(HeaderParam.class).value()));
    }

    private static JsonObject problem(String description) {
        return Json.PROVIDER.createObjectBuilder().add("description", description)
                .add("content", Json.PROVIDER.createObjectBuilder().add("application/problem+json", Json.PROVIDER.createObjectBuilder()
                        .add("schema", OpenApiSchemas.ref("Problem")))).build();
    }

    private static JsonObject parameter(String in, String name, boolean required) {
        return Json.PROVIDER.createObjectBuilder().add("name", name).add("in", in).add("required", required)
                .add("schema", Json.PROVIDER.createObjectBuilder().add("type", "string")).build();
    }

    private static List<String> roles(Class<?> resource, Method method) {
        RolesAllowed roles = method.isAnnotationPresent(RolesAllowed.class) ? method.getAnnotation(RolesAllowed.class)
                : resource.getAnnotation(RolesAllowed.class);
        return roles == null ? List.of("any logged-in account") : List.of(roles.value());
    }

    private static String mediaType(Annotation onMethod, Annotation onClass) {
        Annotation chosen = onMethod != null ? onMethod : onClass;
        String[] types = chosen instanceof Produces produces ? produces.value()
                : chosen instanceof Consumes consumes ? consumes.value() : new String[] {MediaType.APPLICATION_JSON};
        return types[0];
    }

    private static String words(String camelCase) {
        return camelCase.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created; Location names the new resource";
            case 202 -> "Accepted; it goes on in the background";
            case 204 -> "Done; no body";
            default -> String.valueOf(status);
        };
    }
}
