package ai.altertable.reactive.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The {@code format} field of {@code POST /query} (protocol §5.1, §5.5): which body the server answers with.
 *
 * <p><b>Mock only.</b> The official mock understands {@code "default"} (or {@code ""} or no field: the NDJSON envelope of
 * §5.2), {@code "csv"}, {@code "jsonl"} and {@code "parquet"}, matched case-sensitively; anything else is a 400
 * {@code Unsupported query format: <value>}. The client spec and production do not define the field, so leave it unset
 * against production.
 *
 * <p>Decoding is lenient: {@code ""} reads as {@link #DEFAULT} and any other unrecognised string as {@link #UNKNOWN}
 * (which loses the raw text: a server that must echo it reads it from the JSON tree). {@code UNKNOWN} is never sent:
 * request builders reject it.
 */
public enum QueryFormat {
    /** The NDJSON envelope: metadata line, columns line, row arrays ({@code application/x-ndjson}). */
    DEFAULT("default", "application/x-ndjson"),
    /** Raw CSV with a header line ({@code text/csv}). */
    CSV("csv", "text/csv"),
    /** One JSON object per row, no metadata or columns line ({@code application/x-ndjson}). */
    JSONL("jsonl", "application/x-ndjson"),
    /** One Parquet file ({@code application/parquet}). */
    PARQUET("parquet", "application/parquet"),
    /** A format string this client does not know; never sent. */
    UNKNOWN("unknown", null);

    private final String wire;
    private final String contentType;

    QueryFormat(String wire, String contentType) {
        this.wire = wire;
        this.contentType = contentType;
    }

    /** The string on the wire, e.g. {@code "csv"}. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /**
     * The {@code Content-Type} of a successful response in this format, as the mock sends it (failures are 500 with the
     * same header but a plain-text body, §5.3), or {@code null} for {@link #UNKNOWN}.
     */
    public String contentType() {
        return contentType;
    }

    /**
     * Lenient decoding: exact (case-sensitive) match, {@code ""} as {@link #DEFAULT}, anything else as {@link #UNKNOWN};
     * {@code null} stays {@code null}.
     */
    @JsonCreator
    public static QueryFormat fromWire(String value) {
        if (value == null) {
            return null;
        }
        if (value.isEmpty()) {
            return DEFAULT;
        }
        for (QueryFormat f : values()) {
            if (f != UNKNOWN && f.wire.equals(value)) {
                return f;
            }
        }
        return UNKNOWN;
    }
}
