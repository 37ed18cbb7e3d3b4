package ai.altertable.reactive.rest.internal;

import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.OperationTimeoutException;
import ai.altertable.reactive.core.SerializationException;
import ai.altertable.reactive.core.internal.IdleTimeout;
import ai.altertable.reactive.core.model.AltertableJson;
import ai.altertable.reactive.core.model.AppendResponse;
import ai.altertable.reactive.core.model.AutocompleteResponse;
import ai.altertable.reactive.core.model.CancelQueryResponse;
import ai.altertable.reactive.core.model.ExplainResponse;
import ai.altertable.reactive.core.model.QueryLogEntry;
import ai.altertable.reactive.core.model.QueryMetadata;
import ai.altertable.reactive.core.model.TaskStatus;
import ai.altertable.reactive.core.model.ValidateResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringEncoder;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.Logger;
import reactor.util.Loggers;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The one place that talks HTTP: the configured Reactor Netty {@link HttpClient} (pool, connect timeout, auth header,
 * user agent), request encoding, status handling and the mapping of failures onto the core exceptions. Operations on
 * top of it decide about retries; this class performs one exchange per subscription.
 *
 * <p>Nothing is sent before subscription, and each subscription sends again.
 */
public final class Transport {

    /** Largest JSON response read into memory. */
    static final int MAX_JSON_BYTES = 32 * 1024 * 1024;

    /**
     * The response models, whose Jackson deserializers are created here, once, when the class loads (on the thread
     * that builds the first client). Jackson creates a deserializer under a lock the first time a type is read;
     * doing it up front keeps that lock off the event loops, where concurrent first reads would park a thread.
     */
    private static final List<Class<?>> RESPONSE_TYPES = List.of(QueryLogEntry.class, CancelQueryResponse.class,
            ValidateResponse.class, ExplainResponse.class, AutocompleteResponse.class, AppendResponse.class,
            TaskStatus.class, QueryMetadata.class);

    static {
        RESPONSE_TYPES.forEach(t -> AltertableJson.mapper().readerFor(t));
    }

    /** Where request bodies written by a {@link RequestBody} are allocated: Netty's pooled allocator. */
    private static final ByteBufAllocator ALLOCATOR = ByteBufAllocator.DEFAULT;

    /**
     * A JSON request body written straight into a buffer when the request is sent, once per attempt; the buffer then
     * belongs to Reactor Netty, which releases it once written (or when the exchange fails).
     */
    @FunctionalInterface
    public interface RequestBody {
        ByteBuf write(ByteBufAllocator alloc);
    }

    private static final Logger log = Loggers.getLogger(Transport.class);

    private final HttpClient http;
    /**
     * {@link #http} with the JSON content type, configured once: {@code HttpClient.headers} copies the client's
     * configuration and headers, and a streamed exchange holds that copy for as long as it lasts.
     */
    private final HttpClient jsonHttp;
    private final TransportSettings settings;
    private final ObjectMapper json = AltertableJson.mapper();

    public Transport(HttpClient http, TransportSettings settings) {
        this.http = http;
        this.jsonHttp = http.headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/json"));
        this.settings = settings;
    }

    public TransportSettings settings() {
        return settings;
    }

    /** Path plus an encoded query string; parameters with null values are left out. */
    public static String uri(String path, Map<String, String> params) {
        QueryStringEncoder enc = new QueryStringEncoder(path);
        params.forEach((k, v) -> {
            if (v != null) {
                enc.addParam(k, v);
            }
        });
        return enc.toString();
    }

    ErrorContext.Builder context(Operation op, HttpMethod method, String uri) {
        return ErrorContext.builder().operation(op.specName()).method(method.name()).path(uri);
    }

    /** Encodes a request model as JSON bytes. */
    public byte[] encode(Object body, ErrorContext context) {
        if (body instanceof byte[]) {
            return (byte[]) body; // already encoded (batched appends)
        }
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot encode " + body.getClass().getSimpleName(), context, e);
        }
    }

    /**
     * One JSON exchange: the body (if any) as JSON (a model, bytes already encoded, or a {@link RequestBody}), the
     * response decoded as {@code type}. Error statuses become the
     * typed exceptions; {@code notFoundIsMissingRoute} makes a 404 a {@code NotSupportedException}.
     */
    public <T> Mono<T> json(Operation op, HttpMethod method, String uri, Object body, Class<T> type,
                            boolean notFoundIsMissingRoute) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            ErrorContext ctx = context(op, method, uri).build();
            Mono<ByteBuf> payload = body == null ? Mono.empty()
                    : body instanceof RequestBody ? Mono.fromCallable(() -> ((RequestBody) body).write(ALLOCATOR))
                    : Mono.just(Unpooled.wrappedBuffer(encode(body, ctx)));
            return http.headers(h -> {
                        if (body != null) {
                            h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                        }
                    })
                    .request(method).uri(uri).send(payload)
                    .responseConnection((res, conn) -> handle(op, method, uri, res, conn, notFoundIsMissingRoute, start)
                            .flatMap(bytes -> Mono.fromCallable(() -> decode(bytes, type, ctx))))
                    .next()
                    .timeout(settings.responseTimeout(), Mono.error(() -> new OperationTimeoutException(
                            OperationTimeoutException.Phase.RESPONSE, settings.responseTimeout(), ctx, null)))
                    .onErrorMap(t -> FailureMapping.map(t, ctx, settings.connectTimeout(), settings.peer()));
        });
    }

    /** One exchange with a streamed request body and an empty success response ({@code /upload}, {@code /upsert}). */
    public Mono<Void> send(Operation op, String uri, Publisher<ByteBuf> body, String contentType) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            ErrorContext ctx = context(op, HttpMethod.POST, uri).build();
            return http.headers(h -> {
                        if (contentType != null) {
                            h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
                        }
                    })
                    .post().uri(uri).send(body)
                    .responseConnection((res, conn) -> handle(op, HttpMethod.POST, uri, res, conn, false, start))
                    .then()
                    .onErrorMap(t -> FailureMapping.map(t, ctx, settings.connectTimeout(), settings.peer()));
        });
    }

    /**
     * A streamed response: the body as copied byte arrays, read only as fast as they are requested (Reactor Netty stops
     * reading the socket when there is no demand). Cancelling closes the connection rather than returning a half-read
     * one to the pool. {@code firstTimeout} bounds the wait for the response and its first chunk, {@code idleTimeout}
     * the wait for each further chunk while the subscriber is waiting for one.
     */
    public Flux<byte[]> stream(Operation op, HttpMethod method, String uri, byte[] body, Duration firstTimeout,
                               Duration idleTimeout) {
        return streamBuffers(op, method, uri, body, firstTimeout, idleTimeout).map(Transport::copy);
    }

    /**
     * {@link #stream} without the copies: the body as Reactor Netty's own buffers, each valid only while its
     * {@code onNext} runs (Reactor Netty releases it when {@code onNext} returns). A subscriber that needs one longer
     * retains it, and then releases it exactly once.
     */
    public Flux<ByteBuf> streamBuffers(Operation op, HttpMethod method, String uri, byte[] body, Duration firstTimeout,
                                       Duration idleTimeout) {
        return Flux.defer(() -> {
            ErrorContext ctx = context(op, method, uri).build();
            return unmappedStream(ctx, op, method, uri, body, firstTimeout, idleTimeout)
                    .onErrorMap(t -> mapFailure(t, ctx));
        });
    }

    /** A failure of an exchange described by {@code ctx} as one of the core exceptions. */
    Throwable mapFailure(Throwable t, ErrorContext ctx) {
        return FailureMapping.map(t, ctx, settings.connectTimeout(), settings.peer());
    }

    /**
     * One exchange of {@link #streamBuffers}, assembled now (call it once per attempt), described by {@code ctx}, whose
     * failures the caller maps with {@link #mapFailure}.
     */
    Flux<ByteBuf> unmappedStream(ErrorContext ctx, Operation op, HttpMethod method, String uri, byte[] body,
                                 Duration firstTimeout, Duration idleTimeout) {
        long start = System.nanoTime();
        Flux<ByteBuf> chunks = jsonHttp
                .request(method).uri(uri).send(Mono.just(Unpooled.wrappedBuffer(body)))
                .responseConnection((res, conn) -> handleStream(op, method, uri, res, conn, start));
        return IdleTimeout.apply(chunks, firstTimeout, idleTimeout, Schedulers.parallel(),
                        first -> new OperationTimeoutException(first ? OperationTimeoutException.Phase.RESPONSE
                                : OperationTimeoutException.Phase.IDLE, first ? firstTimeout : idleTimeout, ctx, null));
    }

    private Mono<byte[]> handle(Operation op, HttpMethod method, String uri, HttpClientResponse res, Connection conn,
                                boolean notFoundIsMissingRoute, long start) {
        logResponse(op, method, uri, res, start);
        ErrorContext.Builder ctx = context(op, method, uri);
        if (res.status().code() >= 400) {
            return ErrorBodies.of(res, conn, ctx, notFoundIsMissingRoute).flatMap(Mono::error);
        }
        return BoundedBodies.read(conn, MAX_JSON_BYTES, ctx.status(res.status().code())
                .requestId(ErrorBodies.requestId(res)).build());
    }

    private Flux<ByteBuf> handleStream(Operation op, HttpMethod method, String uri, HttpClientResponse res,
                                       Connection conn, long start) {
        logResponse(op, method, uri, res, start);
        if (res.status().code() >= 400) {
            return ErrorBodies.of(res, conn, context(op, method, uri), false).flatMapMany(Flux::<ByteBuf>error);
        }
        return conn.inbound().receive()
                .doOnCancel(conn::dispose); // a half-read connection must never go back to the pool
    }

    /**
     * One DEBUG line per exchange, when its response arrives (a streamed body is still to be read): the operation,
     * method, path without its query string, status, the server's request id and the time since the request began.
     * Nothing else of the request: no headers (they carry the credentials), no body (it carries SQL and rows).
     */
    private static void logResponse(Operation op, HttpMethod method, String uri, HttpClientResponse res, long start) {
        if (log.isDebugEnabled()) {
            int q = uri.indexOf('?');
            log.debug("{} {} {} -> {} request-id={} in {} ms", op.specName(), method.name(),
                    q < 0 ? uri : uri.substring(0, q), res.status().code(), ErrorBodies.requestId(res),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static byte[] copy(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), bytes);
        return bytes;
    }

    private <T> T decode(byte[] bytes, Class<T> type, ErrorContext ctx) {
        if (type == Void.class) {
            return null;
        }
        try {
            return json.readValue(bytes, type);
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException ? ((JsonProcessingException) e).getOriginalMessage()
                    : e.getMessage();
            throw new ai.altertable.reactive.core.ResponseParseException("cannot decode the "
                    + type.getSimpleName() + " response: " + why, -1, ctx, e);
        }
    }
}
