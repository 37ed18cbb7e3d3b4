package ai.altertable.reactive.mock.internal.encode;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes DATE, TIME and TIMESTAMP values as JSON strings in the official mock's text ({@link TemporalDisplay}), from
 * the representations DuckDB JDBC hands out, and writes Arrow's error text for values it cannot display.
 *
 * <p>An undisplayable TIMESTAMPTZ is special: Arrow's error text then contains the quoted zone name
 * ({@code Timestamp(µs, "UTC")}), which breaks the JSON the official mock re-parses, so the whole response fails; this
 * class throws {@link UnencodableValueException} for it. (Both error shapes are derived from the libraries' sources,
 * not observed on a running mock; the zone name is assumed to be {@code UTC}.)
 *
 * <p>Not thread-safe: it owns a buffer; an encoder owns one instance.
 */
final class TemporalWriter {

    /** Arrow's time units as DuckDB exports each TIMESTAMP flavour. */
    enum Unit {
        SECOND("s", 1_000_000_000L), MILLI("ms", 1_000_000L), MICRO("µs", 1_000L), NANO("ns", 1L);

        final String symbol;
        final long nanos;

        Unit(String symbol, long nanos) {
            this.symbol = symbol;
            this.nanos = nanos;
        }

        long perSecond() {
            return 1_000_000_000L / nanos;
        }
    }

    private static final Pattern DUCKDB_TIMESTAMPTZ = Pattern.compile(
            "(\\d+)-(\\d\\d)-(\\d\\d) (\\d\\d):(\\d\\d):(\\d\\d)(?:\\.(\\d+))?"
                    + "([+-]\\d\\d(?::\\d\\d){0,2})?( \\(BC\\))?");

    private final char[] buffer = new char[TemporalDisplay.MAX_LENGTH];

    void date(LocalDate date, JsonGenerator g) throws IOException {
        long day = date.toEpochDay();
        if (!TemporalDisplay.displayable(day)) {
            g.writeString(TemporalDisplay.conversionError(day, false, "Date32"));
            return;
        }
        g.writeString(buffer, 0, TemporalDisplay.date(date, buffer, 0));
    }

    void time(LocalTime time, JsonGenerator g) throws IOException {
        g.writeString(buffer, 0, TemporalDisplay.time(time.toNanoOfDay(), buffer, 0));
    }

    /** DuckDB's {@code 24:00:00}, which JDBC cannot even return as a {@code LocalTime}; Arrow cannot display it. */
    void endOfDay(Unit unit, JsonGenerator g) throws IOException {
        long raw = TemporalDisplay.NANOS_PER_DAY / unit.nanos;
        g.writeString(TemporalDisplay.conversionError(raw, false, "Time64(" + unit.symbol + ")"));
    }

    /** A timestamp given as a count of {@code unit} since the epoch, with ({@code zoned}) or without zone. */
    void timestamp(long value, Unit unit, boolean zoned, JsonGenerator g) throws IOException {
        long perSecond = unit.perSecond();
        long epochSecond = Math.floorDiv(value, perSecond);
        long nanoOfSecond = Math.floorMod(value, perSecond) * unit.nanos;
        write(epochSecond, nanoOfSecond, value, unit, zoned, g);
    }

    /** A TIMESTAMP / _S / _MS / _NS value that JDBC returned as a {@code LocalDateTime} in UTC terms. */
    void timestamp(LocalDateTime value, Unit unit, JsonGenerator g) throws IOException {
        long epochSecond = value.toEpochSecond(ZoneOffset.UTC);
        long nano = value.getNano();
        long raw = epochSecond * unit.perSecond() + nano / unit.nanos;
        write(epochSecond, nano, raw, unit, false, g);
    }

    /** A TIMESTAMPTZ value that JDBC returned as an {@code OffsetDateTime} (in the JVM's zone): its instant. */
    void timestamp(OffsetDateTime value, Unit unit, JsonGenerator g) throws IOException {
        long epochSecond = value.toEpochSecond();
        long nano = value.getNano();
        write(epochSecond, nano, epochSecond * unit.perSecond() + nano / unit.nanos, unit, true, g);
    }

    /** A value JDBC could not convert at all: DuckDB's {@code ±infinity}, which Arrow receives as ±(2^63−1). */
    void infinity(boolean positive, Unit unit, boolean zoned, JsonGenerator g) throws IOException {
        timestamp(positive ? Long.MAX_VALUE : -Long.MAX_VALUE, unit, zoned, g);
    }

    /**
     * A TIMESTAMPTZ_NS value, which DuckDB JDBC 2.0.0.1 only returns as DuckDB's text in the session zone:
     * {@code 2024-01-01 12:00:00.123456789+00}, {@code … (BC)}, {@code infinity}.
     */
    void timestamp(String duckDbText, Unit unit, JsonGenerator g) throws IOException {
        if (duckDbText.endsWith("infinity")) {
            infinity(!duckDbText.startsWith("-"), unit, true, g);
            return;
        }
        Matcher m = DUCKDB_TIMESTAMPTZ.matcher(duckDbText);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a DuckDB TIMESTAMPTZ: " + duckDbText);
        }
        int year = Integer.parseInt(m.group(1));
        String fraction = m.group(7) == null ? "" : m.group(7);
        int nano = Integer.parseInt((fraction + "000000000").substring(0, 9));
        LocalDateTime local = LocalDateTime.of(m.group(9) == null ? year : 1 - year, Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                Integer.parseInt(m.group(6)), nano);
        ZoneOffset offset = m.group(8) == null ? ZoneOffset.UTC : ZoneOffset.of(m.group(8).length() == 3
                ? m.group(8) + ":00" : m.group(8));
        timestamp(OffsetDateTime.of(local, offset), unit, g);
    }

    private void write(long epochSecond, long nanoOfSecond, long raw, Unit unit, boolean zoned, JsonGenerator g)
            throws IOException {
        long epochDay = Math.floorDiv(epochSecond, 86_400L);
        if (!TemporalDisplay.displayable(epochDay)) {
            if (zoned) {
                throw undisplayableZoned(raw, unit);
            }
            g.writeString(TemporalDisplay.conversionError(raw, true, "Timestamp(" + unit.symbol + ")"));
            return;
        }
        long nanoOfDay = Math.floorMod(epochSecond, 86_400L) * 1_000_000_000L + nanoOfSecond;
        g.writeString(buffer, 0, TemporalDisplay.dateTime(epochDay, nanoOfDay, zoned, buffer, 0));
    }

    private static UnencodableValueException undisplayableZoned(long raw, Unit unit) {
        String written = "[\"" + TemporalDisplay.conversionError(raw, true, "Timestamp(" + unit.symbol + ", \"");
        int column = written.getBytes(StandardCharsets.UTF_8).length + 1;
        return UnencodableValueException.reparsing("expected `,` or `]` at line 1 column " + column);
    }
}
