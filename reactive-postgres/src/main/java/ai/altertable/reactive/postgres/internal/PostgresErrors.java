package ai.altertable.reactive.postgres.internal;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.ApiException;
import ai.altertable.reactive.core.AuthenticationException;
import ai.altertable.reactive.core.BadRequestException;
import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.core.NotFoundException;
import ai.altertable.reactive.core.NotSupportedException;
import ai.altertable.reactive.core.OperationTimeoutException;
import ai.altertable.reactive.core.TlsException;
import ai.altertable.reactive.core.internal.TlsFailures;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcTimeoutException;

import java.io.IOException;
import java.time.Duration;

/**
 * Maps a failure of the Postgres transport onto the core exception hierarchy. The {@link ErrorContext} names the
 * operation, the method {@value #METHOD}, the SQLSTATE as path (when the server sent one) and the server's message as
 * body excerpt (redacted by the context, so an echoed secret never survives). The cause of a server error is a
 * redacted stand-in for the driver's exception, which keeps the server's message verbatim.
 *
 * <p>SQLSTATE: class {@code 28} (invalid authorization, {@code 28P01} a wrong password) is an authentication failure;
 * {@code 42P01} (undefined table), {@code 3D000} (unknown database, that is catalog) and {@code 3F000} (unknown schema)
 * are not found; {@code 0A000} not supported; class {@code 08} (connection exception) a network failure; classes
 * {@code 42} (syntax, undefined column, ...), {@code 22} (data) and {@code 23} (constraints) a bad request; the rest,
 * {@code 57014} (query cancelled) included, an {@link ApiException}. Without a SQLSTATE: a failed TLS handshake is a
 * {@link TlsException}, a driver timeout an {@link OperationTimeoutException}, any other driver or I/O failure a
 * {@link NetworkException}; anything else (a bug, the user's own code) passes through unchanged.
 */
public final class PostgresErrors {

    /** The {@link ErrorContext#method()} of every Postgres failure. */
    public static final String METHOD = "PG";

    private PostgresErrors() {
    }

    /**
     * The exception for {@code error}; core exceptions pass through unchanged.
     *
     * @param operation the operation's spec name ({@code query}, ...)
     * @param peer      the server, {@code host:port}, for TLS failures
     */
    public static Throwable map(Throwable error, String operation, String peer) {
        if (error instanceof AltertableException) {
            return error;
        }
        ErrorContext context = ErrorContext.builder().operation(operation).method(METHOD).build();
        TlsException tls = TlsFailures.classify(error, peer, context);
        if (tls != null) {
            return tls;
        }
        if (error instanceof R2dbcException && ((R2dbcException) error).getSqlState() != null) {
            R2dbcException r2dbc = (R2dbcException) error;
            return forSqlState(r2dbc.getSqlState(), r2dbc.getMessage(), context, new ServerErrorCause(r2dbc));
        }
        if (error instanceof R2dbcTimeoutException) {
            return new OperationTimeoutException(OperationTimeoutException.Phase.CONNECT, Duration.ZERO,
                    context.mutate().body(error.getMessage()).build(), error);
        }
        if (error instanceof R2dbcException || error instanceof IOException) {
            return new NetworkException("the Postgres connection failed", context.mutate().body(error.getMessage())
                    .build(), error);
        }
        return error;
    }

    /** The exception for a server error with {@code sqlState} and {@code message}. */
    static AltertableException forSqlState(String sqlState, String message, ErrorContext base, Throwable cause) {
        ErrorContext context = base.mutate().path(sqlState).body(message).build();
        String sqlClass = sqlState.length() >= 2 ? sqlState.substring(0, 2) : sqlState;
        if (sqlClass.equals("28")) {
            return new AuthenticationException("authentication failed (check the username and password)", context,
                    cause);
        }
        switch (sqlState) {
            case "42P01":
            case "3D000":
            case "3F000":
                return new NotFoundException("not found", context, cause);
            case "0A000":
                return new NotSupportedException("the server does not support this statement", context, cause);
            case "57014":
                return new ApiException("the query was cancelled", context, cause);
            default:
                break;
        }
        switch (sqlClass) {
            case "08":
                return new NetworkException("the Postgres connection failed", context, cause);
            case "42":
            case "22":
            case "23":
                return new BadRequestException("the server rejected the statement", context, cause);
            default:
                return new ApiException("the statement failed (SQLSTATE " + sqlState + ")", context, cause);
        }
    }
}
