package ai.altertable.reactive.core.row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntervalTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long HOUR = 3600 * SECOND;

    @Test
    void parsesArrowText() {
        assertThat(Interval.parse("1 mons 2 days 3 hours 4.500000000 secs"))
                .isEqualTo(Interval.of(1, 2, 3 * HOUR + 4_500_000_000L));
        assertThat(Interval.parse("0 secs")).isEqualTo(Interval.ZERO);
        assertThat(Interval.parse("14 mons")).isEqualTo(Interval.of(14, 0, 0));
        assertThat(Interval.parse("5 mins 0.000000001 secs")).isEqualTo(Interval.of(0, 0, 300 * SECOND + 1));
        assertThat(Interval.parse("-1 mons -2 days -3 hours -4 mins -5.250000000 secs"))
                .isEqualTo(Interval.of(-1, -2, -(3 * HOUR + 4 * 60 * SECOND + 5_250_000_000L)));
        assertThat(Interval.parse("-0.500000000 secs")).isEqualTo(Interval.of(0, 0, -500_000_000L));
    }

    @Test
    void parsesDuckDbText() {
        assertThat(Interval.parse("1 year 2 months 3 days 04:05:06.5"))
                .isEqualTo(Interval.of(14, 3, 4 * HOUR + 5 * 60 * SECOND + 6_500_000_000L));
        assertThat(Interval.parse("-01:00:00")).isEqualTo(Interval.of(0, 0, -HOUR));
        assertThat(Interval.parse("2 Days")).isEqualTo(Interval.of(0, 2, 0));
    }

    @Test
    void writesArrowText() {
        assertThat(Interval.of(1, 2, 3 * HOUR + 4_500_000_000L)).hasToString("1 mons 2 days 3 hours 4.500000000 secs");
        assertThat(Interval.ZERO).hasToString("0 secs");
        assertThat(Interval.of(0, 0, -500_000_000L)).hasToString("-0.500000000 secs");
        assertThat(Interval.of(0, 0, -(HOUR + 61 * SECOND))).hasToString("-1 hours -1 mins -1.000000000 secs");
        assertThat(Interval.of(0, 7, 0)).hasToString("7 days");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 mons 2 days 3 hours 4.500000000 secs", "0 secs", "-3 mons 1 days -0.000000001 secs",
            "25 hours 59 mins 59.999999999 secs"})
    void roundTrips(String text) {
        assertThat(Interval.parse(text)).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "1", "1 fortnight", "x days", "1.5 days", "1 secs 2", "0.0000000001 secs",
            "99999999999 mons", "12:3:00"})
    void rejectsWhatIsNotAnInterval(String text) {
        assertThatThrownBy(() -> Interval.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalityComparesTheThreeParts() {
        assertThat(Interval.of(1, 0, 0)).isNotEqualTo(Interval.of(0, 30, 0));
        assertThat(Interval.of(1, 2, 3)).isEqualTo(Interval.of(1, 2, 3)).hasSameHashCodeAs(Interval.of(1, 2, 3));
        assertThat(Interval.of(0, 0, 0)).isSameAs(Interval.ZERO);
    }
}
