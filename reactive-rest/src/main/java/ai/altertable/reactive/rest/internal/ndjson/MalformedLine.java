package ai.altertable.reactive.rest.internal.ndjson;

/**
 * A line of a {@code /query} body that is valid JSON but not what the protocol allows there (a row of the wrong length,
 * an object that is not an error, a columns line of the wrong shape). Thrown by the parts of the decoder that do not
 * know line numbers or the request; {@link QueryStreamDecoder} turns it into a
 * {@link ai.altertable.reactive.core.ResponseParseException} carrying both. Never leaves this package.
 */
final class MalformedLine extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MalformedLine(String message) {
        this(message, null);
    }

    MalformedLine(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
