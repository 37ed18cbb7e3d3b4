package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The {@code mode} query parameter of {@code POST /upload} ({@link UploadOptions}, protocol §11.1).
 *
 * <p>The client spec requires the parameter and knows {@code create}, {@code append} and {@code overwrite}; the official
 * mock makes it optional (default {@code append}), adds {@link #CREATE_APPEND}, and matches lowercase, case-sensitively.
 * Any other value, including the legacy {@code upsert}, is a 400 there ({@code ... unknown variant ...}).
 */
public enum UploadMode {
    /** {@code CREATE TABLE ... AS SELECT} from the file; fails if the table exists. */
    CREATE("create"),
    /** Insert into an existing table (the mock matches columns by name; production column for column). */
    APPEND("append"),
    /** Create the table from the file's schema if missing, then append; mock and Go SDK only, not in the spec. */
    CREATE_APPEND("create_append"),
    /** Drop and recreate the table from the file (the schema is replaced). */
    OVERWRITE("overwrite"),
    /** A mode this client does not know; never sent. */
    UNKNOWN("unknown");

    private final String wire;

    UploadMode(String wire) {
        this.wire = wire;
    }

    /** The string on the wire, e.g. {@code "create_append"}. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /**
     * Strict parsing, as the mock parses the query string: exact, case-sensitive wire names only.
     *
     * @throws IllegalArgumentException for anything else, with a message in the style of the mock's 400
     */
    public static UploadMode parse(String value) {
        UploadMode m = fromWire(value);
        if (m == null || m == UNKNOWN) {
            throw new IllegalArgumentException("unknown variant `" + value
                    + "`, expected one of `create`, `append`, `create_append`, `overwrite`");
        }
        return m;
    }

    /** Lenient decoding: exact match, else {@link #UNKNOWN}; {@code null} stays {@code null}. */
    @JsonCreator
    public static UploadMode fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (UploadMode m : values()) {
            if (m != UNKNOWN && m.wire.equals(value)) {
                return m;
            }
        }
        return UNKNOWN;
    }
}
