package ai.altertable.reactive.core.model.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The query log's timestamp format (protocol §7): RFC 3339 in UTC with a {@code Z} suffix and a fraction of 0, 3, 6 or 9
 * digits, the shortest that holds the value ({@code 2026-08-19T13:30:00.123456789Z}). That is what the official mock
 * writes, and what {@link DateTimeFormatter#ISO_INSTANT} writes.
 *
 * <p>The codec is attached to the model fields with {@code @JsonSerialize}/{@code @JsonDeserialize}, so the models need
 * no {@code JavaTimeModule} and work with any {@code ObjectMapper}. Reading is lenient about what RFC 3339 allows:
 * any fraction width, a numeric offset instead of {@code Z} (converted to UTC), lowercase {@code t}/{@code z}, a space
 * instead of {@code T}; a date-time without any zone is taken as UTC.
 */
public final class Rfc3339Instant {

    private Rfc3339Instant() {
    }

    /** Formats an instant the way the protocol writes it. */
    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /**
     * Parses an RFC 3339 timestamp, or a zone-less ISO date-time as UTC.
     *
     * @throws DateTimeParseException if the text is neither
     */
    public static Instant parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.length() > 10 && t.charAt(10) == ' ') {
            t = t.substring(0, 10) + 'T' + t.substring(11);
        }
        try {
            return DateTimeFormatter.ISO_INSTANT.parse(t, Instant::from);
        } catch (DateTimeParseException withZone) {
            try {
                return LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException withoutZone) {
                throw withZone;
            }
        }
    }

    /** Writes an {@link Instant} as {@link #format(Instant)} does. */
    public static final class Serializer extends StdScalarSerializer<Instant> {
        private static final long serialVersionUID = 1L;

        /** The instance Jackson creates from {@code @JsonSerialize(using = ...)}. */
        public Serializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(format(value));
        }
    }

    /** Reads an {@link Instant} as {@link #parse(String)} does; anything but a JSON string or null is an error. */
    public static final class Deserializer extends StdScalarDeserializer<Instant> {
        private static final long serialVersionUID = 1L;

        /** The instance Jackson creates from {@code @JsonDeserialize(using = ...)}. */
        public Deserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String text = p.getText();
            try {
                return parse(text);
            } catch (DateTimeParseException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text,
                        "not an RFC 3339 timestamp (expected e.g. 2026-08-19T13:30:00.123456789Z)");
            }
        }
    }
}
