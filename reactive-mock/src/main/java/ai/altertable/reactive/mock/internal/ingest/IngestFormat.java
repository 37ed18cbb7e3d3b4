package ai.altertable.reactive.mock.internal.ingest;

import java.util.Locale;
import java.util.Optional;

/**
 * The file formats {@code /upload} and {@code /upsert} accept, and the first half of their detection: the
 * {@code Content-Type} header. When the header names none of them, {@link IngestBody} sniffs the bytes.
 */
public enum IngestFormat {
    /** Comma-separated values, read with DuckDB {@code read_csv} and full auto-detection. */
    CSV,
    /** One JSON object, an array of objects, or newline-delimited objects, read with {@code read_json_auto}. */
    JSON,
    /** Apache Parquet, read with {@code read_parquet}. */
    PARQUET;

    /**
     * The format a {@code Content-Type} names, compared without its parameters and case-insensitively:
     * {@code application/json} or any {@code …+json} is JSON, {@code text/csv} and {@code application/csv} are CSV,
     * {@code application/parquet} is Parquet. Anything else, and a missing header (null), is empty: sniff the body.
     */
    public static Optional<IngestFormat> fromContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
        if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
            return Optional.of(JSON);
        }
        if (mediaType.equals("text/csv") || mediaType.equals("application/csv")) {
            return Optional.of(CSV);
        }
        if (mediaType.equals("application/parquet")) {
            return Optional.of(PARQUET);
        }
        return Optional.empty();
    }
}
