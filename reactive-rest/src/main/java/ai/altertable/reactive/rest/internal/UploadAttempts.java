package ai.altertable.reactive.rest.internal;

import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.internal.Observed;
import ai.altertable.reactive.core.observe.ClientObservability;
import ai.altertable.reactive.core.observe.OperationObservation;
import ai.altertable.reactive.core.observe.OperationStart;
import io.netty.buffer.ByteBuf;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * The one retry rule of every {@code /upload} and {@code /upsert}, whatever feeds its body:
 * <ol>
 *   <li>an attempt is repeated only when the failure proves that the server did not process it (the connection could
 *       not be established, or HTTP 429; {@link RetryPolicy#isRetryable}), never after it may have been written, and
 *   <li>the caller's publisher is subscribed at most once: a body read from a publisher is repeated only while that
 *       publisher has not been subscribed yet (in practice: the connection could not be established), while a file is
 *       simply read again.
 * </ol>
 * Each subscription of the returned {@code Mono} runs the upload again (cold and lazy), with the same rule.
 */
public final class UploadAttempts {

    private final Transport transport;
    private final RetryPolicy retry;
    private final ClientObservability observability;

    public UploadAttempts(Transport transport, RetryPolicy retry, ClientObservability observability) {
        this.transport = transport;
        this.retry = retry;
        this.observability = observability;
    }

    /** {@code upload} observed as one call (retries included) when observability is on. */
    private Mono<Void> observed(Operation op, Function<OperationObservation, Mono<Void>> upload) {
        if (!observability.isEnabled()) {
            return upload.apply(OperationObservation.NONE);
        }
        return Observed.mono(observability, op.specName(), OperationStart.REST, OperationStart.Kind.CALL, null, null,
                upload);
    }

    private static Retry retries(Retry retry, OperationObservation o) {
        return o == OperationObservation.NONE ? retry : Observed.retries(retry, o);
    }

    /** Uploads {@code file}, opened again for each attempt; {@code progress} (may be null) starts again with it. */
    public Mono<Void> fromFile(Operation op, String uri, Path file, String contentType, LongConsumer progress) {
        return observed(op, o -> transport.send(op, uri, StreamedBodies.withProgress(UploadBodies.fromFile(file),
                        progress), UploadBodies.contentType(file, contentType))
                .retryWhen(retries(retry.retry(op), o)));
    }

    /**
     * Uploads the body that {@code encoder} makes of the caller's {@code source}, which is subscribed at most once.
     */
    public <T> Mono<Void> fromPublisher(Operation op, String uri, Publisher<T> source,
                                        Function<Flux<T>, Flux<ByteBuf>> encoder, String contentType,
                                        LongConsumer progress) {
        return observed(op, o -> Mono.defer(() -> {
            AtomicBoolean subscribed = new AtomicBoolean();
            Flux<T> once = Flux.defer(() -> subscribed.compareAndSet(false, true) ? Flux.from(source)
                    : Flux.error(new IllegalStateException("the upload's source was subscribed already")));
            return transport.send(op, uri, StreamedBodies.withProgress(encoder.apply(once), progress), contentType)
                    .retryWhen(retries(retry.retry(op, () -> !subscribed.get()), o));
        }));
    }
}
