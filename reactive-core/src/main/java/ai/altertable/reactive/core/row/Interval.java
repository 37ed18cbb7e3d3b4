package ai.altertable.reactive.core.row;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * A DuckDB {@code INTERVAL}: months, days and nanoseconds, kept apart as DuckDB and Arrow keep them, because a month has
 * no fixed number of days and a day no fixed number of seconds (daylight saving).
 *
 * <p>{@link #toString()} writes Arrow's text form, which is what the lakehouse sends in JSON rows:
 * {@code 1 mons 2 days 3 hours 4.500000000 secs}, parts that are zero left out, {@code 0 secs} for zero.
 * {@link #parse(String)} reads that form and DuckDB's own ({@code 1 year 2 months 3 days 04:05:06.5}).
 *
 * <p>Equality compares the three parts, so {@code 1 mons} is not equal to {@code 30 days}. Immutable and thread-safe.
 */
public final class Interval {

    /** The zero interval. */
    public static final Interval ZERO = new Interval(0, 0, 0);

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MINUTE = 60 * NANOS_PER_SECOND;
    private static final long NANOS_PER_HOUR = 60 * NANOS_PER_MINUTE;

    private final int months;
    private final int days;
    private final long nanos;

    private Interval(int months, int days, long nanos) {
        this.months = months;
        this.days = days;
        this.nanos = nanos;
    }

    /** An interval of the given parts; each may be negative. */
    public static Interval of(int months, int days, long nanos) {
        return months == 0 && days == 0 && nanos == 0 ? ZERO : new Interval(months, days, nanos);
    }

    /**
     * Parses Arrow's interval text ({@code 1 mons 2 days 3 hours 4 mins 5.500000000 secs}, {@code 0 secs}) or DuckDB's
     * ({@code 1 year 2 months 3 days 04:05:06.5}). Units are case-insensitive and may be singular or plural; seconds
     * may have up to nine decimals.
     *
     * @throws IllegalArgumentException if the text is not an interval or a part overflows
     */
    public static Interval parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] tokens = text.trim().split("\\s+");
        if (tokens.length == 0 || tokens[0].isEmpty()) {
            throw new IllegalArgumentException("empty interval text");
        }
        try {
            long[] acc = new long[3]; // months, days, nanos
            int i = 0;
            while (i < tokens.length) {
                if (tokens[i].indexOf(':') > 0 && i == tokens.length - 1) {
                    acc[2] = Math.addExact(acc[2], clockNanos(tokens[i]));
                    i++;
                } else if (i + 1 < tokens.length) {
                    addPart(acc, tokens[i], tokens[i + 1].toLowerCase(Locale.ROOT));
                    i += 2;
                } else {
                    throw new IllegalArgumentException("number without a unit: " + tokens[i]);
                }
            }
            return of(Math.toIntExact(acc[0]), Math.toIntExact(acc[1]), acc[2]);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("interval part out of range", e);
        }
    }

    private static void addPart(long[] acc, String number, String unit) {
        switch (unit) {
            case "year": case "years": case "yr": case "yrs":
                acc[0] = Math.addExact(acc[0], Math.multiplyExact(Long.parseLong(number), 12L));
                break;
            case "mon": case "mons": case "month": case "months":
                acc[0] = Math.addExact(acc[0], Long.parseLong(number));
                break;
            case "day": case "days":
                acc[1] = Math.addExact(acc[1], Long.parseLong(number));
                break;
            case "hour": case "hours":
                acc[2] = Math.addExact(acc[2], Math.multiplyExact(Long.parseLong(number), NANOS_PER_HOUR));
                break;
            case "min": case "mins": case "minute": case "minutes":
                acc[2] = Math.addExact(acc[2], Math.multiplyExact(Long.parseLong(number), NANOS_PER_MINUTE));
                break;
            case "sec": case "secs": case "second": case "seconds":
                acc[2] = Math.addExact(acc[2], secondsToNanos(number));
                break;
            default:
                throw new IllegalArgumentException("unknown interval unit: " + unit);
        }
    }

    /** {@code [-]HH:MM:SS[.fffffffff]}, DuckDB's time part. */
    private static long clockNanos(String clock) {
        boolean negative = clock.startsWith("-");
        String[] hms = (negative || clock.startsWith("+") ? clock.substring(1) : clock).split(":");
        if (hms.length != 3 || hms[0].isEmpty() || hms[1].length() != 2 || hms[2].startsWith("-")) {
            throw new IllegalArgumentException("not a clock time: " + clock);
        }
        long total = Math.addExact(Math.multiplyExact(Long.parseLong(hms[0]), NANOS_PER_HOUR),
                Math.multiplyExact(Long.parseLong(hms[1]), NANOS_PER_MINUTE));
        total = Math.addExact(total, secondsToNanos(hms[2]));
        return negative ? -total : total;
    }

    /** Seconds with at most nine decimals, exactly (never through {@code double}). */
    private static long secondsToNanos(String seconds) {
        BigDecimal value = new BigDecimal(seconds);
        return value.movePointRight(9).longValueExact();
    }

    /** The month part; may be negative. */
    public int months() {
        return months;
    }

    /** The day part; may be negative. */
    public int days() {
        return days;
    }

    /** The sub-day part in nanoseconds; may be negative. */
    public long nanos() {
        return nanos;
    }

    /** Arrow's text form, e.g. {@code 1 mons 2 days 3 hours 4.500000000 secs}; {@code 0 secs} for zero. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (months != 0) {
            part(sb, months + " mons");
        }
        if (days != 0) {
            part(sb, days + " days");
        }
        long totalSeconds = nanos / NANOS_PER_SECOND;
        long hours = totalSeconds / 3600;
        long minutes = totalSeconds / 60 - hours * 60;
        long seconds = totalSeconds % 60;
        long fraction = nanos % NANOS_PER_SECOND;
        if (hours != 0) {
            part(sb, hours + " hours");
        }
        if (minutes != 0) {
            part(sb, minutes + " mins");
        }
        if (seconds != 0 || fraction != 0) {
            String sign = seconds < 0 || fraction < 0 ? "-" : "";
            part(sb, sign + Math.abs(seconds) + "." + String.format(Locale.ROOT, "%09d", Math.abs(fraction)) + " secs");
        }
        return sb.length() == 0 ? "0 secs" : sb.toString();
    }

    private static void part(StringBuilder sb, String text) {
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(text);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Interval)) {
            return false;
        }
        Interval that = (Interval) o;
        return months == that.months && days == that.days && nanos == that.nanos;
    }

    @Override
    public int hashCode() {
        return Objects.hash(months, days, nanos);
    }
}
