package dev.scriptexecuter.security.web;

import dev.scriptexecuter.infrastructure.RequestRejected;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lifetimes the API keys page offers become the instants the boundary takes. */
class KeyLifetimeTest {

    private static final Instant NOW = Instant.parse("2028-02-29T10:15:30Z");

    @Test
    void spansCountFromNow() {
        assertThat(KeyLifetime.DAYS_30.expiresAt(NOW, null)).isEqualTo("2028-03-30T10:15:30Z");
        assertThat(KeyLifetime.DAYS_90.expiresAt(NOW, "2030-01-01")).as("the date field is not read")
                .isEqualTo("2028-05-29T10:15:30Z");
    }

    @Test
    void aYearIsACalendarYearInUtc() {
        assertThat(KeyLifetime.ONE_YEAR.expiresAt(NOW, null)).isEqualTo("2029-02-28T10:15:30Z");
        assertThat(KeyLifetime.ONE_YEAR.expiresAt(Instant.parse("2027-06-01T00:00:00Z"), null))
                .isEqualTo("2028-06-01T00:00:00Z");
    }

    @Test
    void neverIsNoExpiry() {
        assertThat(KeyLifetime.NEVER.expiresAt(NOW, "2030-01-01")).isNull();
    }

    @Test
    void aDateEndsTheKeyAtTheStartOfThatDayInUtc() {
        assertThat(KeyLifetime.ON_DATE.expiresAt(NOW, " 2028-12-24 ")).isEqualTo("2028-12-24T00:00:00Z");
    }

    @Test
    void aMissingOrUnreadableDateIsARefusalNamingTheField() {
        for (String date : new String[] {null, "", "24.12.2028", "2028-02-30"}) {
            assertThatThrownBy(() -> KeyLifetime.ON_DATE.expiresAt(NOW, date)).as(date)
                    .isInstanceOfSatisfying(RequestRejected.class, e -> {
                        assertThat(e.details()).containsEntry("field", "expiresAt");
                        assertThat(e.getMessage()).startsWith("Choose the date");
                    });
        }
    }

    @Test
    void aYearBeyondWhatTheBoundaryTakesIsLeftToItsRefusal() {
        assertThat(KeyLifetime.ON_DATE.expiresAt(NOW, "+10000-01-01")).isEqualTo("+10000-01-01T00:00:00Z");
    }
}
