package ai.altertable.reactive.core.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterHeaderTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void parsesSecondsAndDates() {
        assertThat(RetryAfterHeader.parse("7", NOW)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfterHeader.parse(" 0 ", NOW)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfterHeader.parse("Wed, 25 Nov 2026 10:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfterHeader.parse("Wed, 25 Nov 2026 09:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfterHeader.parse("99999999999", NOW)).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void garbageIsIgnored() {
        assertThat(RetryAfterHeader.parse(null, NOW)).isNull();
        assertThat(RetryAfterHeader.parse("", NOW)).isNull();
        assertThat(RetryAfterHeader.parse("soon", NOW)).isNull();
        assertThat(RetryAfterHeader.parse("-5", NOW)).isNull();
    }
}
