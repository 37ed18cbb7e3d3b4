package ai.altertable.reactive.rest.internal;

import ai.altertable.reactive.core.AltertableException;
import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.internal.RetryAfterHeader;
import ai.altertable.reactive.core.internal.StatusErrors;
import io.netty.buffer.ByteBuf;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClientResponse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Builds the exception for an error response: status, request id, {@code Retry-After}, and a short excerpt of the body,
 * which may be anything (empty, plain text, HTML from a proxy, JSON). At most {@value #MAX_BODY_BYTES} bytes are read;
 * a longer body is cut by closing the connection rather than reading it all.
 */
final class ErrorBodies {

    static final int MAX_BODY_BYTES = 4096;

    private ErrorBodies() {
    }

    /** The error for {@code response}, after reading a bounded part of its body from {@code connection}. */
    static Mono<AltertableException> of(HttpClientResponse response, Connection connection, ErrorContext.Builder ctx,
                                        boolean notFoundIsMissingRoute) {
        ctx.status(response.status().code())
                .requestId(requestId(response))
                .retryAfter(RetryAfterHeader.parse(response.responseHeaders().get("Retry-After"), Instant.now()));
        return Mono.defer(() -> {
            Excerpt excerpt = new Excerpt();
            return connection.inbound().receive()
                    .doOnNext(excerpt::add)
                    .takeUntil(b -> excerpt.full())
                    .then(Mono.fromCallable(() -> {
                        if (excerpt.full()) {
                            connection.dispose(); // do not read the rest of a large body
                        }
                        return StatusErrors.forStatus(ctx.body(excerpt.text()).build(), notFoundIsMissingRoute);
                    }));
        });
    }

    static String requestId(HttpClientResponse response) {
        String id = response.responseHeaders().get("x-request-id");
        return id != null ? id : response.responseHeaders().get("x-correlation-id");
    }

    /** The first bytes of a body, decoded leniently as UTF-8. */
    private static final class Excerpt {
        private final byte[] bytes = new byte[MAX_BODY_BYTES];
        private int size;

        void add(ByteBuf buf) {
            int n = Math.min(buf.readableBytes(), bytes.length - size);
            buf.getBytes(buf.readerIndex(), bytes, size, n);
            size += n;
        }

        boolean full() {
            return size >= bytes.length;
        }

        String text() {
            return new String(bytes, 0, size, StandardCharsets.UTF_8);
        }
    }
}
