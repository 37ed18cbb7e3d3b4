package ai.altertable.reactive.benchmarks.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny Lakehouse REST stand-in on loopback that costs the client-side benchmarks as little as possible: it ignores
 * authentication and answers
 * <ul>
 *   <li>{@code POST /query} with statement {@code replay <name>}: a pre-generated body ({@link #addBody}) sent from
 *       off-heap slices ({@code replay <name> after <n>}: held until {@code n} such queries have arrived since the last
 *       reset, then all sent at once), or with statement {@code generate <rows>}: rows generated on the fly, chunk by chunk, only as
 *       fast as the connection is writable (so a slow client holds the server back);</li>
 *   <li>{@code DELETE /query/{id}}: {@code {"cancelled":true}};</li>
 *   <li>{@code POST /append}: drains the body and answers {@code {"ok":true,"error_code":null}}.</li>
 * </ul>
 * It runs on its own two event-loop threads ({@code replay-*}), so its threads are told apart from the client's.
 * Counters (connections, requests, bytes, rows generated) let the harnesses check what happened; {@code GET
 * /replay/stats} and {@code POST /replay/reset} give them to a harness in another process ({@link ReplayProcess}).
 */
public final class ReplayServer implements AutoCloseable {

    /** Rows per generated chunk (about 43 KB). */
    static final int GENERATED_ROWS_PER_CHUNK = 1000;
    private static final byte[] APPEND_OK = "{\"ok\":true,\"error_code\":null}".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ReplayBody> bodies = new ConcurrentHashMap<>();
    private final LoopResources loops = LoopResources.create("replay", 2, true);
    private final DisposableServer server;

    private final AtomicLong connectionsOpened = new AtomicLong();
    private final AtomicInteger connectionsOpen = new AtomicInteger();
    private final AtomicInteger maxConnectionsOpen = new AtomicInteger();
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong appends = new AtomicLong();
    private final AtomicLong appendBytes = new AtomicLong();
    private final AtomicLong rowsGenerated = new AtomicLong();
    private final AtomicLong gatedArrivals = new AtomicLong();
    private volatile Sinks.Empty<Void> gateOpen = Sinks.empty();

    private ReplayServer() {
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .runOn(loops)
                .doOnChannelInit((observer, channel, remote) -> { // once per TCP connection (not per request)
                    connectionsOpened.incrementAndGet();
                    maxConnectionsOpen.accumulateAndGet(connectionsOpen.incrementAndGet(), Math::max);
                    channel.closeFuture().addListener(f -> connectionsOpen.decrementAndGet());
                })
                .route(routes -> routes
                        .post("/query", this::query)
                        .delete("/query/{id}", (req, res) -> json(res, "{\"cancelled\":true,\"message\":null}"
                                .getBytes(StandardCharsets.US_ASCII)))
                        .post("/append", this::append)
                        .get("/replay/stats", (req, res) -> json(res, stats()))
                        .post("/replay/reset", (req, res) -> {
                            resetCounters();
                            return json(res, stats());
                        }))
                .bindNow(Duration.ofSeconds(10));
    }

    public static ReplayServer start() {
        return new ReplayServer();
    }

    /** Serves {@code bytes} for the statement {@code replay <name>}; the server keeps its own off-heap copy. */
    public ReplayServer addBody(String name, byte[] bytes) {
        ReplayBody old = bodies.put(name, new ReplayBody(bytes));
        if (old != null) {
            old.close();
        }
        return this;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public long connectionsOpened() {
        return connectionsOpened.get();
    }

    public int maxConnectionsOpen() {
        return maxConnectionsOpen.get();
    }

    public long queries() {
        return queries.get();
    }

    public long appends() {
        return appends.get();
    }

    public long appendBytes() {
        return appendBytes.get();
    }

    /** Rows the {@code generate} statement has produced so far (ahead of the client by what the buffers hold). */
    public long rowsGenerated() {
        return rowsGenerated.get();
    }

    /** Resets the request and connection counters (not the open connections). */
    public void resetCounters() {
        connectionsOpened.set(0);
        maxConnectionsOpen.set(connectionsOpen.get());
        queries.set(0);
        appends.set(0);
        appendBytes.set(0);
        rowsGenerated.set(0);
        gateOpen.tryEmitEmpty(); // nothing stays held by a gate of the last run
        gatedArrivals.set(0);
        gateOpen = Sinks.empty();
    }

    /** The counters as JSON, for a harness in another process ({@link ReplayProcess}). */
    private byte[] stats() {
        return String.format(java.util.Locale.ROOT, "{\"queries\":%d,\"appends\":%d,\"appendBytes\":%d,"
                        + "\"connectionsOpened\":%d,\"connectionsOpen\":%d,\"maxConnectionsOpen\":%d}",
                queries.get(), appends.get(), appendBytes.get(), connectionsOpened.get(), connectionsOpen.get(),
                maxConnectionsOpen.get()).getBytes(StandardCharsets.US_ASCII);
    }

    private Publisher<Void> query(HttpServerRequest req, HttpServerResponse res) {
        return req.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("").flatMap(text -> {
            queries.incrementAndGet();
            String statement = statementOf(text);
            Flux<ByteBuf> body;
            Mono<Void> gate = Mono.empty();
            if (statement.startsWith("replay ")) {
                String[] words = statement.substring("replay ".length()).trim().split("\\s+");
                ReplayBody fixed = bodies.get(words[0]);
                if (fixed == null) {
                    return badRequest(res, "no replay body named in: " + statement);
                }
                body = fixed.chunks();
                if (words.length == 3 && words[1].equals("after")) {
                    gate = gate(Long.parseLong(words[2]));
                }
            } else if (statement.startsWith("generate ")) {
                body = generated(Long.parseLong(statement.substring("generate ".length()).trim()));
            } else {
                return badRequest(res, "unknown statement: " + statement);
            }
            Flux<ByteBuf> response = body;
            return gate.then(Mono.defer(() -> res.header(HttpHeaderNames.CONTENT_TYPE, "application/x-ndjson")
                    .send(response).then()));
        });
    }

    /**
     * Holds a response until {@code n} gated queries have arrived since the last reset, then lets them all go at once
     * (later ones go at once): so that {@code n} streams are open at the same time, whatever the order of their
     * connections.
     */
    private Mono<Void> gate(long n) {
        Sinks.Empty<Void> g = gateOpen;
        if (gatedArrivals.incrementAndGet() >= n) {
            g.tryEmitEmpty();
        }
        return g.asMono();
    }

    /** Rows made chunk by chunk as the send asks for them (Reactor Netty asks only while the channel is writable). */
    private Flux<ByteBuf> generated(long rows) {
        byte[] head = NdjsonRows.head("generated");
        return Flux.generate(() -> 0L, (next, sink) -> {
            if (next >= rows) {
                sink.complete();
                return next;
            }
            long to = Math.min(rows, next + GENERATED_ROWS_PER_CHUNK);
            ByteBuf buf = ByteBufAllocator.DEFAULT.directBuffer((int) (to - next) * 48 + head.length);
            if (next == 0) {
                buf.writeBytes(head);
            }
            NdjsonRows.writeRows(buf, next, to);
            rowsGenerated.addAndGet(to - next);
            sink.next(buf);
            return to;
        });
    }

    private Publisher<Void> append(HttpServerRequest req, HttpServerResponse res) {
        return req.receive()
                .doOnNext(b -> appendBytes.addAndGet(b.readableBytes())) // released by Reactor Netty after onNext
                .then(Mono.defer(() -> {
                    appends.incrementAndGet();
                    return json(res, APPEND_OK);
                }));
    }

    private static Mono<Void> json(HttpServerResponse res, byte[] body) {
        return res.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                .sendByteArray(Mono.just(body)).then();
    }

    private static Mono<Void> badRequest(HttpServerResponse res, String message) {
        return res.status(HttpResponseStatus.BAD_REQUEST)
                .header(HttpHeaderNames.CONTENT_TYPE, "text/plain")
                .sendString(Mono.just(message)).then();
    }

    private static String statementOf(String requestBody) {
        try {
            JsonNode statement = JSON.readTree(requestBody).get("statement");
            return statement == null ? "" : statement.asText();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(10));
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
        bodies.values().forEach(ReplayBody::close);
        bodies.clear();
    }
}
