package ai.altertable.reactive.rest.internal;

import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.OperationTimeoutException;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.internal.Observed;
import ai.altertable.reactive.core.internal.RandomIds;
import ai.altertable.reactive.core.internal.RetryBeforeFirst;
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
import java.util.UUID;
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
    /** The error contexts of the two query operations, made once: every query of one operation has the same. */
    private final ErrorContext queryContext;
    private final ErrorContext readOnlyQueryContext;
    private final ClientObservability observability;

    public QueryStreams(Transport transport, RetryPolicy retry, ClientObservability observability) {
        this.transport = transport;
        this.retry = retry;
        this.queryContext = transport.context(Operation.QUERY, HttpMethod.POST, "/query").build();
        this.readOnlyQueryContext = transport.context(Operation.READ_ONLY_QUERY, HttpMethod.POST, "/query").build();
        this.observability = observability;
    }

    private ErrorContext context(Operation op) {
        return op == Operation.QUERY ? queryContext : op == Operation.READ_ONLY_QUERY ? readOnlyQueryContext
                : transport.context(op, HttpMethod.POST, "/query").build();
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
        ErrorContext ctx = context(op);
        // retries and the cancel hook work on network chunks, not on rows: nothing is added per row
        // Reactor Netty's buffers, not copies: the decoder retains a chunk only until it copies it for the parser
        Flux<ByteBuf> chunks = RetryBeforeFirst.of(retry, new Exchange<ByteBuf>(op, request, ctx, o) {
            @Override
            Publisher<ByteBuf> open(byte[] body) {
                return transport.unmappedStream(ctx, op, HttpMethod.POST, "/query", body, s.responseTimeout(),
                        s.idleTimeout());
            }

            @Override
            public Throwable mapFailure(Throwable failure) {
                return transport.mapFailure(failure, ctx);
            }
        });
        if (o != OperationObservation.NONE) {
            chunks = chunks.doOnNext(chunk -> o.received(0, chunk.readableBytes()));
        }
        return QueryStreamDecoder.decode(chunks, s.maxLineBytes(), ctx, onHead);
    }

    /** The query in an export format, as copied byte buffers. */
    public Flux<ByteBuffer> export(QueryRequest request) {
        Operation op = Operation.forQuery(request.statement());
        TransportSettings s = transport.settings();
        return Flux.defer(() -> RetryBeforeFirst.of(retry, new Exchange<byte[]>(op, request, context(op),
                        OperationObservation.NONE) {
                    @Override
                    Publisher<byte[]> open(byte[] body) {
                        return transport.stream(op, HttpMethod.POST, "/query", body, s.responseTimeout(),
                                s.idleTimeout());
                    }
                })
                .map(ByteBuffer::wrap));
    }

    /** {@code DELETE /query/{id}?session_id=...}. */
    public Mono<CancelQueryResponse> cancel(String queryId, String sessionId) {
        String uri = Transport.uri("/query/" + java.net.URLEncoder.encode(queryId,
                java.nio.charset.StandardCharsets.UTF_8), Map.of("session_id", sessionId));
        return transport.json(Operation.CANCEL_QUERY, HttpMethod.DELETE, uri, null, CancelQueryResponse.class, false);
    }

    /**
     * One subscription's attempts at a query, as {@link RetryBeforeFirst} runs them: fresh ids per attempt (unless the
     * caller fixed them), retried only until the first chunk arrived (after that, rows may have been delivered and a
     * repeat would deliver them twice), and cancelled on the server when the subscriber cancels or a timeout ends it.
     * One object for what a {@code Flux.defer}, a {@code retryWhen} and three peeks did, since a stream holds it for as
     * long as it waits for its response.
     */
    private abstract class Exchange<C> implements RetryBeforeFirst.Attempts<C> {
        private final Operation op;
        private final QueryRequest request;
        private final ErrorContext ctx;
        private final OperationObservation o;
        /**
         * The last attempt's query and session ids, for the cancel (null before the first attempt): the caller's
         * strings, or the {@link UUID}s made for it (a third of the size of their text, kept for as long as the stream).
         */
        private volatile Object[] ids;

        Exchange(Operation op, QueryRequest request, ErrorContext ctx, OperationObservation o) {
            this.op = op;
            this.request = request;
            this.ctx = ctx;
            this.o = o;
        }

        /** The response body of one attempt that sends {@code body}. */
        abstract Publisher<C> open(byte[] body);

        @Override
        public Publisher<C> attempt() {
            Object[] attemptIds = {request.queryId() != null ? request.queryId() : RandomIds.uuid(),
                    request.sessionId() != null ? request.sessionId() : RandomIds.uuid()};
            QueryRequest attempt = withIds(request, attemptIds);
            ids = attemptIds;
            if (log.isDebugEnabled()) {
                // the query id, to find the query in the server's query log; its response line follows
                log.debug("{} query-id={} sending", op.specName(), attempt.queryId());
            }
            o.attribute("query.id", attempt.queryId());
            return open(transport.encode(attempt, ctx));
        }

        @Override
        public boolean retryable(Throwable failure) {
            return retry.isRetryable(failure, op);
        }

        @Override
        public void retrying(Throwable failure) {
            o.retried(failure);
        }

        @Override
        public void cancelled() {
            cancelOnServer(ids, o);
        }

        @Override
        public void failed(Throwable failure) {
            if (failure instanceof OperationTimeoutException) {
                cancelOnServer(ids, o);
            }
        }
    }

    /** {@code request} with the query and session ids {@code ids} (the caller's, or made for this attempt). */
    private static QueryRequest withIds(QueryRequest request, Object[] ids) {
        if (request.queryId() != null && request.sessionId() != null) {
            return request;
        }
        return request.mutate().queryId(ids[0].toString()).sessionId(ids[1].toString()).build();
    }

    /** Fire and forget: the subscriber is gone; failures are logged at debug level only. */
    private void cancelOnServer(Object[] ids, OperationObservation o) {
        if (ids == null) {
            return;
        }
        String queryId = ids[0].toString();
        String sessionId = ids[1].toString();
        o.cancelSent();
        cancel(queryId, sessionId)
                .retryWhen(retry.retry(Operation.CANCEL_QUERY))
                .timeout(CANCEL_TIMEOUT)
                .subscribe(r -> log.debug("query {} cancelled: {}", queryId, r.cancelled()),
                        e -> log.debug("cancelling query {} failed (benign): {}", queryId, e.toString()));
    }

    /** The result handed to the query handler. */
    private record DecodedQueryStream(QueryMetadata metadata, RowMetadata columns, Flux<Row> rows)
            implements QueryStream {
    }
}
