package dev.scriptexecuter.infrastructure;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.util.ArrayList;
import java.util.List;

/**
 * A native SQL update whose values are bound in order, a null one written into
 * the statement as the literal {@code NULL}. Bound as a parameter, a null has
 * no type: EclipseLink sends it as text, which PostgreSQL refuses for a
 * timestamp or number column ("is of type timestamp without time zone but
 * expression is of type character varying"). Every native statement that may
 * set a column to null goes through here. A null compares as nothing in SQL, so
 * a condition on a value that may be null is written with {@code IS NULL}; the
 * statement's text has no {@code ?} other than its parameters.
 *
 * @param sql the statement with a {@code ?} for each value
 */
public record NativeUpdate(String sql, List<Object> values) {

    /** The statement as sent: the nulls written in, the other values left to bind. */
    public static NativeUpdate of(String sql, Object... values) {
        StringBuilder text = new StringBuilder(sql.length());
        List<Object> bound = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c != '?') {
                text.append(c);
            } else if (next == values.length) {
                throw new IllegalArgumentException("More parameters than the " + values.length + " values: " + sql);
            } else if (values[next++] == null) {
                text.append("NULL");
            } else {
                text.append('?');
                bound.add(values[next - 1]);
            }
        }
        if (next != values.length) {
            throw new IllegalArgumentException(values.length + " values for " + next + " parameters: " + sql);
        }
        return new NativeUpdate(text.toString(), List.copyOf(bound));
    }

    /** Runs the update in the entity manager's transaction; gives the rows it changed. */
    public static int execute(EntityManager em, String sql, Object... values) {
        NativeUpdate update = of(sql, values);
        Query query = em.createNativeQuery(update.sql());
        for (int i = 0; i < update.values().size(); i++) {
            query.setParameter(i + 1, update.values().get(i));
        }
        return query.executeUpdate();
    }
}
