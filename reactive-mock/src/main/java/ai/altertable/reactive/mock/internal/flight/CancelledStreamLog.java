package ai.altertable.reactive.mock.internal.flight;

import io.netty.handler.codec.http2.Http2Exception;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Drops the one warning gRPC's server logs (through {@code java.util.logging}) for every stream a client cancels while
 * the server still has data queued for it: {@value #LOGGER} {@code "Stream Error"} with Netty's
 * {@code StreamException "Stream closed before write could take place"}. A client's {@code take(n)}, timeout or
 * dispose does exactly that, and the mock sees the cancel anyway ({@code ObservedFlightStream#cancelled}). Every other
 * record of that logger passes, to the filter that was there before, if any. Installed when a mock's Flight endpoint
 * starts; it stays for the life of the JVM.
 */
final class CancelledStreamLog implements Filter {

    /** The logger gRPC's Netty server handler writes stream errors to. */
    static final String LOGGER = "io.grpc.netty.NettyServerHandler";
    static final String WRITE_AFTER_CLOSE = "Stream closed before write could take place";

    // java.util.logging holds loggers weakly: keep this one, or its filter would go with it
    private static final Logger HANDLER_LOG = Logger.getLogger(LOGGER);

    private final Filter previous;

    private CancelledStreamLog(Filter previous) {
        this.previous = previous;
    }

    /** Puts the filter on {@value #LOGGER}, once. */
    static synchronized void install() {
        Filter current = HANDLER_LOG.getFilter();
        if (!(current instanceof CancelledStreamLog)) {
            HANDLER_LOG.setFilter(new CancelledStreamLog(current));
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (isWriteAfterCancel(record)) {
            return false;
        }
        return previous == null || previous.isLoggable(record);
    }

    private static boolean isWriteAfterCancel(LogRecord record) {
        Throwable thrown = record.getThrown();
        return Level.WARNING.equals(record.getLevel()) && "Stream Error".equals(record.getMessage())
                && thrown instanceof Http2Exception.StreamException
                && WRITE_AFTER_CLOSE.equals(thrown.getMessage());
    }
}
