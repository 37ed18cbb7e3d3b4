package ai.altertable.reactive.mock.internal.encode;

import java.time.LocalDate;

/**
 * Renders dates and times as the official mock does: arrow-cast's default display, which is chrono's ISO text.
 * <ul>
 *   <li>date: {@code YYYY-MM-DD}; years outside 0..9999 carry a sign and at least four digits ({@code -0044-03-15},
 *       {@code +10000-01-01});</li>
 *   <li>time: {@code HH:MM:SS} plus a fraction only when non-zero, with 3, 6 or 9 digits, whichever is the fewest that
 *       keeps every non-zero digit ({@code .250}, {@code .123456}, {@code .123456789});</li>
 *   <li>timestamp: date {@code T} time, no zone; with a zone (TIMESTAMPTZ) the instant in UTC followed by {@code
 * Z}.</li>
 * </ul>
 * Values outside chrono's range (years −262143..262142, e.g. DuckDB's {@code 'infinity'}) cannot be displayed: Arrow
 * then writes an error text in their place ({@link #conversionError}).
 *
 * <p>Stateless and thread-safe; callers pass their own buffer (at least {@link #MAX_LENGTH} chars).
 */
final class TemporalDisplay {

    /** Longest text: a signed 7-digit year timestamp with nanoseconds and a zone designator. */
    static final int MAX_LENGTH = 48;

    static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private static final long CHRONO_MIN_DAY = LocalDate.of(-262_143, 1, 1).toEpochDay();
    private static final long CHRONO_MAX_DAY = LocalDate.of(262_142, 12, 31).toEpochDay();

    private TemporalDisplay() {
    }

    /** Whether chrono (and so Arrow's display) can represent the day this many days after 1970-01-01. */
    static boolean displayable(long epochDay) {
        return epochDay >= CHRONO_MIN_DAY && epochDay <= CHRONO_MAX_DAY;
    }

    /** Writes {@code date} at {@code pos}; returns the new position. */
    static int date(LocalDate date, char[] out, int pos) {
        int year = date.getYear();
        if (year >= 0 && year <= 9999) {
            pos = digits(year, 4, out, pos);
        } else {
            out[pos++] = year < 0 ? '-' : '+';
            int abs = Math.abs(year);
            pos = digits(abs, Math.max(4, Integer.toString(abs).length()), out, pos);
        }
        out[pos++] = '-';
        pos = digits(date.getMonthValue(), 2, out, pos);
        out[pos++] = '-';
        return digits(date.getDayOfMonth(), 2, out, pos);
    }

    /** Writes a time of day given in nanoseconds ({@code 0 <= nanoOfDay < 86400 s}); returns the new position. */
    static int time(long nanoOfDay, char[] out, int pos) {
        long seconds = nanoOfDay / 1_000_000_000L;
        int nanos = (int) (nanoOfDay % 1_000_000_000L);
        pos = digits((int) (seconds / 3600), 2, out, pos);
        out[pos++] = ':';
        pos = digits((int) (seconds / 60 % 60), 2, out, pos);
        out[pos++] = ':';
        pos = digits((int) (seconds % 60), 2, out, pos);
        return fraction(nanos, out, pos);
    }

    /**
     * Writes a date-time given as days since 1970-01-01 and nanoseconds into the day, with {@code T}; {@code utc}
     * appends {@code Z}. Returns the new position.
     */
    static int dateTime(long epochDay, long nanoOfDay, boolean utc, char[] out, int pos) {
        pos = date(LocalDate.ofEpochDay(epochDay), out, pos);
        out[pos++] = 'T';
        pos = time(nanoOfDay, out, pos);
        if (utc) {
            out[pos++] = 'Z';
        }
        return pos;
    }

    /**
     * The text Arrow writes instead of a value it cannot display (not verified against a running mock):
     * {@code ERROR: Cast error: Failed to convert <raw value> to <datetime|temporal> for <Arrow type>}.
     */
    static String conversionError(long rawValue, boolean timestamp, String arrowType) {
        return "ERROR: Cast error: Failed to convert " + rawValue + " to " + (timestamp ? "datetime" : "temporal")
                + " for " + arrowType;
    }

    private static int fraction(int nanos, char[] out, int pos) {
        if (nanos == 0) {
            return pos;
        }
        out[pos++] = '.';
        if (nanos % 1_000_000 == 0) {
            return digits(nanos / 1_000_000, 3, out, pos);
        }
        if (nanos % 1_000 == 0) {
            return digits(nanos / 1_000, 6, out, pos);
        }
        return digits(nanos, 9, out, pos);
    }

    /** Writes a non-negative {@code value} zero-padded to {@code width} digits. */
    private static int digits(int value, int width, char[] out, int pos) {
        int end = pos + width;
        int v = value;
        for (int i = end - 1; i >= pos; i--) {
            out[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return end;
    }
}
