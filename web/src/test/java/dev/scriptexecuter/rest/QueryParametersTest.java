package dev.scriptexecuter.rest;

import dev.scriptexecuter.infrastructure.RequestRejected;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class QueryParametersTest {

    private static final QueryParameters.Accepted RUNS = new QueryParameters.Accepted(
            Set.of("offset", "limit", "outcome", "since", "after"), Set.of());
    private static final QueryParameters.Accepted EXPORT = new QueryParameters.Accepted(
            Set.of("script", "data"), Set.of("script"));

    @Test
    void whatAnEndpointTakesPasses() {
        assertThatCode(() -> QueryParameters.check(Map.of("limit", List.of("5"), "outcome", List.of("FAILED")), RUNS))
                .doesNotThrowAnyException();
        assertThatCode(() -> QueryParameters.check(Map.of("script", List.of("a", "b")), EXPORT))
                .doesNotThrowAnyException();
        assertThatCode(() -> QueryParameters.check(Map.of("outcome", List.of("caf\u00e9 \uD83D\uDE00")), RUNS))
                .as("letters outside ASCII and a whole surrogate pair are text").doesNotThrowAnyException();
    }

    @Test
    void anUnknownParameterIsNamedWithTheNearestKnownOne() {
        RequestRejected typo = refused(Map.of("limt", List.of("5")), RUNS);
        assertThat(typo.details()).containsEntry("field", "limt");
        assertThat(typo.getMessage()).contains("Did you mean \"limit\"?", "after, limit, offset, outcome, since");

        RequestRejected none = refused(Map.of("x", List.of("1")), new QueryParameters.Accepted(Set.of(), Set.of()));
        assertThat(none.getMessage()).contains("takes no query parameters");
    }

    @Test
    void oneValueIsTakenOnceUnlessTheEndpointTakesAList() {
        RequestRejected twice = refused(Map.of("limit", List.of("1", "2")), RUNS);
        assertThat(twice.details()).containsEntry("field", "limit");
        assertThat(twice.getMessage()).contains("given 2 times");
    }

    @Test
    void controlCharactersUndecodableBytesAndLongValuesAreRefused() {
        for (String value : List.of("a\u0000b", "a\nb", "\u007f", "bad \uFFFD byte", "half \uD83D pair",
                "x".repeat(QueryParameters.MAX_LENGTH + 1))) {
            RequestRejected refused = refused(Map.of("since", List.of(value)), RUNS);
            assertThat(refused.details()).as(value).containsEntry("field", "since");
            assertThat(refused.reason()).isEqualTo(RequestRejected.Reason.INVALID);
        }
        RequestRejected unreadableName = refused(Map.of("a\u0000", List.of("1")), RUNS);
        assertThat(unreadableName.details()).containsEntry("field", "(unreadable name)");
    }

    private static RequestRejected refused(Map<String, List<String>> given, QueryParameters.Accepted accepted) {
        RequestRejected refused = catchThrowableOfType(RequestRejected.class,
                () -> QueryParameters.check(given, accepted));
        assertThat(refused).as("refused: " + given).isNotNull();
        return refused;
    }
}
