package dev.scriptexecuter.rest;

import dev.scriptexecuter.infrastructure.RequestRejected;
import dev.scriptexecuter.infrastructure.Suggestions;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one check of every query parameter under {@code /api}, made before any
 * endpoint reads one, so that the strictness of JSON bodies holds for the
 * query string too:
 * <ul>
 *   <li>a parameter the endpoint does not take is refused, with the nearest
 *       one it does take ({@code ?limt=5} would otherwise be ignored);</li>
 *   <li>a parameter given twice is refused unless the endpoint takes a list
 *       ({@code ?script=a&script=b});</li>
 *   <li>a value holding a control character (NUL included), bytes that are
 *       not UTF-8, or more than {@value #MAX_LENGTH} characters is refused.</li>
 * </ul>
 * Each refusal is a 400 problem naming the parameter in {@code field}.
 */
@Provider
public class QueryParameters implements ContainerRequestFilter {

    /** Longer than any id, time, number or name a query parameter carries. */
    static final int MAX_LENGTH = 1000;

    /** What an endpoint's parameters accept: its names, and which of them take a list. */
    record Accepted(Set<String> names, Set<String> lists) {
    }

    private static final Map<Method, Accepted> ACCEPTED = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        MultivaluedMap<String, String> given = request.getUriInfo().getQueryParameters();
        if (given.isEmpty() || resource.getResourceMethod() == null) {
            return;
        }
        check(given, ACCEPTED.computeIfAbsent(resource.getResourceMethod(), QueryParameters::accepted));
    }

    static void check(Map<String, List<String>> given, Accepted accepted) {
        for (Map.Entry<String, List<String>> parameter : given.entrySet()) {
            String name = parameter.getKey();
            if (!accepted.names().contains(name)) {
                throw unknown(name, accepted.names());
            }
            if (parameter.getValue().size() > 1 && !accepted.lists().contains(name)) {
                throw RequestRejected.invalid("Give \"" + name + "\" once; it was given "
                        + parameter.getValue().size() + " times.").with("field", name);
            }
            for (String value : parameter.getValue()) {
                checkValue(name, value);
            }
        }
    }

    private static RequestRejected unknown(String name, Set<String> names) {
        String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
        String field = readable(name) ? shown : "(unreadable name)";
        if (names.isEmpty()) {
            return RequestRejected.invalid("This endpoint takes no query parameters; \"" + field
                    + "\" was given.").with("field", field);
        }
        String nearest = readable(name) ? Suggestions.nearest(name, names) : null;
        return RequestRejected.invalid("Unknown query parameter \"" + field + "\"."
                + (nearest != null ? " Did you mean \"" + nearest + "\"?" : "")
                + " This endpoint takes: " + String.join(", ", new TreeSet<>(names)) + ".").with("field", field);
    }

    private static void checkValue(String name, String value) {
        if (value.length() > MAX_LENGTH) {
            throw RequestRejected.invalid("\"" + name + "\" is " + value.length() + " characters long; at most "
                    + MAX_LENGTH + " are accepted.").with("field", name);
        }
        if (!readable(value)) {
            throw RequestRejected.invalid("\"" + name + "\" contains a control character or bytes that are not"
                    + " UTF-8; send printable text, percent-encoded as UTF-8.").with("field", name);
        }
    }

    /** No control character (NUL, newline, DEL, ...), no replacement character from undecodable bytes. */
    private static boolean readable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\uFFFD' || Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(++i)))) {
                return false;
            }
        }
        return true;
    }

    private static Accepted accepted(Method method) {
        Set<String> names = new TreeSet<>();
        Set<String> lists = new TreeSet<>();
        for (Parameter parameter : method.getParameters()) {
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            if (query != null) {
                names.add(query.value());
                if (List.class.isAssignableFrom(parameter.getType()) || Set.class.isAssignableFrom(parameter.getType())) {
                    lists.add(query.value());
                }
            }
        }
        return new Accepted(Set.copyOf(names), Set.copyOf(lists));
    }
}
