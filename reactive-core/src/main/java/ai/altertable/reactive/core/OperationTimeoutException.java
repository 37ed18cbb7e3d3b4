package ai.altertable.reactive.core;

import java.time.Duration;

/**
 * A client-side timeout fired. {@link #phase()} says which one: connecting, waiting for response headers, waiting
 * between two lines of a stream, or a whole-operation cap. Retryable, like any transient failure; a write that timed out
 * may still have been applied by the server.
 */
public class OperationTimeoutException extends AltertableException {

    private static final long serialVersionUID = 1L;

    /** Which timeout fired. */
    public enum Phase {
        /** Establishing the TCP/TLS connection. */
        CONNECT,
        /** Waiting for the response status and headers. */
        RESPONSE,
        /** Waiting for the next line or batch of a stream that had started. */
        IDLE,
        /** A cap on the whole operation, including retries. */
        TOTAL
    }

    private final Phase phase;
    private final transient Duration timeout;

    public OperationTimeoutException(Phase phase, Duration timeout, ErrorContext context, Throwable cause) {
        super(phase.name().toLowerCase(java.util.Locale.ROOT) + " timeout after " + timeout.toMillis() + " ms", context,
                true, cause);
        this.phase = phase;
        this.timeout = timeout;
    }

    public Phase phase() {
        return phase;
    }

    public Duration timeout() {
        return timeout;
    }
}
