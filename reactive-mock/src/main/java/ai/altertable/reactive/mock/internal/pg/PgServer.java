package ai.altertable.reactive.mock.internal.pg;

import ai.altertable.reactive.mock.internal.MockRuntime;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The Postgres wire endpoint of a mock: a Netty server whose connections authenticate against the mock's users and
 * run their statements on the users' DuckDB databases, on the mock's database threads (never on the event loop).
 */
public final class PgServer implements AutoCloseable {

    /** How clients prove their password. */
    public enum Authentication {
        /** AuthenticationCleartextPassword. */
        CLEARTEXT,
        /** AuthenticationSASL with SCRAM-SHA-256, what PostgreSQL asks by default. */
        SCRAM_SHA_256
    }

    /** Bytes queued for a client beyond which the server stops fetching rows until they drain. */
    static final int HIGH_WATER = 64 * 1024;

    private final MockRuntime runtime;
    private final Authentication authentication;
    private final EventLoopGroup group;
    private final Channel server;
    private final ChannelGroup connections = new DefaultChannelGroup("altertable-mock-pg", GlobalEventExecutor.INSTANCE);
    private final AtomicInteger processIds = new AtomicInteger(1000);
    private final LongAdder rowsFetched = new LongAdder();
    private final AtomicInteger pauses = new AtomicInteger();
    private final AtomicInteger openResults = new AtomicInteger();
    private final AtomicInteger openStatements = new AtomicInteger();
    /** The sessions that may be cancelled, by their BackendKeyData (process id in the high half, secret in the low). */
    private final Map<Long, PgSession> byKey = new ConcurrentHashMap<>();

    public PgServer(MockRuntime runtime, String host, int port, Authentication authentication) {
        this.runtime = runtime;
        this.authentication = authentication;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("altertable-mock-pg", true),
                NioIoHandler.newFactory());
        try {
            this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(HIGH_WATER / 2, HIGH_WATER))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.add(ch);
                            ch.pipeline().addLast(PgSession.FRAMES, PgFraming.startup())
                                    .addLast("pg-session", new PgSession(PgServer.this));
                        }
                    })
                    .bind(host, port).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot listen for Postgres clients on " + host + ":" + port + ": " + e, e);
        }
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    MockRuntime runtime() {
        return runtime;
    }

    Authentication authentication() {
        return authentication;
    }

    int nextProcessId() {
        return processIds.incrementAndGet();
    }

    /** The session is ready: a CancelRequest with this key reaches it until {@link #unregister} is called. */
    void register(int processId, int secret, PgSession session) {
        byKey.put(key(processId, secret), session);
    }

    void unregister(int processId, int secret, PgSession session) {
        byKey.remove(key(processId, secret), session);
    }

    /**
     * A CancelRequest: the session with exactly this key is asked to stop its running statement; any other key does
     * nothing (the requester learns nothing either way, as with PostgreSQL).
     */
    void cancel(int processId, int secret) {
        PgSession target = byKey.get(key(processId, secret));
        if (target != null) {
            target.cancelRequested();
        }
    }

    private static long key(int processId, int secret) {
        return ((long) processId << 32) | (secret & 0xffffffffL);
    }

    void statementOpened() {
        openStatements.incrementAndGet();
    }

    void statementClosed() {
        openStatements.decrementAndGet();
    }

    /** DuckDB statements that sessions hold open right now (running or being fetched): for cancel tests. */
    public int openStatements() {
        return openStatements.get();
    }

    void fetched(int rows) {
        rowsFetched.add(rows);
    }

    void paused() {
        pauses.incrementAndGet();
    }

    void resultOpened() {
        openResults.incrementAndGet();
    }

    void resultClosed() {
        openResults.decrementAndGet();
    }

    /** Results open right now (a query's rows being sent, a portal's kept for its next Execute): for cancel tests. */
    public int openResults() {
        return openResults.get();
    }

    /** Rows read from DuckDB for Postgres clients so far: for backpressure tests. */
    public long rowsFetched() {
        return rowsFetched.sum();
    }

    /** How many times a result stopped being fetched because its client was not reading: for backpressure tests. */
    public int pauses() {
        return pauses.get();
    }

    /** Connections open right now. */
    public int connections() {
        return connections.size();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
