package ai.altertable.reactive.mock.internal.pg;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Postgres's date and time formats: binary values count from 2000-01-01 (days, or microseconds for timestamps); text
 * values have as many fraction digits as needed.
 */
final class PgTime {

    /** 2000-01-01 as days since 1970-01-01. */
    static final long EPOCH_DAYS = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long EPOCH_SECONDS = EPOCH_DAYS * 86_400;

    /** Postgres's text formats: seconds with as many fraction digits as needed, none for whole seconds. */
    static final DateTimeFormatter TIME_TEXT = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true).optionalEnd()
            .toFormatter(Locale.ROOT);
    static final DateTimeFormatter TIMESTAMP_TEXT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd ").append(TIME_TEXT)
            .toFormatter(Locale.ROOT);
    static final DateTimeFormatter TIMESTAMPTZ_TEXT = new DateTimeFormatterBuilder()
            .append(TIMESTAMP_TEXT).appendLiteral("+00")
            .toFormatter(Locale.ROOT);

    private PgTime() {
    }

    static String text(java.time.temporal.TemporalAccessor t, DateTimeFormatter f) {
        return t == null ? null : f.format(t);
    }

    static long micros(LocalDateTime t) {
        return micros(t.toEpochSecond(ZoneOffset.UTC), t.getNano());
    }

    static long micros(OffsetDateTime t) {
        return micros(t.toEpochSecond(), t.getNano());
    }

    private static long micros(long epochSecond, int nano) {
        return Math.addExact(Math.multiplyExact(epochSecond - EPOCH_SECONDS, 1_000_000L), nano / 1000);
    }

    static LocalDateTime local(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
        return LocalDateTime.ofEpochSecond(seconds + EPOCH_SECONDS, nanos, ZoneOffset.UTC);
    }
}
