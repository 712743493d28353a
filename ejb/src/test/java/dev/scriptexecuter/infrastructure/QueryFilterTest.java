package dev.scriptexecuter.infrastructure;

import jakarta.persistence.TypedQuery;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QueryFilterTest {

    @Test
    void noConditionIsNoWhereClause() {
        assertThat(QueryFilter.all().where()).isEmpty();
    }

    @Test
    void conditionsAreJoinedWithAndAndTheirValuesBound() {
        QueryFilter filter = QueryFilter.all().and("r.outcome = :outcome", "outcome", "FAILED")
                .and("r.queuedAt < :before AND r.id < :id", Map.of("before", 5, "id", "x"));

        assertThat(filter.where()).isEqualTo(" WHERE r.outcome = :outcome AND r.queuedAt < :before AND r.id < :id");
        Map<String, Object> bound = new LinkedHashMap<>();
        assertThat(filter.bind(recording(bound))).isNotNull();
        assertThat(bound).isEqualTo(Map.of("outcome", "FAILED", "before", 5, "id", "x"));
    }

    @Test
    void narrowingLeavesTheFilterItStartedFrom() {
        QueryFilter count = QueryFilter.all().and("s.active = :active", "active", true);
        QueryFilter page = count.and("s.name > :after", "after", "m");

        assertThat(count.where()).isEqualTo(" WHERE s.active = :active");
        assertThat(count.parameters()).containsOnlyKeys("active");
        assertThat(page.parameters()).containsOnlyKeys("active", "after");
    }

    @SuppressWarnings("unchecked")
    private static TypedQuery<Long> recording(Map<String, Object> bound) {
        return (TypedQuery<Long>) Proxy.newProxyInstance(QueryFilterTest.class.getClassLoader(),
                new Class<?>[] {TypedQuery.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("setParameter") && arguments.length == 2
                            && arguments[0] instanceof String name) {
                        bound.put(name, arguments[1]);
                        return proxy;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
