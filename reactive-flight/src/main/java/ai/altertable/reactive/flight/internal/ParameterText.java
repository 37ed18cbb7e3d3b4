package ai.altertable.reactive.flight.internal;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The text a prepared-statement parameter is sent as, when it is not a number or a boolean.
 *
 * <p>The Altertable server binds every parameter as text that DuckDB then casts to the parameter's type (Flight SQL
 * protocol §9.2), and it reads only a few Arrow types: a {@code Decimal}, {@code Binary} or {@code Time32} column
 * reaches DuckDB as an unusable placeholder. So the client writes these values as DuckDB's own literal text and sends
 * them as {@code Utf8}: the text DuckDB casts is then exactly the client's, on the mock and on the server alike.
 * Each form below was checked to cast back to the same value in DuckDB 2.0.
 */
final class ParameterText {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ParameterText() {
    }

    /** The text of {@code value}: the forms below for the types they name, {@code toString()} for anything else. */
    static String of(Object value) {
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        if (value instanceof byte[]) {
            return blob((byte[]) value);
        }
        if (value instanceof ByteBuffer) {
            ByteBuffer buffer = ((ByteBuffer) value).duplicate();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return blob(bytes);
        }
        if (value instanceof LocalDate) {
            return date((LocalDate) value);
        }
        if (value instanceof LocalTime) {
            return time((LocalTime) value);
        }
        if (value instanceof LocalDateTime) {
            LocalDateTime t = (LocalDateTime) value;
            return date(t.toLocalDate()) + ' ' + time(t.toLocalTime());
        }
        if (value instanceof Instant) {
            return utc((Instant) value);
        }
        if (value instanceof OffsetDateTime) {
            return utc(((OffsetDateTime) value).toInstant());
        }
        if (value instanceof ZonedDateTime) {
            return utc(((ZonedDateTime) value).toInstant());
        }
        return value.toString();
    }

    /** {@code \x01\xFF}: every byte escaped, which DuckDB's cast to {@code BLOB} reads back as the same bytes. */
    static String blob(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 4);
        for (byte b : bytes) {
            out.append('\\').append('x').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return out.toString();
    }

    /** {@code 2024-02-29}; proleptic ISO years as DuckDB reads them ({@code 0000} is 1 BC, {@code -0001} 2 BC). */
    static String date(LocalDate date) {
        int year = date.getYear();
        StringBuilder out = new StringBuilder(12);
        if (year < 0) {
            out.append('-');
        }
        String digits = Integer.toString(Math.abs(year));
        out.append("0".repeat(Math.max(0, 4 - digits.length()))).append(digits);
        return out.append('-').append(two(date.getMonthValue())).append('-').append(two(date.getDayOfMonth()))
                .toString();
    }

    /** {@code 13:45:00.123456789}: all nine digits; DuckDB keeps what its type holds (microseconds for TIME). */
    static String time(LocalTime time) {
        String nanos = Integer.toString(time.getNano());
        return two(time.getHour()) + ':' + two(time.getMinute()) + ':' + two(time.getSecond()) + '.'
                + "0".repeat(9 - nanos.length()) + nanos;
    }

    /**
     * {@code 2024-02-29 12:00:00.000000000+00}: the instant as UTC wall-clock time with an explicit offset, so that a
     * {@code TIMESTAMPTZ} parameter gets this instant whatever the server's {@code TimeZone} setting (DuckDB reads a
     * text without offset in that zone); a {@code TIMESTAMP} parameter gets the UTC wall-clock time.
     */
    static String utc(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        return date(t.toLocalDate()) + ' ' + time(t.toLocalTime()) + "+00";
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
