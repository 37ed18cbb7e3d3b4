package ai.altertable.reactive.mock.internal.lakehouse;

import ai.altertable.reactive.mock.FaultPlan;
import ai.altertable.reactive.mock.internal.MockRuntime;
import ai.altertable.reactive.mock.internal.TraceparentLog;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.ssl.SslContext;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.NettyPipeline;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.util.Logger;
import reactor.util.Loggers;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Lakehouse REST side of the mock on Reactor Netty's {@link HttpServer}. The order of checks follows the official
 * mock: unknown path (404) and wrong method (405) without credentials, then fault plans, then authentication (401),
 * then the route's own validation. Everything that touches DuckDB runs on the runtime's database scheduler.
 */
public final class LakehouseServer implements AutoCloseable {

    private static final Logger log = Loggers.getLogger(LakehouseServer.class);

    /**
     * Bytes allowed for the request line and for the headers. Netty's defaults (4 KiB, 8 KiB) would refuse URLs and
     * headers that the official mock's hyper server (a buffer of about 400 KiB) accepts, such as a long query string.
     */
    static final int MAX_REQUEST_HEAD = 64 * 1024;

    private final MockRuntime runtime;
    private final QueryTracker tracker = new QueryTracker();
    private final Map<String, UserState> users = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicLong> requests = new ConcurrentHashMap<>();
    private final QueryHandler query;
    private final QueryIdHandler queryId;
    private final IngestHandler ingest;
    private final SqlHelperHandler sql;
    private final DisposableServer server;

    /**
     * Binds and starts serving.
     *
     * @param tls the TLS context, or {@code null} for plain HTTP
     */
    public LakehouseServer(MockRuntime runtime, String host, int port, SslContext tls) {
        this.runtime = runtime;
        JsonWarmUp.run();
        this.query = new QueryHandler(runtime.dbScheduler(), runtime.interruptScheduler(), runtime.columnShape(),
                tracker);
        this.queryId = new QueryIdHandler(tracker);
        this.ingest = new IngestHandler(runtime.dbScheduler());
        this.sql = new SqlHelperHandler(runtime.dbScheduler());
        HttpServer http = HttpServer.create();
        if (tls != null) {
            http = http.secure(spec -> spec.sslContext(tls));
        }
        this.server = http
                .host(host)
                .port(port)
                .httpRequestDecoder(spec -> spec.maxInitialLineLength(MAX_REQUEST_HEAD).maxHeaderSize(MAX_REQUEST_HEAD))
                .doOnChannelInit((observer, channel, address) ->
                        channel.pipeline().addBefore(NettyPipeline.ReactiveBridge, ReadRearm.NAME, ReadRearm.INSTANCE))
                .handle(this::handle)
                .bindNow(Duration.ofSeconds(30));
    }

    public int port() {
        return server.port();
    }

    public String host() {
        return server.host();
    }

    public QueryTracker tracker() {
        return tracker;
    }

    /** Requests received for a route template ({@code /query}, {@code /append}, {@code /query/{id}}, ...). */
    public long requestCount(String routeTemplate) {
        java.util.concurrent.atomic.AtomicLong n = requests.get(routeTemplate);
        return n == null ? 0 : n.get();
    }

    private Publisher<Void> handle(HttpServerRequest req, HttpServerResponse res) {
        String path = rawPath(req.uri());
        Route route = Route.match(path);
        if (route == null) {
            return UnreadBodies.thenReply(req, res, () -> Replies.empty(res, 404));
        }
        requests.computeIfAbsent(route.template(), k -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
        runtime.traceparents().record("rest", route.template(), req.requestHeaders().get(TraceparentLog.KEY));
        if (!route.allows(req.method())) {
            res.header(HttpHeaderNames.ALLOW, route.allowHeader());
            return UnreadBodies.thenReply(req, res, () -> Replies.empty(res, 405));
        }
        FaultPlan fault;
        try {
            String header = req.requestHeaders().get(FaultPlan.HEADER);
            fault = runtime.faults().next(route.template(), header == null ? null : FaultPlan.parse(header));
        } catch (IllegalArgumentException e) {
            return UnreadBodies.thenReply(req, res, () -> Replies.text(res, 400, Replies.TEXT_PLAIN_UTF8,
                    "Invalid " + FaultPlan.HEADER + " header: " + e.getMessage()));
        }
        if (fault != null && fault.status() != 0) {
            return UnreadBodies.thenReply(req, res, () -> FaultReplies.status(res, fault));
        }
        String username = BasicAuth.authenticate(req.requestHeaders().get(HttpHeaderNames.AUTHORIZATION),
                runtime.users());
        if (username == null) {
            return UnreadBodies.thenReply(req, res, () -> Replies.empty(res, 401));
        }
        return userState(username).flatMap(state -> {
            Exchange ex = new Exchange(req, res, path, username, state, fault);
            return dispatch(route, ex)
                    .onErrorResume(Rejection.class, r -> ex.isBodyConsumed()
                            ? Mono.from(Replies.rejection(res, r))
                            : Mono.from(UnreadBodies.thenReply(req, res, () -> Replies.rejection(res, r))))
                    .onErrorResume(e -> !(e instanceof Rejection), e -> internalError(res, route, e));
        });
    }

    private Mono<Void> dispatch(Route route, Exchange ex) {
        switch (route) {
            case QUERY: return query.handle(ex);
            case QUERY_ID: return queryId.handle(ex);
            case VALIDATE: return sql.validate(ex);
            case EXPLAIN: return sql.explain(ex);
            case AUTOCOMPLETE: return sql.autocomplete(ex);
            case UPLOAD: return ingest.upload(ex);
            case UPSERT: return ingest.upsert(ex);
            case APPEND: return ingest.append(ex);
            case TASK: return ingest.task(ex);
            default: return Mono.from(Replies.empty(ex.response(), 404));
        }
    }

    /** The user's state; creating a database blocks (DuckDB opens it), so first use hops to the database scheduler. */
    private Mono<UserState> userState(String username) {
        UserState s = users.get(username);
        if (s != null) {
            return Mono.just(s);
        }
        String password = runtime.users().get(username);
        return Mono.fromCallable(() -> users.computeIfAbsent(username,
                        u -> new UserState(runtime.databases().of(u, password))))
                .subscribeOn(runtime.dbScheduler());
    }

    private Mono<Void> internalError(HttpServerResponse res, Route route, Throwable e) {
        if (e instanceof BodyFaults.InjectedFault) {
            log.debug("{}: {}", route.template(), e.getMessage());
            return Mono.error(e); // mid-body: Reactor Netty closes the connection
        }
        if (e instanceof AbortedException) {
            log.debug("{}: the client went away: {}", route.template(), e.toString());
            return Mono.empty(); // nobody left to answer
        }
        log.warn(route.template() + " failed", e);
        if (res.hasSentHeaders()) {
            return Mono.error(e); // mid-body: Reactor Netty closes the connection
        }
        return Mono.from(Replies.text(res, 500, Replies.TEXT_PLAIN, String.valueOf(e.getMessage())));
    }

    static String rawPath(String uri) {
        int q = uri.indexOf('?');
        String path = q >= 0 ? uri.substring(0, q) : uri;
        int hash = path.indexOf('#');
        return hash >= 0 ? path.substring(0, hash) : path;
    }

    /** Stops serving, then gives up the users' append tasks that have not committed (see {@link UserState#close()}). */
    @Override
    public void close() {
        try {
            server.disposeNow(Duration.ofSeconds(10));
        } finally {
            users.values().forEach(UserState::close);
        }
    }
}
