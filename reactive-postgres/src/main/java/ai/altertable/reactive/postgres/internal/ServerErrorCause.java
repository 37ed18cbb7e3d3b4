package ai.altertable.reactive.postgres.internal;

import ai.altertable.reactive.core.internal.Redaction;

/**
 * Stands in for the driver's exception as the cause of a mapped server error: the same class name, SQLSTATE and
 * stack trace, but the server's message passed through {@link Redaction}, because a server may quote a credential back
 * (a name in "table ... does not exist", say) and the driver's own exception keeps it verbatim.
 */
final class ServerErrorCause extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ServerErrorCause(Throwable driverError) {
        super(driverError.getClass().getName() + ": " + Redaction.redact(driverError.getMessage()), null, false, true);
        setStackTrace(driverError.getStackTrace());
    }
}
