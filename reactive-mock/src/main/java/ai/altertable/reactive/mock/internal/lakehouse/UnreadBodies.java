package ai.altertable.reactive.mock.internal.lakehouse;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import java.util.function.Supplier;

/**
 * Answers a request whose body the handler does not want (401, 404, 405, 415, fault answers, query-string errors)
 * without leaving that body on a keep-alive connection: a body up to {@link RequestBodies#DRAIN_MAX} bytes is read and
 * dropped first, so that a client still sending it receives the answer instead of a reset; a larger one (declared, or
 * seen while draining) gets the answer with {@code Connection: close}.
 */
final class UnreadBodies {

    static final long DRAIN_LIMIT = RequestBodies.DRAIN_MAX;

    private UnreadBodies() {
    }

    static Publisher<Void> thenReply(HttpServerRequest req, HttpServerResponse res, Supplier<Publisher<Void>> reply) {
        long declared = contentLength(req);
        boolean chunked = req.requestHeaders().containsValue(HttpHeaderNames.TRANSFER_ENCODING,
                HttpHeaderValues.CHUNKED, true);
        if (declared <= 0 && !chunked) {
            return reply.get();
        }
        if (declared > DRAIN_LIMIT) {
            res.header(HttpHeaderNames.CONNECTION, "close");
            return reply.get();
        }
        return drain(req)
                .onErrorResume(e -> {
                    res.header(HttpHeaderNames.CONNECTION, "close");
                    return Mono.empty();
                })
                .then(Mono.defer(() -> Mono.from(reply.get())));
    }

    /** Reads the body and drops it (Reactor Netty releases each buffer); fails beyond {@link #DRAIN_LIMIT} bytes. */
    private static Mono<Void> drain(HttpServerRequest req) {
        return req.receive()
                .reduce(0L, (total, buf) -> {
                    long n = total + buf.readableBytes();
                    if (n > DRAIN_LIMIT) {
                        throw Rejection.tooLargeToDrain();
                    }
                    return n;
                })
                .then();
    }

    private static long contentLength(HttpServerRequest req) {
        String v = req.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
