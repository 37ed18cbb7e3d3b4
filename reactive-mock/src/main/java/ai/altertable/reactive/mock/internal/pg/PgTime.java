package ai.altertable.reactive.mock.internal.pg;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Postgres's binary date and time values count from 2000-01-01 (days, or microseconds for timestamps). */
final class PgTime {

    /** 2000-01-01 as days since 1970-01-01. */
    static final long EPOCH_DAYS = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long EPOCH_SECONDS = EPOCH_DAYS * 86_400;

    private PgTime() {
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
