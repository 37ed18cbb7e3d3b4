package ai.altertable.reactive.rest.internal;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.core.OperationTimeoutException;
import ai.altertable.reactive.core.TlsException;
import ai.altertable.reactive.core.internal.TlsFailures;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.netty.http.client.PrematureCloseException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Turns transport failures (Reactor Netty, Netty, JDK I/O) into the core exception hierarchy. Failures to connect are
 * marked as never sent, so that {@link ai.altertable.reactive.core.RetryPolicy} may repeat even a write.
 */
final class FailureMapping {

    private FailureMapping() {
    }

    /**
     * @param peer the server, {@code host:port}, named by a TLS failure's message
     */
    static Throwable map(Throwable t, ErrorContext context, Duration connectTimeout, String peer) {
        if (t instanceof AltertableException) {
            return t;
        }
        Throwable root = unwrap(t);
        if (root instanceof ConnectTimeoutException) {
            return new OperationTimeoutException(OperationTimeoutException.Phase.CONNECT, connectTimeout, context, root);
        }
        if (root instanceof ConnectException || root instanceof UnknownHostException
                || root instanceof NoRouteToHostException) {
            return new NetworkException("cannot connect: " + root.getMessage(), context, false, root);
        }
        if (root instanceof ReadTimeoutException) {
            return new OperationTimeoutException(OperationTimeoutException.Phase.IDLE, Duration.ZERO, context, root);
        }
        if (t instanceof PrematureCloseException || root instanceof PrematureCloseException) {
            return new NetworkException("connection closed before the response was complete", context, true, t);
        }
        TlsException tls = TlsFailures.classify(t, peer, context);
        if (tls != null) {
            return tls;
        }
        if (root instanceof SSLException) {
            return new NetworkException("TLS failure: " + root.getMessage(), context, true, root);
        }
        if (root instanceof ClosedChannelException || root instanceof IOException) {
            return new NetworkException("connection failed: " + root.getMessage(), context, true, root);
        }
        return t;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        for (int i = 0; i < 8 && c.getCause() != null && c.getCause() != c; i++) {
            if (c instanceof IOException && !(c instanceof PrematureCloseException)) {
                break;
            }
            c = c.getCause();
        }
        return c;
    }
}
