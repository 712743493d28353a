package dev.scriptexecuter.infrastructure;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreconditionTest {

    public record View(String name, long version) {
    }

    private static final View CURRENT = new View("a", 3);

    @Test
    void theTagChangesWithTheContentAndOnlyWithIt() {
        assertThat(EntityTags.of(new View("a", 3))).isEqualTo(EntityTags.of(CURRENT)).startsWith("\"").endsWith("\"");
        assertThat(EntityTags.of(new View("a", 4))).isNotEqualTo(EntityTags.of(CURRENT));
        assertThat(EntityTags.of(new View("b", 3))).isNotEqualTo(EntityTags.of(CURRENT));
    }

    @Test
    void ifMatchWithTheCurrentTagOrAnyPasses() {
        String tag = EntityTags.of(CURRENT);
        assertThatCode(() -> Precondition.fromHeaders(tag, null, null).check(() -> CURRENT, "The thing"))
                .doesNotThrowAnyException();
        assertThatCode(() -> Precondition.fromHeaders("\"old\", " + tag, null, null).check(() -> CURRENT, "The thing"))
                .doesNotThrowAnyException();
        assertThatCode(() -> Precondition.fromHeaders("*", null, null).check(() -> CURRENT, "The thing"))
                .doesNotThrowAnyException();
        assertThatCode(() -> Precondition.NONE.check(() -> null, "The thing")).doesNotThrowAnyException();
        assertThatCode(() -> Precondition.NONE.check(() -> {
            throw new AssertionError("without a condition the current view is not asked for");
        }, "The thing")).doesNotThrowAnyException();
    }

    @Test
    void aStaleTagFailsWithTheCurrentOne() {
        String stale = EntityTags.of(new View("a", 2));
        assertThatThrownBy(() -> Precondition.fromHeaders(stale, null, null).check(() -> CURRENT, "The thing"))
                .isInstanceOfSatisfying(RequestRejected.class, e -> {
                    assertThat(e.reason()).isEqualTo(RequestRejected.Reason.PRECONDITION_FAILED);
                    assertThat(e.details()).containsEntry("etag", EntityTags.of(CURRENT));
                    assertThat(e.getMessage()).startsWith("The thing was changed");
                });
    }

    @Test
    void aWeakTagNeverMatchesIfMatchButDoesIfNoneMatch() {
        String weak = "W/" + EntityTags.of(CURRENT);
        assertThatThrownBy(() -> Precondition.fromHeaders(weak, null, null).check(() -> CURRENT, "The thing"))
                .isInstanceOfSatisfying(RequestRejected.class,
                        e -> assertThat(e.reason()).isEqualTo(RequestRejected.Reason.PRECONDITION_FAILED));
        assertThatThrownBy(() -> Precondition.fromHeaders(null, weak, null).check(() -> CURRENT, "The thing"))
                .isInstanceOfSatisfying(RequestRejected.class,
                        e -> assertThat(e.reason()).isEqualTo(RequestRejected.Reason.PRECONDITION_FAILED));
    }

    @Test
    void ifMatchOnNothingAndIfNoneMatchAnyOnSomethingFail() {
        assertThatThrownBy(() -> Precondition.fromHeaders("*", null, null).check(() -> null, "The thing"))
                .hasMessageStartingWith("The thing does not exist");
        assertThatThrownBy(() -> Precondition.fromHeaders(null, "*", null).check(() -> CURRENT, "The thing"))
                .hasMessageStartingWith("The thing exists already");
        assertThatCode(() -> Precondition.fromHeaders(null, "*", null).check(() -> null, "The thing"))
                .doesNotThrowAnyException();
        assertThatCode(() -> Precondition.matching(null).check(() -> null, "The thing")).doesNotThrowAnyException();
        assertThatCode(() -> Precondition.matching(CURRENT).check(() -> CURRENT, "The thing")).doesNotThrowAnyException();
    }

    @Test
    void headersAreReadAsListsOfQuotedTags() {
        assertThat(Precondition.tags("If-Match", " \"a\" ,W/\"b\",\"c,d\"", false))
                .containsExactly("\"a\"", "W/\"b\"", "\"c,d\"");
        assertThat(Precondition.tags("If-None-Match", "W/\"b\"", true)).containsExactly("\"b\"");
        assertThat(Precondition.tags("If-Match", null, false)).isNull();
        for (String malformed : List.of("", "abc", "\"a", "\"a\" \"b\"", "\"a\",", "W/a", "*, \"a\"")) {
            assertThatThrownBy(() -> Precondition.fromHeaders(malformed, null, null)).as(malformed)
                    .isInstanceOfSatisfying(RequestRejected.class, e -> {
                        assertThat(e.reason()).isEqualTo(RequestRejected.Reason.INVALID);
                        assertThat(e.details()).containsEntry("field", "If-Match");
                    });
        }
    }

    @Test
    void aRequiredConditionRefusesABlindWrite() {
        assertThatThrownBy(() -> Precondition.fromHeaders(null, null, "ses.api.require-if-match"))
                .isInstanceOfSatisfying(RequestRejected.class, e -> {
                    assertThat(e.reason()).isEqualTo(RequestRejected.Reason.PRECONDITION_REQUIRED);
                    assertThat(e.getMessage()).contains("ses.api.require-if-match");
                });
        assertThat(Precondition.fromHeaders(null, null, null)).isSameAs(Precondition.NONE);
        assertThat(Precondition.fromHeaders("*", null, "ses.api.require-if-match").given()).isTrue();
    }
}
