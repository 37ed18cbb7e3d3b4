package ai.altertable.reactive.mock.flight;

import ai.altertable.reactive.mock.AltertableMock;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * gRPC's server warns {@code "Stream Error" … Stream closed before write could take place} for every stream a client
 * cancels while data is still queued for it (a {@code take(n)}). Once a mock's Flight endpoint has started, exactly
 * that record of gRPC's server-handler logger is dropped; any other record of that logger still gets through.
 */
class CancelledStreamLogTest {

    private static final String LOGGER = "io.grpc.netty.NettyServerHandler";

    @Test
    void onlyTheWarningAboutACancelledStreamIsDropped() {
        Logger logger = Logger.getLogger(LOGGER);
        List<LogRecord> published = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                published.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        logger.addHandler(capture);
        try (AltertableMock mock = AltertableMock.builder().start()) {
            // what gRPC logs when a client's RST_STREAM finds data still queued for the stream
            logger.log(Level.WARNING, "Stream Error", Http2Exception.streamError(3, Http2Error.INTERNAL_ERROR,
                    new IllegalStateException("closed"), "Stream closed before write could take place"));
            // other stream errors are news
            logger.log(Level.WARNING, "Stream Error", Http2Exception.streamError(5, Http2Error.PROTOCOL_ERROR,
                    "a frame the server could not parse"));
            logger.log(Level.WARNING, "Connection Error", new IllegalStateException("boom"));
        } finally {
            logger.removeHandler(capture);
        }

        assertThat(published).extracting(r -> r.getMessage() + ": " + r.getThrown().getMessage())
                .containsExactly("Stream Error: a frame the server could not parse", "Connection Error: boom");
    }
}
