package ai.altertable.reactive.mock.internal.ingest;

import java.util.Objects;

/**
 * The result of an {@code /upload} or {@code /upsert}, ready to be sent: success is {@code 200} with an empty body and
 * no {@code Content-Type}; failure is {@code 400 text/plain; charset=utf-8} whose body is exactly {@link #errorText()}.
 *
 * @param ok        whether the file was ingested (and committed)
 * @param errorText the response body on failure, e.g. {@code Failed to execute ingest: <DuckDB message>}; null on
 *                  success
 */
public record IngestOutcome(boolean ok, String errorText) {

    /** The {@code Content-Type} of a failure response. */
    public static final String ERROR_CONTENT_TYPE = "text/plain; charset=utf-8";

    /** Prefix of every failure raised inside the ingestion transaction, as the official mock words it. */
    static final String EXECUTE_PREFIX = "Failed to execute ingest: ";

    private static final IngestOutcome SUCCESS = new IngestOutcome(true, null);

    /** Checks that a failure has a text and a success has none. */
    public IngestOutcome {
        if (ok == (errorText != null)) {
            throw new IllegalArgumentException("a failure needs a text, a success has none");
        }
    }

    /** The file was ingested. */
    public static IngestOutcome success() {
        return SUCCESS;
    }

    /** A failure whose response body is {@code text}, verbatim. */
    public static IngestOutcome failure(String text) {
        return new IngestOutcome(false, Objects.requireNonNull(text, "text"));
    }

    /** A failure inside the ingestion transaction: {@code Failed to execute ingest: } followed by DuckDB's message. */
    static IngestOutcome executeFailure(String duckDbMessage) {
        return failure(EXECUTE_PREFIX + duckDbMessage);
    }

    /** {@code 200} on success, {@code 400} on failure. */
    public int httpStatus() {
        return ok ? 200 : 400;
    }
}
