package ai.altertable.reactive.core.row.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * Reads and writes the date and time text of JSON rows (protocol §6): {@code 2024-03-01}, {@code 13:45:00.250},
 * {@code 2024-03-01T13:45:00.123456}, {@code 2024-03-01T13:45:00Z} or {@code +02:00}. A space is accepted in place of
 * the {@code T}, and {@code +HH} as an offset. Written fractions have 3, 6 or 9 digits, like the server's.
 *
 * <p>Failure reasons never repeat the text (the caller adds a bounded excerpt). Stateless and thread-safe.
 */
public final class TemporalText {

    /** Why a zone-less timestamp is not turned into an {@link Instant} implicitly. */
    public static final String NOT_AN_INSTANT = "a TIMESTAMP without time zone is a local date-time, not an instant; "
            + "read it as LocalDateTime and apply a zone explicitly (for example ldt.toInstant(ZoneOffset.UTC))";

    private static final DateTimeFormatter OFFSET_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendOffset("+HH:mm", "Z").toFormatter();
    private static final DateTimeFormatter OFFSET_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_TIME).appendOffset("+HH:mm", "Z").toFormatter();

    private TemporalText() {
    }

    /** {@code YYYY-MM-DD}. */
    public static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new ConversionFailure("not a DATE text (expected YYYY-MM-DD)");
        }
    }

    /** {@code HH:MM:SS} with an optional fraction of up to 9 digits. */
    public static LocalTime time(String text) {
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new ConversionFailure("not a TIME text (expected HH:MM:SS[.fraction])");
        }
    }

    /** A time with an offset: {@code 13:45:00+02:00}, {@code 13:45:00+02}, {@code 13:45:00Z}. */
    public static OffsetTime offsetTime(String text) {
        try {
            return OffsetTime.parse(text, OFFSET_TIME);
        } catch (DateTimeParseException e) {
            throw new ConversionFailure("not a TIMETZ text (expected HH:MM:SS[.fraction] and Z or ±HH[:MM])");
        }
    }

    /** A local date-time with {@code T} or a space between date and time. */
    public static LocalDateTime localDateTime(String text) {
        try {
            return LocalDateTime.parse(withT(text));
        } catch (DateTimeParseException e) {
            throw new ConversionFailure("not a TIMESTAMP text (expected YYYY-MM-DDTHH:MM:SS[.fraction])");
        }
    }

    /** A date-time with an offset ({@code Z}, {@code +HH:MM} or {@code +HH}). */
    public static OffsetDateTime offsetDateTime(String text) {
        String normalised = withT(text);
        try {
            return OffsetDateTime.parse(normalised, OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            if (isLocalDateTime(normalised)) {
                throw new ConversionFailure("the text has no time zone offset: " + NOT_AN_INSTANT);
            }
            throw new ConversionFailure(
                    "not a TIMESTAMPTZ text (expected YYYY-MM-DDTHH:MM:SS[.fraction] and Z or ±HH[:MM])");
        }
    }

    private static boolean isLocalDateTime(String text) {
        try {
            LocalDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Replaces a single space between date and time by {@code T}. */
    private static String withT(String text) {
        int space = text.indexOf(' ');
        if (space > 0 && text.indexOf('T') < 0 && text.indexOf(' ', space + 1) < 0) {
            return text.substring(0, space) + 'T' + text.substring(space + 1);
        }
        return text;
    }

    /**
     * DuckDB-style text of a {@code java.time} value: seconds always written, fractions in 3, 6 or 9 digits, {@code Z}
     * for UTC. A {@link ZonedDateTime} with a region gets its zone in brackets; other types use {@code toString()}.
     */
    public static String format(TemporalAccessor value) {
        StringBuilder sb = new StringBuilder(40);
        if (value instanceof LocalDate) {
            return value.toString();
        } else if (value instanceof LocalTime) {
            appendTime(sb, (LocalTime) value);
        } else if (value instanceof LocalDateTime) {
            appendDateTime(sb, (LocalDateTime) value);
        } else if (value instanceof OffsetDateTime) {
            appendDateTime(sb, ((OffsetDateTime) value).toLocalDateTime());
            sb.append(((OffsetDateTime) value).getOffset().getId());
        } else if (value instanceof OffsetTime) {
            appendTime(sb, ((OffsetTime) value).toLocalTime());
            sb.append(((OffsetTime) value).getOffset().getId());
        } else if (value instanceof ZonedDateTime) {
            ZonedDateTime zoned = (ZonedDateTime) value;
            sb.append(format(zoned.toOffsetDateTime()));
            if (!(zoned.getZone() instanceof ZoneOffset)) {
                sb.append('[').append(zoned.getZone().getId()).append(']');
            }
        } else if (value instanceof Instant) {
            return format(((Instant) value).atOffset(ZoneOffset.UTC));
        } else {
            return value.toString();
        }
        return sb.toString();
    }

    private static void appendDateTime(StringBuilder sb, LocalDateTime value) {
        sb.append(value.toLocalDate()).append('T');
        appendTime(sb, value.toLocalTime());
    }

    private static void appendTime(StringBuilder sb, LocalTime time) {
        twoDigits(sb, time.getHour()).append(':');
        twoDigits(sb, time.getMinute()).append(':');
        twoDigits(sb, time.getSecond());
        int nano = time.getNano();
        if (nano == 0) {
            return;
        }
        int digits = nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        String fraction = Integer.toString(1_000_000_000 + nano).substring(1, 1 + digits);
        sb.append('.').append(fraction);
    }

    private static StringBuilder twoDigits(StringBuilder sb, int value) {
        return sb.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
