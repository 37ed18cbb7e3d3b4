package ai.altertable.reactive.mock.internal.encode;

/**
 * Turns DuckDB's INTERVAL text into Arrow's.
 *
 * <p>DuckDB JDBC 2.0.0.1 gives an INTERVAL only as DuckDB's own text ({@code getObject} returns a {@code String}):
 * {@code [N year[s]] [N month[s]] [N day[s]] [-]HH:MM:SS[.ffffff]}, zero parts left out, {@code 00:00:00} for zero,
 * e.g. {@code 1 year 2 months 3 days 04:05:06.5} or {@code -1 day -02:00:00}. That text holds the interval's three
 * fields exactly (months, days, microseconds), which {@link #parse} recovers.
 *
 * <p>The official mock exports the interval as Arrow MonthDayNano and writes arrow-cast's display of it
 * ({@link #format}): {@code {months} mons {days} days {hours} hours {mins} mins {secs}.{nanos:09} secs}, each part only
 * when non-zero, hours and minutes and seconds split from the nanoseconds with truncating division (so each carries
 * the sign), and {@code 0 secs} for a zero interval: {@code 14 mons 3 days 4 hours 5 mins 6.500000000 secs}.
 *
 * <p>Not thread-safe (it keeps the last parsed fields); an encoder owns one instance.
 */
final class IntervalText {

    private int months;
    private int days;
    private long micros;

    /**
     * Reads DuckDB's interval text.
     *
     * @throws IllegalArgumentException if the text is not DuckDB's interval format
     */
    IntervalText parse(String text) {
        months = 0;
        days = 0;
        micros = 0;
        String[] parts = text.trim().split(" ");
        int i = 0;
        while (i < parts.length) {
            String part = parts[i];
            if (part.indexOf(':') >= 0) {
                micros = timeMicros(part);
                i++;
                continue;
            }
            if (i + 1 >= parts.length) {
                throw new IllegalArgumentException("not a DuckDB interval: " + text);
            }
            int value = Integer.parseInt(part);
            String unit = parts[i + 1];
            if (unit.startsWith("year")) {
                months += value * 12;
            } else if (unit.startsWith("mon")) {
                months += value;
            } else if (unit.startsWith("day")) {
                days += value;
            } else {
                throw new IllegalArgumentException("not a DuckDB interval: " + text);
            }
            i += 2;
        }
        return this;
    }

    /** Writes Arrow's text of the last parsed interval. */
    String format() {
        long nanos = micros * 1000;
        if (months == 0 && days == 0 && nanos == 0) {
            return "0 secs";
        }
        StringBuilder out = new StringBuilder(64);
        if (months != 0) {
            out.append(months).append(" mons");
        }
        if (days != 0) {
            separate(out).append(days).append(" days");
        }
        if (nanos != 0) {
            long secs = nanos / 1_000_000_000L;
            long mins = secs / 60;
            long hours = mins / 60;
            secs -= mins * 60;
            mins -= hours * 60;
            long subsecond = nanos % 1_000_000_000L;
            if (hours != 0) {
                separate(out).append(hours).append(" hours");
            }
            if (mins != 0) {
                separate(out).append(mins).append(" mins");
            }
            if (secs != 0 || subsecond != 0) {
                separate(out).append(secs < 0 || subsecond < 0 ? "-" : "").append(Math.abs(secs)).append('.');
                String fraction = Long.toString(Math.abs(subsecond));
                out.append("000000000", fraction.length(), 9).append(fraction).append(" secs");
            }
        }
        return out.toString();
    }

    int months() {
        return months;
    }

    int days() {
        return days;
    }

    long micros() {
        return micros;
    }

    private static StringBuilder separate(StringBuilder out) {
        return out.length() == 0 ? out : out.append(' ');
    }

    /** {@code [-]H+:MM:SS[.f{1,6}]} to microseconds. */
    private static long timeMicros(String part) {
        boolean negative = part.startsWith("-");
        String[] hms = part.substring(negative ? 1 : 0).split(":");
        if (hms.length != 3) {
            throw new IllegalArgumentException("not a DuckDB interval time: " + part);
        }
        long hours = Long.parseLong(hms[0]);
        long minutes = Long.parseLong(hms[1]);
        String seconds = hms[2];
        int dot = seconds.indexOf('.');
        long wholeSeconds = Long.parseLong(dot < 0 ? seconds : seconds.substring(0, dot));
        long fraction = 0;
        if (dot >= 0) {
            String digits = (seconds.substring(dot + 1) + "000000").substring(0, 6);
            fraction = Long.parseLong(digits);
        }
        long value = ((hours * 60 + minutes) * 60 + wholeSeconds) * 1_000_000L + fraction;
        return negative ? -value : value;
    }
}
