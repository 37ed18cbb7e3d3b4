package ai.altertable.reactive.mock.internal.flight;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;

import java.sql.SQLException;

/**
 * The gRPC statuses the mock answers with (protocol §14): a code and a message, no details, no trailers. Each factory
 * returns the exception to throw (or to hand to a stream listener's {@code error}).
 */
final class FlightStatus {

    /** The one DoGet error of a statement query: DuckDB's text is dropped (protocol §7). */
    static final String QUERY_FAILED = "Failed to query arrow";
    /** Unknown prepared handle at bind, DoGet and prepared update (protocol §9). */
    static final String PREPARED_NOT_FOUND = "Prepared statement not found";
    /** The RPCs the mock does not serve (protocol §6). */
    static final String NOT_YET_IMPLEMENTED = "Not yet implemented";

    private FlightStatus() {
    }

    static FlightRuntimeException unauthenticated(String message) {
        return CallStatus.UNAUTHENTICATED.withDescription(message).toRuntimeException();
    }

    static FlightRuntimeException invalidArgument(String message) {
        return CallStatus.INVALID_ARGUMENT.withDescription(message).toRuntimeException();
    }

    static FlightRuntimeException notFound(String message) {
        return CallStatus.NOT_FOUND.withDescription(message).toRuntimeException();
    }

    static FlightRuntimeException alreadyExists(String message) {
        return CallStatus.ALREADY_EXISTS.withDescription(message).toRuntimeException();
    }

    /**
     * {@code FAILED_PRECONDITION}, which Arrow Java's {@code CallStatus} cannot express: a gRPC exception, passed
     * through unchanged by Flight's error handling. (Arrow Java clients read it back as {@code INVALID_ARGUMENT}.)
     */
    static StatusRuntimeException failedPrecondition(String message) {
        return Status.FAILED_PRECONDITION.withDescription(message).asRuntimeException();
    }

    static FlightRuntimeException internal(String message) {
        return CallStatus.INTERNAL.withDescription(message).toRuntimeException();
    }

    static FlightRuntimeException unimplemented(String message) {
        return CallStatus.UNIMPLEMENTED.withDescription(message).toRuntimeException();
    }

    /** DuckDB's message for a failed statement, never null. */
    static String message(SQLException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getName();
    }
}
