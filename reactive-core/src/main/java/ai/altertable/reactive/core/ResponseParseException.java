package ai.altertable.reactive.core;

/**
 * A response could not be parsed: a malformed NDJSON line, a line longer than the configured maximum, a JSON body of an
 * unexpected shape. {@link #lineNumber()} is the 1-based line of a streamed body where the problem was found, or
 * {@code -1} for bodies that are not line oriented. Not retryable.
 */
public class ResponseParseException extends AltertableException {

    private static final long serialVersionUID = 1L;

    private final long lineNumber;

    public ResponseParseException(String message, long lineNumber, ErrorContext context, Throwable cause) {
        super(lineNumber > 0 ? message + " (line " + lineNumber + ")" : message, context, false, cause);
        this.lineNumber = lineNumber;
    }

    /** 1-based line number in the streamed body, or {@code -1}. */
    public long lineNumber() {
        return lineNumber;
    }
}
