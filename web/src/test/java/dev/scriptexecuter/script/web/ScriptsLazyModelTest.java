package dev.scriptexecuter.script.web;

import dev.scriptexecuter.script.boundary.ScriptQuery;
import dev.scriptexecuter.script.boundary.ScriptService;
import dev.scriptexecuter.script.boundary.ScriptSummary;
import org.junit.jupiter.api.Test;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The scripts table counts once per load and reads its page without counting again. */
class ScriptsLazyModelTest {

    /** Records the queries the table made; no database behind it. */
    static class Recording extends ScriptService {
        final List<ScriptQuery> counted = new ArrayList<>();
        final List<ScriptQuery> read = new ArrayList<>();

        @Override
        public long countSummaries(ScriptQuery query) {
            counted.add(query);
            return 10_000;
        }

        @Override
        public List<ScriptSummary> summaries(ScriptQuery query) {
            read.add(query);
            return List.of();
        }
    }

    @Test
    void aLoadCountsOnceWithTheFiltersAndReadsOneSortedPage() {
        Recording scripts = new Recording();
        ScriptsLazyModel model = new ScriptsLazyModel(scripts);
        Map<String, FilterMeta> filters = Map.of("name", FilterMeta.builder().field("name").filterValue("report")
                .build());

        assertThat(model.count(filters)).isEqualTo(10_000);
        assertThat(model.load(100, 50, Map.of("nextRunAt", SortMeta.builder().field("nextRunAt")
                .order(SortOrder.DESCENDING).build()), filters)).isEmpty();

        assertThat(scripts.counted).singleElement().satisfies(query -> {
            assertThat(query.nameContains()).isEqualTo("report");
            assertThat(query.active()).isNull();
        });
        assertThat(scripts.read).singleElement().satisfies(query -> {
            assertThat(query.offset()).isEqualTo(100);
            assertThat(query.limit()).isEqualTo(50);
            assertThat(query.sortBy()).isEqualTo("nextRunAt");
            assertThat(query.ascending()).isFalse();
            assertThat(query.nameContains()).isEqualTo("report");
        });
    }
}
