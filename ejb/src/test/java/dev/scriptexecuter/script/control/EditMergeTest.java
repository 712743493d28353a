package dev.scriptexecuter.script.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EditMergeTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text.replace('\'', '"'))).readObject();
    }

    private static final JsonObject READ = json("{'mainCode': 'v1', 'active': true, 'data': {'n': 7}}");

    @Test
    void aCodeOnlyEditKeepsWhatRunsDidToTheData() {
        JsonObject now = json("{'mainCode': 'v1', 'active': true, 'data': {'n': 9}}");
        JsonObject mine = json("{'mainCode': 'v2', 'active': true, 'data': {'n': 7}}");
        EditMerge.Result result = EditMerge.merge(now, READ, mine, Set.of("mainCode"));
        assertThat(result.clean()).isTrue();
        assertThat(result.merged()).isEqualTo(json("{'mainCode': 'v2', 'active': true, 'data': {'n': 9}}"));
    }

    @Test
    void anEditedFieldThatChangedMeanwhileIsAConflictWithBothValues() {
        JsonObject now = json("{'mainCode': 'v1', 'active': false, 'data': {'n': 9}}");
        JsonObject mine = json("{'mainCode': 'v1', 'active': true, 'data': {'n': 100}}");
        EditMerge.Result result = EditMerge.merge(now, READ, mine, Set.of("data"));
        assertThat(result.clean()).isFalse();
        assertThat(result.conflicts()).containsExactly(
                new EditMerge.Conflict("data", json("{'n': 100}"), json("{'n': 9}")));
    }

    @Test
    void theSameChangeOnBothSidesIsNoConflict() {
        JsonObject now = json("{'mainCode': 'v2', 'active': true, 'data': {'n': 7}}");
        JsonObject mine = json("{'mainCode': 'v2', 'active': true, 'data': {'n': 7}}");
        assertThat(EditMerge.merge(now, READ, mine, Set.of("mainCode")).clean()).isTrue();
    }

    @Test
    void aPauseMeanwhileStaysWhenTheEditDidNotTouchActive() {
        JsonObject now = json("{'mainCode': 'v1', 'active': false, 'data': {'n': 7}}");
        JsonObject mine = json("{'mainCode': 'v3', 'active': true, 'data': {'n': 7}}");
        EditMerge.Result result = EditMerge.merge(now, READ, mine, Set.of("mainCode"));
        assertThat(result.merged().getBoolean("active")).isFalse();
        assertThat(result.merged().getString("mainCode")).isEqualTo("v3");
    }
}
