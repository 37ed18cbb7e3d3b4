package ai.altertable.reactive.mock.internal.lakehouse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

import java.nio.charset.StandardCharsets;

/** Complete (non-streamed) responses, each sent with a {@code Content-Length}. */
final class Replies {

    static final String TEXT_PLAIN_UTF8 = "text/plain; charset=utf-8";
    static final String TEXT_PLAIN = "text/plain";
    static final String JSON = "application/json";
    static final String NDJSON = "application/x-ndjson";

    private Replies() {
    }

    /** A status with an empty body and no {@code Content-Type} (401, 404, 405, upload success). */
    static Publisher<Void> empty(HttpServerResponse res, int status) {
        return res.status(status).header(HttpHeaderNames.CONTENT_LENGTH, "0").send();
    }

    static Publisher<Void> text(HttpServerResponse res, int status, String contentType, String body) {
        return bytes(res, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static Publisher<Void> json(HttpServerResponse res, int status, byte[] body) {
        return bytes(res, status, JSON, body);
    }

    static Publisher<Void> bytes(HttpServerResponse res, int status, String contentType, byte[] body) {
        ByteBuf buf = Unpooled.wrappedBuffer(body);
        return res.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, contentType)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                .send(Mono.just(buf));
    }

    static Publisher<Void> rejection(HttpServerResponse res, Rejection r) {
        if (r.closeConnection()) {
            res.header(HttpHeaderNames.CONNECTION, "close");
        }
        return text(res, r.status(), r.contentType(), r.body());
    }
}
