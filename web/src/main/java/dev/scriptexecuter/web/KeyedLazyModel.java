package dev.scriptexecuter.web;

import org.primefaces.model.LazyDataModel;

import java.io.Serializable;
import java.util.List;
import java.util.function.Function;

/**
 * A lazy table whose rows have an id: a button pressed in a row finds its row
 * again in the page the table loaded.
 */
public abstract class KeyedLazyModel<T> extends LazyDataModel<T> {

    /** How a row names its id; serialisable, as the table lives in a view-scoped bean. */
    public interface Key<T> extends Function<T, String>, Serializable {
    }

    private final Key<T> key;

    protected KeyedLazyModel(Key<T> key) {
        this.key = key;
    }

    @Override
    public String getRowKey(T row) {
        return key.apply(row);
    }

    @Override
    public T getRowData(String rowKey) {
        List<T> page = getWrappedData();
        return page == null ? null : page.stream().filter(row -> key.apply(row).equals(rowKey)).findFirst().orElse(null);
    }
}
