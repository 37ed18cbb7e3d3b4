package ai.altertable.reactive.flight.internal;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.ApiException;
import ai.altertable.reactive.core.AuthenticationException;
import ai.altertable.reactive.core.BadRequestException;
import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.core.NotFoundException;
import ai.altertable.reactive.core.NotSupportedException;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.OperationTimeoutException;
import ai.altertable.reactive.core.TlsException;
import ai.altertable.reactive.core.internal.TlsFailures;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.grpc.StatusUtils;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * Maps a failed Flight call onto the core exception hierarchy. The {@link ErrorContext} names the operation, the
 * method {@code RPC}, the RPC as path ({@code DoGet}, {@code GetFlightInfo}, ...), the gRPC code value as status and
 * the server's message as body excerpt (redacted by the context, so an echoed token never survives).
 *
 * <p>Codes: {@code UNAUTHENTICATED}/{@code PERMISSION_DENIED} are authentication failures, {@code INVALID_ARGUMENT}
 * a bad request, {@code RESOURCE_EXHAUSTED}/{@code OUT_OF_RANGE} a bad request too (a message over the server's size
 * limit), {@code NOT_FOUND} not found, {@code UNIMPLEMENTED} not supported, {@code UNAVAILABLE} a (retryable) network
 * failure, {@code DEADLINE_EXCEEDED} a timeout; anything else is an {@link ApiException}.
 */
public final class FlightErrors {

    /** The {@link ErrorContext#method()} of every Flight failure. */
    public static final String METHOD = "RPC";

    /** A leading {@code Words: } said again right after itself, any number of times. */
    private static final Pattern REPEATED_PREFIX = Pattern.compile("^([^:\\n]{1,200}: )\\1+");

    private FlightErrors() {
    }

    /**
     * The exception for {@code error}, thrown by a call of {@code rpc}; core exceptions pass through unchanged.
     *
     * @param observed the call's status as gRPC reported it, or {@code null}; preferred over the code inside a Flight
     *                 exception, because Arrow folds several gRPC codes into one ({@code OUT_OF_RANGE} and
     *                 {@code FAILED_PRECONDITION} into {@code INVALID_ARGUMENT}, for example)
     */
    public static Throwable map(Throwable error, Operation operation, String rpc, Status observed) {
        return map(error, operation, rpc, observed, null);
    }

    /**
     * As {@link #map(Throwable, Operation, String, Status)}; a failed TLS handshake becomes a {@link TlsException}
     * (never retried) whose message names {@code peer}.
     *
     * @param peer the server, {@code host:port}, or {@code null} when unknown
     */
    public static Throwable map(Throwable error, Operation operation, String rpc, Status observed, String peer) {
        if (error instanceof AltertableException) {
            return error;
        }
        TlsException tls = TlsFailures.classify(error, peer, context(operation, rpc));
        if (tls != null) {
            return tls;
        }
        FlightRuntimeException flight = flightException(error);
        if (flight == null) {
            return error; // not a transport failure (a bug, or the user's callback): keep it as it is
        }
        if (ArrowWrites.isServerSymptom(flight.status().description())) {
            Status.Code code = StatusUtils.toGrpcStatusCode(flight.status().code());
            return new ApiException(ArrowWrites.SERVER_MISSING_FLAG, context(operation, rpc).mutate()
                    .status(code.value()).body(flight.status().description()).build(), flight);
        }
        if (observed != null && !observed.isOk()
                && StatusUtils.fromGrpcStatusCode(observed.getCode()) == flight.status().code()) {
            return forStatus(observed.getCode(), observed.getDescription(), operation, rpc, flight);
        }
        return forStatus(StatusUtils.toGrpcStatusCode(flight.status().code()), flight.status().description(),
                operation, rpc, flight);
    }

    /** The context of a failure of {@code rpc} in {@code operation} that has no status of its own. */
    public static ErrorContext context(Operation operation, String rpc) {
        return ErrorContext.builder().operation(operation.specName()).method(METHOD).path(rpc).build();
    }

    /** The exception for a failed call's gRPC code and message. */
    public static AltertableException forStatus(Status.Code code, String message, Operation operation, String rpc,
                                                Throwable cause) {
        ErrorContext context = context(operation, rpc).mutate().status(code.value()).body(withoutRepeats(message))
                .build();
        switch (code) {
            case UNAUTHENTICATED:
                return new AuthenticationException("authentication failed (check the username and password)", context,
                        cause);
            case PERMISSION_DENIED:
                return new AuthenticationException("access denied", context, cause);
            case INVALID_ARGUMENT:
                return new BadRequestException("the server rejected the request", context, cause);
            case RESOURCE_EXHAUSTED:
            case OUT_OF_RANGE:
                return new BadRequestException("the server rejected the request (a message may exceed its size limit)",
                        context, cause);
            case NOT_FOUND:
                return new NotFoundException("not found", context, cause);
            case UNIMPLEMENTED:
                return new NotSupportedException("the server does not support this operation", context, cause);
            case UNAVAILABLE:
                return new NetworkException("the Flight server is unavailable", context, cause);
            case DEADLINE_EXCEEDED:
                return new OperationTimeoutException(OperationTimeoutException.Phase.TOTAL, Duration.ZERO, context, cause);
            default:
                return new ApiException("the Flight call failed (" + code + ")", context, cause);
        }
    }

    /**
     * {@code message} with a prefix said twice or more in a row said once: the Altertable server reports a prepare
     * failure as {@code Failed to extract schema: Failed to extract schema: Failed to prepare statement: …} (protocol
     * §7), which the exception shows as {@code Failed to extract schema: Failed to prepare statement: …}.
     */
    static String withoutRepeats(String message) {
        return message == null ? null : REPEATED_PREFIX.matcher(message).replaceFirst("$1");
    }

    /** Whether {@code error} is a Flight {@code UNAUTHENTICATED}, raw or already mapped. */
    public static boolean isUnauthenticated(Throwable error) {
        if (error instanceof AuthenticationException) {
            return ((AuthenticationException) error).status() == Status.Code.UNAUTHENTICATED.value();
        }
        FlightRuntimeException flight = flightException(error);
        return flight != null && flight.status().code() == FlightStatusCode.UNAUTHENTICATED;
    }

    /** The Flight exception behind {@code error}, converting raw gRPC exceptions; {@code null} for anything else. */
    static FlightRuntimeException flightException(Throwable error) {
        if (error instanceof FlightRuntimeException) {
            return (FlightRuntimeException) error;
        }
        if (error instanceof StatusRuntimeException || error instanceof StatusException) {
            Status status = Status.fromThrowable(error);
            return toFlight(status, error);
        }
        Throwable cause = error.getCause();
        if ((error instanceof ExecutionException || error instanceof CompletionException) && cause != null) {
            return flightException(cause);
        }
        return null;
    }

    private static FlightRuntimeException toFlight(Status status, Throwable cause) {
        return StatusUtils.fromGrpcStatus(status).withCause(cause).toRuntimeException();
    }
}
