package ai.altertable.reactive.rest.internal;

import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.ResponseParseException;
import io.netty.buffer.ByteBuf;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

import java.util.Arrays;

/**
 * Reads a whole (JSON) response body into memory, up to a limit: a larger body fails with a
 * {@link ResponseParseException} and the connection is closed instead of read to its end. Buffers are copied and left
 * to Reactor Netty to release.
 */
final class BoundedBodies {

    private BoundedBodies() {
    }

    static Mono<byte[]> read(Connection connection, int limit, ErrorContext context) {
        return Mono.defer(() -> {
            Growable body = new Growable();
            return connection.inbound().receive()
                    .doOnNext(buf -> body.add(buf, limit, context, connection))
                    .then(Mono.fromCallable(body::bytes));
        });
    }

    private static final class Growable {
        private byte[] bytes = new byte[512];
        private int size;

        void add(ByteBuf buf, int limit, ErrorContext context, Connection connection) {
            int n = buf.readableBytes();
            if ((long) size + n > limit) {
                connection.dispose();
                throw new ResponseParseException("response body larger than " + limit + " bytes", -1, context, null);
            }
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(2 * bytes.length, size + n)));
            }
            buf.getBytes(buf.readerIndex(), bytes, size, n);
            size += n;
        }

        byte[] bytes() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
