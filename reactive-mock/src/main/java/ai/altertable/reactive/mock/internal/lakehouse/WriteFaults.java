package ai.altertable.reactive.mock.internal.lakehouse;

import ai.altertable.reactive.mock.FaultPlan;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The answer of a write ({@code /append}, {@code /upload}, {@code /upsert}) that has already run, spoiled as its fault
 * plan says: {@code status-after} replaces it with an HTML error page, {@code close-after-bytes} closes the connection
 * after that many bytes of its body ({@code 0}: before the status line, a reset; a limit at or past the end of the body
 * leaves the answer whole, as on {@code /query}); {@code answer-delay} holds the answer (spoiled or not) on a timer.
 * Either way the server has committed,
 * which is what a client's delivery guarantee must cope with.
 */
final class WriteFaults {

    private WriteFaults() {
    }

    /**
     * The write's own answer, or the faulty one.
     *
     * @param contentType the answer's content type, or {@code null} for an empty answer without one
     */
    static Publisher<Void> answer(Exchange ex, int status, String contentType, byte[] body) {
        FaultPlan fault = ex.fault();
        if (fault != null && !fault.answerDelay().isZero()) {
            // a timer, then the answer: no thread waits
            return Mono.delay(fault.answerDelay()).then(Mono.defer(() -> Mono.from(spoiled(ex, fault, status,
                    contentType, body))));
        }
        return spoiled(ex, fault, status, contentType, body);
    }

    private static Publisher<Void> spoiled(Exchange ex, FaultPlan fault, int status, String contentType,
                                           byte[] body) {
        HttpServerResponse res = ex.response();
        if (fault != null && fault.statusAfter() != 0) {
            return FaultReplies.status(res, fault.statusAfter(), fault.retryAfter());
        }
        if (fault != null && fault.closeAfterBytes() >= 0
                && (fault.closeAfterBytes() == 0 || fault.closeAfterBytes() < body.length)) {
            return cut(res, status, contentType, body, fault.closeAfterBytes());
        }
        return contentType == null ? Replies.empty(res, status) : Replies.bytes(res, status, contentType, body);
    }

    private static Publisher<Void> cut(HttpServerResponse res, int status, String contentType, byte[] body,
                                       long limit) {
        if (limit == 0) {
            return Mono.fromRunnable(() -> res.withConnection(Connection::dispose));
        }
        int sent = (int) Math.min(limit, body.length);
        res.status(status).header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
        if (contentType != null) {
            res.header(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        return res.send(Flux.just(Unpooled.wrappedBuffer(body, 0, sent))
                .concatWith(Mono.error(new BodyFaults.InjectedFault("connection closed after " + sent
                        + " answer bytes of a write that ran"))));
    }
}
