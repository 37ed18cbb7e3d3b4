package ai.altertable.reactive.mock.internal.lakehouse;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

import java.util.Arrays;

/**
 * Reads a request body into memory up to a limit (the protocol's 2 MiB for JSON endpoints and {@code /append}),
 * failing with the 413 rejection beyond it. An oversized body is still read to its end (and dropped) up to
 * {@value #DRAIN_MAX} bytes, so that the client, which is still sending, receives the 413 on a healthy connection;
 * a larger one (declared or seen) is answered at once and the connection closed. Network buffers are copied and left
 * to Reactor Netty to release.
 */
final class RequestBodies {

    /** The protocol's body limit for JSON endpoints and {@code /append}: 2 MiB. */
    static final int LIMIT = 2 * 1024 * 1024;

    /** Bytes of an oversized body read and dropped before answering 413. */
    static final long DRAIN_MAX = 64L * 1024 * 1024;

    private RequestBodies() {
    }

    /**
     * Reads a JSON endpoint's body after checking its content type, as axum's {@code Json} extractor does: a body that
     * is not JSON is 415 whatever its size (never 413). The rejected body is left to the router, which drains it
     * ({@link UnreadBodies}) so that the connection stays usable.
     */
    static Mono<byte[]> readJson(Exchange ex) {
        return Mono.defer(() -> {
            JsonBody.requireJsonContentType(ex.header(HttpHeaderNames.CONTENT_TYPE));
            ex.bodyConsumed();
            return read(ex.request(), LIMIT);
        });
    }

    static Mono<byte[]> read(HttpServerRequest req, int limit) {
        String declared = req.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > DRAIN_MAX) {
                    return Mono.error(Rejection.tooLargeToDrain());
                }
            } catch (NumberFormatException ignored) {
                // Netty's decoder rejects malformed lengths before we get here
            }
        }
        return req.receive()
                .reduce(new Accumulator(limit), Accumulator::add)
                .map(Accumulator::bytesOrTooLarge)
                .defaultIfEmpty(new byte[0]);
    }

    /** A growable byte array that refuses to pass the limit. Used by one subscriber at a time. */
    private static final class Accumulator {
        private final int limit;
        private byte[] bytes = new byte[256];
        private int size;
        private long dropped;

        Accumulator(int limit) {
            this.limit = limit;
        }

        Accumulator add(ByteBuf buf) {
            int n = buf.readableBytes();
            if (dropped > 0 || (long) size + n > limit) {
                dropped += n;
                if (size + dropped > DRAIN_MAX) {
                    throw Rejection.tooLargeToDrain();
                }
                return this;
            }
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(bytes.length * 2, size + n)));
            }
            buf.getBytes(buf.readerIndex(), bytes, size, n);
            size += n;
            return this;
        }

        byte[] bytesOrTooLarge() {
            if (dropped > 0) {
                throw Rejection.tooLarge();
            }
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
    }
}
