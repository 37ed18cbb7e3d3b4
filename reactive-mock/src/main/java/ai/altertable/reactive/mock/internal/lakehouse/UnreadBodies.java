package ai.altertable.reactive.mock.internal.lakehouse;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import java.util.function.Supplier;

/**
 * Answers a request whose body the handler does not want (401, 404, 405, fault answers) without leaving that body on
 * a keep-alive connection: a body up to {@value #DRAIN_LIMIT} bytes is read and dropped first; a larger one gets the
 * answer with {@code Connection: close}.
 */
final class UnreadBodies {

    static final long DRAIN_LIMIT = RequestBodies.LIMIT;

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
        return RequestBodies.read(req, (int) DRAIN_LIMIT)
                .then()
                .onErrorResume(e -> {
                    res.header(HttpHeaderNames.CONNECTION, "close");
                    return Mono.empty();
                })
                .then(Mono.defer(() -> Mono.from(reply.get())));
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
