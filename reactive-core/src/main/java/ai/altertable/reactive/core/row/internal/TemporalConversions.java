package ai.altertable.reactive.core.row.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * Conversions to {@code java.time} types: from their text (the cells of a column whose type is unknown are text), and
 * between the types that denote an instant ({@link OffsetDateTime}, {@link ZonedDateTime}, {@link Instant}). A
 * {@link LocalDateTime} never becomes an instant implicitly, since a zone-less timestamp is not one; nothing that would
 * drop information (an offset, a time of day) is done implicitly either. Stateless.
 */
public final class TemporalConversions {

    private TemporalConversions() {
    }

    /** Whether {@link #convert(Object, Class)} handles {@code target}. */
    public static boolean handles(Class<?> target) {
        return target == LocalDate.class || target == LocalTime.class || target == LocalDateTime.class
                || target == OffsetDateTime.class || target == OffsetTime.class || target == ZonedDateTime.class
                || target == Instant.class;
    }

    /**
     * Converts a non-null value that is not already a {@code target}.
     *
     * @throws ConversionFailure if the text does not parse or no exact conversion exists
     */
    public static Object convert(Object value, Class<?> target) {
        if (value instanceof String) {
            return parse((String) value, target);
        }
        if (value instanceof LocalDateTime && isInstantLike(target)) {
            throw new ConversionFailure(TemporalText.NOT_AN_INSTANT);
        }
        if (target == Instant.class) {
            if (value instanceof OffsetDateTime) {
                return ((OffsetDateTime) value).toInstant();
            }
            if (value instanceof ZonedDateTime) {
                return ((ZonedDateTime) value).toInstant();
            }
        } else if (target == OffsetDateTime.class) {
            if (value instanceof ZonedDateTime) {
                return ((ZonedDateTime) value).toOffsetDateTime();
            }
            if (value instanceof Instant) {
                return ((Instant) value).atOffset(ZoneOffset.UTC);
            }
        } else if (target == ZonedDateTime.class) {
            if (value instanceof OffsetDateTime) {
                return ((OffsetDateTime) value).toZonedDateTime();
            }
            if (value instanceof Instant) {
                return ((Instant) value).atZone(ZoneOffset.UTC);
            }
        }
        throw new ConversionFailure("no exact conversion from " + value.getClass().getTypeName() + " to "
                + target.getTypeName());
    }

    private static boolean isInstantLike(Class<?> target) {
        return target == Instant.class || target == OffsetDateTime.class || target == ZonedDateTime.class;
    }

    private static Object parse(String text, Class<?> target) {
        if (target == LocalDate.class) {
            return TemporalText.date(text);
        } else if (target == LocalTime.class) {
            return TemporalText.time(text);
        } else if (target == LocalDateTime.class) {
            return TemporalText.localDateTime(text);
        } else if (target == OffsetTime.class) {
            return TemporalText.offsetTime(text);
        } else if (target == OffsetDateTime.class) {
            return TemporalText.offsetDateTime(text);
        } else if (target == Instant.class) {
            return TemporalText.offsetDateTime(text).toInstant();
        }
        return zoned(text);
    }

    /** An offset date-time, or ISO text with a region in brackets ({@code ...+01:00[Europe/Paris]}). */
    private static ZonedDateTime zoned(String text) {
        if (text.endsWith("]")) {
            try {
                return ZonedDateTime.parse(text);
            } catch (DateTimeParseException e) {
                throw new ConversionFailure("not a zoned date-time text");
            }
        }
        return TemporalText.offsetDateTime(text).toZonedDateTime();
    }
}
