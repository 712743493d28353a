package dev.scriptexecuter.security.control;

import dev.scriptexecuter.infrastructure.RequestRejected;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginThrottleTest {

    private Instant now = Instant.parse("2026-11-26T10:00:00Z");
    private LoginThrottle cut;

    @BeforeEach
    void setUp() {
        cut = new LoginThrottle();
        cut.freeAttempts = 3;
        cut.clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }

    private void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            cut.failed(user, address);
        }
    }

    @Test
    void aFewFailuresAreFree() {
        fail("ann", "10.0.0.1", 2);
        assertThatCode(() -> cut.checkAllowed("ann", "10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void moreFailuresBlockTheUsernameFromAnyAddressForAGrowingTime() {
        fail("ann", "10.0.0.1", 3);
        assertThatThrownBy(() -> cut.checkAllowed("ANN", "10.0.0.2"))
                .isInstanceOfSatisfying(RequestRejected.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.reason()).isEqualTo(RequestRejected.Reason.TOO_MANY_REQUESTS))
                .hasMessage("Too many failed logins; try again in 2 s.");
        now = now.plusSeconds(3);
        assertThatCode(() -> cut.checkAllowed("ann", "10.0.0.1")).doesNotThrowAnyException();
        cut.failed("ann", "10.0.0.1");
        assertThatThrownBy(() -> cut.checkAllowed("ann", "10.0.0.1")).hasMessageContaining("try again in 4 s");
    }

    @Test
    void anAddressIsBlockedOnlyAfterFourTimesAsManyFailures() {
        for (int i = 0; i < 11; i++) {
            cut.failed("user" + i, "10.0.0.9");
        }
        assertThatCode(() -> cut.checkAllowed("someone", "10.0.0.9")).doesNotThrowAnyException();
        cut.failed("user11", "10.0.0.9");
        assertThatThrownBy(() -> cut.checkAllowed("someone", "10.0.0.9")).hasMessageContaining("Too many failed logins");
    }

    @Test
    void successAndTimeForgive() {
        fail("bob", "10.0.0.1", 2);
        cut.succeeded("bob");
        fail("bob", "10.0.0.1", 2);
        assertThatCode(() -> cut.checkAllowed("bob", "10.0.0.1")).doesNotThrowAnyException();
        now = now.plus(Duration.ofMinutes(16));
        cut.failed("bob", "10.0.0.1");
        assertThatCode(() -> cut.checkAllowed("bob", "10.0.0.1")).doesNotThrowAnyException();
    }
}
