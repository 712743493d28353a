package dev.scriptexecuter.infrastructure;

import jakarta.persistence.TypedQuery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WHERE clause of a JPQL query built from optional filters, with the
 * values its named parameters take: a list's page and its count are two
 * queries with one filter. Each {@code and} returns a new filter, so a page
 * can narrow the filter its count used.
 */
public record QueryFilter(List<String> conditions, Map<String, Object> parameters) {

    public QueryFilter {
        conditions = List.copyOf(conditions);
        parameters = Map.copyOf(parameters);
    }

    /** Lets everything through. */
    public static QueryFilter all() {
        return new QueryFilter(List.of(), Map.of());
    }

    /** This filter and a condition with one named parameter. */
    public QueryFilter and(String condition, String name, Object value) {
        return and(condition, Map.of(name, value));
    }

    /** This filter and a condition with the named parameters given (none, one or more). */
    public QueryFilter and(String condition, Map<String, Object> values) {
        List<String> more = new ArrayList<>(conditions);
        more.add(condition);
        Map<String, Object> bound = new LinkedHashMap<>(parameters);
        bound.putAll(values);
        return new QueryFilter(more, bound);
    }

    /** " WHERE a AND b", or nothing when there is no condition. */
    public String where() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** The query (made with {@link #where()}) with this filter's values set. */
    public <T> TypedQuery<T> bind(TypedQuery<T> query) {
        parameters.forEach(query::setParameter);
        return query;
    }
}
