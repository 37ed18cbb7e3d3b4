package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The {@code error_code} of a failed {@code POST /append} ({@link AppendResponse}, protocol §11.3).
 *
 * <p>The official mock sends only {@link #INVALID_DATA}, for every failure (bad JSON shape, missing catalog or table,
 * unknown column, bad cast). The client spec adds {@link #INCOMPATIBLE_SCHEMA}, which this project's mock sends for a
 * key that is no column and for a value whose JSON shape cannot be of its column's type (an object for an
 * {@code INTEGER}, a number for a {@code STRUCT}); a value of the right shape that does not convert ({@code "abc"} for
 * an {@code INTEGER}) stays {@link #INVALID_DATA}. Any other string decodes to {@link #UNKNOWN} instead of failing (the
 * official Java SDK throws there).
 */
public enum AppendErrorCode {
    /** The rows could not be written as sent. */
    INVALID_DATA("invalid-data"),
    /** The rows do not fit the table's schema: unknown columns, type conflicts (spec; not sent by the official mock). */
    INCOMPATIBLE_SCHEMA("incompatible-schema"),
    /** A code this client does not know (written back as {@code "unknown"}, which no server sends). */
    UNKNOWN("unknown");

    private final String wire;

    AppendErrorCode(String wire) {
        this.wire = wire;
    }

    /** The string on the wire, e.g. {@code "invalid-data"}. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Lenient decoding: exact match, else {@link #UNKNOWN}; {@code null} stays {@code null}. */
    @JsonCreator
    public static AppendErrorCode fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (AppendErrorCode c : values()) {
            if (c != UNKNOWN && c.wire.equals(value)) {
                return c;
            }
        }
        return UNKNOWN;
    }
}
