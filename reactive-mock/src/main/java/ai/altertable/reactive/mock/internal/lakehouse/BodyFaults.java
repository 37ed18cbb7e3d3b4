package ai.altertable.reactive.mock.internal.lakehouse;

import ai.altertable.reactive.mock.FaultPlan;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Applies the body-shaping settings of a {@link FaultPlan} to a response body. */
final class BodyFaults {

    /** The failure that ends a body on purpose; the server drops the connection and logs it at debug level only. */
    static final class InjectedFault extends IOException {
        private static final long serialVersionUID = 1L;

        InjectedFault(String what) {
            super("injected fault: " + what);
        }
    }

    private BodyFaults() {
    }

    static Flux<byte[]> apply(Flux<byte[]> body, FaultPlan fault) {
        if (fault == null) {
            return body;
        }
        Flux<byte[]> out = body;
        if (!fault.rowDelay().isZero()) {
            out = out.delayElements(fault.rowDelay());
        }
        if (fault.chunkBytes() > 0) {
            int n = fault.chunkBytes();
            out = out.concatMapIterable(b -> split(b, n));
        }
        if (fault.closeAfterBytes() >= 0) {
            out = cutAfter(out, fault.closeAfterBytes());
        }
        if (fault.closeAfterLines() >= 0) {
            out = cutAfterLines(out, fault.closeAfterLines());
        }
        if (!fault.firstLineDelay().isZero()) {
            out = Mono.delay(fault.firstLineDelay()).thenMany(out);
        }
        return out;
    }

    static List<byte[]> split(byte[] b, int n) {
        List<byte[]> parts = new ArrayList<>(b.length / n + 1);
        for (int i = 0; i < b.length; i += n) {
            parts.add(Arrays.copyOfRange(b, i, Math.min(b.length, i + n)));
        }
        return parts;
    }

    /**
     * Passes the body up to and including its {@code lines}-th {@code \n}, then fails. NDJSON escapes newlines inside
     * strings, so every {@code \n} byte ends a line.
     */
    private static Flux<byte[]> cutAfterLines(Flux<byte[]> body, long lines) {
        return Flux.defer(() -> {
            long[] seen = {0};
            return Flux.concat(body.handle((b, sink) -> {
                for (int i = 0; i < b.length; i++) {
                    if (seen[0] == lines) {
                        if (i > 0) {
                            sink.next(Arrays.copyOf(b, i));
                        }
                        sink.error(new InjectedFault("connection closed after " + lines + " body lines"));
                        return;
                    }
                    if (b[i] == '\n') {
                        seen[0]++;
                    }
                }
                sink.next(b);
            }), Flux.defer(() -> Flux.error(new InjectedFault("connection closed after the last of "
                    + seen[0] + " body lines"))));
        });
    }

    /** Passes the first {@code limit} bytes, then fails, which makes the server drop the connection mid-body. */
    private static Flux<byte[]> cutAfter(Flux<byte[]> body, long limit) {
        return Flux.defer(() -> {
            long[] sent = {0};
            return body.handle((b, sink) -> {
                long room = limit - sent[0];
                if (b.length < room) {
                    sent[0] += b.length;
                    sink.next(b);
                    return;
                }
                if (room > 0) {
                    sink.next(Arrays.copyOf(b, (int) room));
                }
                sink.error(new InjectedFault("connection closed after " + limit + " body bytes"));
            });
        });
    }
}
