package ai.altertable.reactive.mock.internal.encode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntervalTextTest {

    private static InMemoryDuckDb db;

    @BeforeAll
    static void open() throws Exception {
        db = new InMemoryDuckDb();
    }

    @AfterAll
    static void close() throws Exception {
        db.close();
    }

    @Test
    void recoversTheThreeFieldsFromDuckDbTextExactly() throws Exception {
        int[] monthValues = {0, 1, -1, 12, 14, -14, 25};
        int[] dayValues = {0, 1, -1, 40};
        long[] microValues = {0, 1, -1, 500_000, 30 * 3_600_000_000L + 5, -5_400_000_000L, 86_400_000_000L * 3};
        IntervalText interval = new IntervalText();
        for (int months : monthValues) {
            for (int days : dayValues) {
                for (long micros : microValues) {
                    String text = duckDbText(months, days, micros);

                    interval.parse(text);

                    assertThat(new long[] {interval.months(), interval.days(), interval.micros()})
                            .as(text)
                            .containsExactly(months, days, micros);
                }
            }
        }
    }

    @Test
    void formatsLikeArrowCast() {
        IntervalText interval = new IntervalText();

        assertThat(interval.parse("1 year 2 months 3 days 04:05:06.5").format())
                .isEqualTo("14 mons 3 days 4 hours 5 mins 6.500000000 secs");
        assertThat(interval.parse("00:00:00").format()).isEqualTo("0 secs");
        assertThat(interval.parse("-1 year").format()).isEqualTo("-12 mons");
        assertThat(interval.parse("-01:30:00.000001").format()).isEqualTo("-1 hours -30 mins -0.000001000 secs");
        assertThat(interval.parse("1 day -00:00:01").format()).isEqualTo("1 days -1.000000000 secs");
        assertThat(interval.parse("100:00:00").format()).isEqualTo("100 hours");
    }

    @Test
    void rejectsOtherText() {
        assertThatThrownBy(() -> new IntervalText().parse("3 fortnights")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String duckDbText(int months, int days, long micros) throws Exception {
        String sql = "SELECT to_months(" + months + ") + to_days(" + days + ") + to_microseconds(" + micros + ")";
        try (Statement s = db.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
