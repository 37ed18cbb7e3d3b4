package ai.altertable.reactive.rest.internal;

import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.OperationTimeoutException;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.internal.Observed;
import ai.altertable.reactive.core.internal.RandomIds;
import ai.altertable.reactive.core.model.CancelQueryResponse;
import ai.altertable.reactive.core.model.QueryMetadata;
import ai.altertable.reactive.core.model.QueryRequest;
import ai.altertable.reactive.core.observe.ClientObservability;
import ai.altertable.reactive.core.observe.OperationObservation;
import ai.altertable.reactive.core.observe.OperationStart;
import ai.altertable.reactive.core.row.Row;
import ai.altertable.reactive.core.row.RowMetadata;
import ai.altertable.reactive.rest.QueryStream;
import ai.altertable.reactive.rest.internal.ndjson.QueryHead;
import ai.altertable.reactive.rest.internal.ndjson.QueryStreamDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpMethod;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.Logger;
import reactor.util.Loggers;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The exchange of a streamed {@code POST /query}: ids made by the client, the NDJSON decoding, retries that stop once
 * data was delivered, and the cancel hook (the transport closes the half-read connection; this class sends
 * {@code DELETE /query/{id}?session_id=...}, best effort).
 */
public final class QueryStreams {

    private static final Logger log = Loggers.getLogger(QueryStreams.class);
    private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(10);

    private final Transport transport;
    private final RetryPolicy retry;
    private final ClientObservability observability;

    public QueryStreams(Transport transport, RetryPolicy retry, ClientObservability observability) {
        this.transport = transport;
        this.retry = retry;
        this.observability = observability;
    }

    /** Runs the query and hands the streamed result to {@code handler}. */
    public <T> Flux<T> query(QueryRequest request, Function<? super QueryStream, ? extends Publisher<T>> handler) {
        return Flux.defer(() -> {
            AtomicReference<QueryHead> head = new AtomicReference<>();
            Flux<Row> rows = decoded(request, head::set);
            // the decoder hands over the head before the first row (or before completing an empty result), so the
            // first signal of the rows is the moment the handler can be given the whole result
            return rows.switchOnFirst((first, flux) -> {
                QueryHead h = head.get();
                if (h == null) {
                    return first.isOnError() ? Flux.error(first.getThrowable()) : Flux.empty();
                }
                return handler.apply(new DecodedQueryStream(h.metadata(), h.columns(), flux));
            });
        });
    }

    /**
     * Runs the query and streams its rows: {@link #query} with a handler that returns the rows, without the operator
     * that waits for the head to call a handler (one signal fewer per row).
     */
    public Flux<Row> rows(QueryRequest request) {
        return Flux.defer(() -> decoded(request, head -> { }));
    }

    /** The decoded rows of one run of the query; {@code onHead} gets the head before the first row. */
    private Flux<Row> decoded(QueryRequest request, Consumer<QueryHead> onHead) {
        if (!observability.isEnabled()) {
            return decoded(request, onHead, OperationObservation.NONE);
        }
        // one operator per row: it counts the rows (reported every 4096) and ends the observation
        return Observed.rows(observability, "query", OperationStart.REST, request.statement(),
                o -> decoded(request, onHead, o));
    }

    private Flux<Row> decoded(QueryRequest request, Consumer<QueryHead> onHead, OperationObservation o) {
        Operation op = Operation.forQuery(request.statement());
        TransportSettings s = transport.settings();
        ErrorContext ctx = transport.context(op, HttpMethod.POST, "/query").build();
        // retries and the cancel hook work on network chunks, not on rows: nothing is added per row
        // Reactor Netty's buffers, not copies: the decoder retains a chunk only until it copies it for the parser
        Flux<ByteBuf> chunks = guarded(op, request, o, body -> transport.streamBuffers(op, HttpMethod.POST, "/query",
                body, s.responseTimeout(), s.idleTimeout()));
        if (o != OperationObservation.NONE) {
            chunks = chunks.doOnNext(chunk -> o.received(0, chunk.readableBytes()));
        }
        return QueryStreamDecoder.decode(chunks, s.maxLineBytes(), ctx, onHead);
    }

    /** The query in an export format, as copied byte buffers. */
    public Flux<ByteBuffer> export(QueryRequest request) {
        Operation op = Operation.forQuery(request.statement());
        TransportSettings s = transport.settings();
        return Flux.defer(() -> guarded(op, request, OperationObservation.NONE, body -> transport.stream(op, HttpMethod.POST, "/query", body,
                s.responseTimeout(), s.idleTimeout())).map(ByteBuffer::wrap));
    }

    /** {@code DELETE /query/{id}?session_id=...}. */
    public Mono<CancelQueryResponse> cancel(String queryId, String sessionId) {
        String uri = Transport.uri("/query/" + java.net.URLEncoder.encode(queryId,
                java.nio.charset.StandardCharsets.UTF_8), Map.of("session_id", sessionId));
        return transport.json(Operation.CANCEL_QUERY, HttpMethod.DELETE, uri, null, CancelQueryResponse.class, false);
    }

    /**
     * The response body of one query with fresh ids per attempt (unless the caller fixed them), retried only until
     * its first chunk arrived (after that, rows may have been delivered and a repeat would deliver them twice), and
     * cancelled on the server when the subscriber cancels or the idle timeout ends it.
     */
    private <C> Flux<C> guarded(Operation op, QueryRequest request, OperationObservation o,
                                Function<byte[], Flux<C>> open) {
        AtomicBoolean started = new AtomicBoolean();
        AtomicReference<QueryRequest> sent = new AtomicReference<>();
        return Flux.defer(() -> {
                    QueryRequest attempt = withIds(request);
                    sent.set(attempt);
                    if (log.isDebugEnabled()) {
                        // the query id, to find the query in the server's query log; its response line follows
                        log.debug("{} query-id={} sending", op.specName(), attempt.queryId());
                    }
                    o.attribute("query.id", attempt.queryId());
                    return open.apply(transport.encode(attempt, transport.context(op, HttpMethod.POST, "/query")
                            .build()));
                })
                .retryWhen(observed(retry.retry(op, () -> !started.get()), o))
                .doOnNext(chunk -> {
                    if (!started.get()) {
                        started.set(true);
                    }
                })
                .doOnCancel(() -> cancelOnServer(sent.get(), o))
                .doOnError(OperationTimeoutException.class, e -> cancelOnServer(sent.get(), o));
    }

    private static reactor.util.retry.Retry observed(reactor.util.retry.Retry retry, OperationObservation o) {
        return o == OperationObservation.NONE ? retry : Observed.retries(retry, o);
    }

    private static QueryRequest withIds(QueryRequest request) {
        if (request.queryId() != null && request.sessionId() != null) {
            return request;
        }
        QueryRequest.Builder b = request.mutate();
        if (request.queryId() == null) {
            b.queryId(RandomIds.uuid().toString());
        }
        if (request.sessionId() == null) {
            b.sessionId(RandomIds.uuid().toString());
        }
        return b.build();
    }

    /** Fire and forget: the subscriber is gone; failures are logged at debug level only. */
    private void cancelOnServer(QueryRequest request, OperationObservation o) {
        if (request == null) {
            return;
        }
        o.cancelSent();
        cancel(request.queryId(), request.sessionId())
                .retryWhen(retry.retry(Operation.CANCEL_QUERY))
                .timeout(CANCEL_TIMEOUT)
                .subscribe(r -> log.debug("query {} cancelled: {}", request.queryId(), r.cancelled()),
                        e -> log.debug("cancelling query {} failed (benign): {}", request.queryId(), e.toString()));
    }

    /** The result handed to the query handler. */
    private record DecodedQueryStream(QueryMetadata metadata, RowMetadata columns, Flux<Row> rows)
            implements QueryStream {
    }
}
