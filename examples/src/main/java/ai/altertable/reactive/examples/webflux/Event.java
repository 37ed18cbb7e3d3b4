package ai.altertable.reactive.examples.webflux;

import ai.altertable.reactive.core.model.TableRef;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One product event, as {@code POST /events} receives it and as it is appended to the {@code events} table:
 * {@code {"timestamp": "2026-03-01T12:00:00", "user_id": "u-42", "event": "page_view"}} (timestamps are UTC).
 *
 * <p>The same annotations serve Spring's Jackson 3 (reading the request) and the client's Jackson 2 (encoding the
 * append). Invalid values fail construction, which Spring answers with 400.
 *
 * @param timestamp when it happened, UTC
 * @param userId    who did it, not blank
 * @param event     what happened, not blank
 */
public record Event(LocalDateTime timestamp, @JsonProperty("user_id") String userId, String event) {

    /** The table the service appends to and reads from. */
    public static final TableRef TABLE = TableRef.of("memory", "main", "events");

    /** The table's definition, for the embedded mock and the tests; a real deployment creates it once. */
    public static final String CREATE_TABLE =
            "CREATE TABLE IF NOT EXISTS events (timestamp TIMESTAMP, user_id VARCHAR, event VARCHAR)";

    /**
     * Checks every field.
     *
     * @throws NullPointerException     if {@code timestamp} is missing
     * @throws IllegalArgumentException if {@code user_id} or {@code event} is missing or blank
     */
    public Event {
        Objects.requireNonNull(timestamp, "timestamp");
        notBlank(userId, "user_id");
        notBlank(event, "event");
    }

    private static void notBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
