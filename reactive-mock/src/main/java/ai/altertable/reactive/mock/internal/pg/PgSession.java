package ai.altertable.reactive.mock.internal.pg;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import reactor.core.scheduler.Scheduler;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * One client connection. On the event loop it decodes frames into work, one message at a time: while a message is
 * being handled on the session's database worker (a serial worker of the mock's database scheduler), reading from
 * the socket stops, so a client cannot queue unbounded work. Startup packets are answered here; authentication and
 * statements run in {@link SessionWork} on the worker.
 */
final class PgSession extends ChannelInboundHandlerAdapter {

    static final String FRAMES = "pg-frames";
    static final int SSL_REQUEST = 80877103;
    static final int GSSENC_REQUEST = 80877104;
    static final int CANCEL_REQUEST = 80877102;
    static final int PROTOCOL_3 = 3;

    /** Where the connection is: what the next message may be. */
    enum Phase { STARTUP, AUTHENTICATING, READY, CLOSED }

    private final PgServer server;
    private final Queue<Consumer<Runnable>> waiting = new ArrayDeque<>();
    private boolean busy;
    private Channel channel;
    private Scheduler.Worker worker;
    private SessionWork work;
    volatile Phase phase = Phase.STARTUP;
    /** The rows that wait for the socket to drain, if any. */
    volatile RowPump suspended;
    /** The results open on this connection (worker only): the session's end closes those its steps did not. */
    final java.util.Set<RowPump> openResults = new java.util.HashSet<>();

    PgSession(PgServer server) {
        this.server = server;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        worker = server.runtime().dbScheduler().createWorker();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            if (phase == Phase.STARTUP) {
                startup(ctx, frame);
            } else if (phase != Phase.CLOSED) {
                message(frame);
            }
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    private void startup(ChannelHandlerContext ctx, ByteBuf frame) {
        int length = frame.readInt();
        if (length < 8) {
            fatal(PgError.fatal("08P01", "invalid length of startup packet"));
            return;
        }
        int code = frame.readInt();
        if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
            // no TLS or GSSAPI encryption here: the client may go on in plaintext (the real endpoint is TLS on 443)
            ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte('N')).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            return;
        }
        if (code == CANCEL_REQUEST) {
            if (length == 16) {
                server.cancel(frame.readInt(), frame.readInt());
            }
            ctx.close(); // no answer, right key or not: the client learns nothing, as with PostgreSQL
            return;
        }
        if ((code >>> 16) != PROTOCOL_3) {
            fatal(PgError.fatal("0A000", "unsupported frontend protocol " + (code >>> 16) + "." + (code & 0xffff)
                    + ": server supports 3.0 to 3.0"));
            return;
        }
        StartupPacket packet;
        try {
            packet = StartupPacket.parse(frame, code & 0xffff);
        } catch (IllegalArgumentException e) {
            fatal(PgError.fatal("08P01", e.getMessage()));
            return;
        }
        phase = Phase.AUTHENTICATING;
        ctx.pipeline().replace(FRAMES, FRAMES, PgFraming.messages());
        work = new SessionWork(server, this, packet);
        submit(done -> work.begin(done));
    }

    private void message(ByteBuf frame) {
        char type = (char) frame.readByte();
        frame.skipBytes(4);
        if (phase == Phase.AUTHENTICATING) {
            if (type != 'p') {
                fatal(PgError.fatal("08P01", "expected password response, got message type " + printable(type)));
                return;
            }
            byte[] body = bytes(frame);
            submit(done -> work.authenticate(body, done));
            return;
        }
        switch (type) {
            case 'Q': {
                String sql = readCString(frame);
                submit(done -> work.query(sql, done));
                break;
            }
            case 'X':
                if (busy) {
                    submit(done -> channel.eventLoop().execute(this::terminate)); // after what came before it
                } else {
                    terminate();
                }
                break;
            case 'S':
                submit(done -> work.sync(done));
                break;
            case 'H':
                break; // every answer is flushed as it is written: nothing is pending
            case 'P': case 'B': case 'D': case 'E': case 'C': {
                Frontend.Message m = Frontend.read(type, frame);
                submit(done -> work.extended(m, done));
                break;
            }
            case 'F': case 'd': case 'c': case 'f':
                submit(done -> work.unsupported(type, done));
                break;
            default:
                fatal(PgError.fatal("08P01", "invalid frontend message type " + printable(type)));
        }
    }

    private void terminate() {
        phase = Phase.CLOSED;
        channel.close();
    }

    private static String printable(char type) {
        return type >= 0x20 && type < 0x7f ? "'" + type + "'" : Integer.toString(type);
    }

    private static byte[] bytes(ByteBuf frame) {
        byte[] b = new byte[frame.readableBytes()];
        frame.readBytes(b);
        return b;
    }

    static String readCString(ByteBuf buf) {
        int end = buf.indexOf(buf.readerIndex(), buf.writerIndex(), (byte) 0);
        if (end < 0) {
            throw new IllegalArgumentException("string without its terminating zero");
        }
        String s = buf.toString(buf.readerIndex(), end - buf.readerIndex(), StandardCharsets.UTF_8);
        buf.readerIndex(end + 1);
        return s;
    }

    /** Queues one message's work (event loop); reading stops until the queue is empty again. */
    private void submit(Consumer<Runnable> task) {
        waiting.add(task);
        channel.config().setAutoRead(false);
        if (!busy) {
            next();
        }
    }

    private void next() {
        Consumer<Runnable> task = waiting.poll();
        if (task == null || phase == Phase.CLOSED) {
            busy = false;
            if (work != null) {
                work.cancel().withdraw(); // a cancel that came too late is not kept for the next statement
            }
            channel.config().setAutoRead(true);
            return;
        }
        busy = true;
        Runnable done = () -> channel.eventLoop().execute(this::next);
        schedule(() -> task.accept(done));
        readWhileBusy();
    }

    /**
     * While the worker handles a message and none waits behind it, one more read is asked for: it notices a client
     * that went away (so that its running statement is stopped, see {@link #channelInactive}) and queues at most the
     * next message; reading stops again as soon as one is queued.
     */
    private void readWhileBusy() {
        if (busy && waiting.isEmpty() && phase != Phase.CLOSED) {
            channel.read();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        readWhileBusy();
        super.channelReadComplete(ctx);
    }

    /**
     * A CancelRequest with this session's key (any event loop): heard only while the session is handling messages,
     * as PostgreSQL ignores a cancel for an idle session.
     */
    void cancelRequested() {
        channel.eventLoop().execute(() -> {
            if (busy && work != null) {
                work.cancel().request();
            }
        });
    }

    /** Runs on the session's database worker; a task that cannot be scheduled closes the connection. */
    void schedule(Runnable task) {
        try {
            worker.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    send(out -> Backend.errorResponse(out, PgError.fatal("XX000", "internal error: " + e)));
                    channel.close();
                }
            });
        } catch (RuntimeException e) {
            channel.close();
        }
    }

    /** Writes and flushes one buffer of messages, from any thread; a failed write closes the connection. */
    void send(Consumer<ByteBuf> messages) {
        channel.writeAndFlush(Backend.one(channel.alloc(), messages)).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    /** Sends a FATAL error and closes the connection once it is written. */
    void fatal(PgError error) {
        phase = Phase.CLOSED;
        channel.writeAndFlush(Backend.one(channel.alloc(), out -> Backend.errorResponse(out, error)))
                .addListener(ChannelFutureListener.CLOSE);
    }

    Channel channel() {
        return channel;
    }

    boolean isOpen() {
        return phase != Phase.CLOSED && channel.isActive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        RowPump run = suspended;
        if (run != null && ctx.channel().isWritable()) {
            run.resume();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (phase == Phase.CLOSED) {
            ctx.close();
        } else if (cause instanceof TooLongFrameException) {
            fatal(PgError.fatal("08P01", "message too long"));
        } else if (cause instanceof DecoderException || cause instanceof IllegalArgumentException) {
            fatal(PgError.fatal("08P01", "invalid message: " + cause.getMessage()));
        } else {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        phase = Phase.CLOSED;
        waiting.clear();
        RowPump run = suspended;
        if (run != null) {
            run.resume(); // its next step sees the connection closed and ends the result
        }
        Scheduler.Worker w = worker;
        SessionWork sw = work;
        if (sw != null) {
            sw.disconnected(); // a statement still running is stopped: nobody is left to read its rows
        }
        try {
            w.schedule(() -> {
                new java.util.ArrayList<>(openResults).forEach(RowPump::close);
                if (sw != null) {
                    sw.close();
                }
                w.dispose();
            });
        } catch (RuntimeException e) {
            w.dispose(); // the scheduler is gone: the mock is closing and closes the databases itself
        }
        super.channelInactive(ctx);
    }

    /** The startup parameters of a StartupMessage. */
    record StartupPacket(int minorVersion, Map<String, String> parameters) {

        static StartupPacket parse(ByteBuf body, int minor) {
            Map<String, String> p = new java.util.LinkedHashMap<>();
            while (body.isReadable() && body.getByte(body.readerIndex()) != 0) {
                String name = readCString(body);
                p.put(name, readCString(body));
            }
            if (!p.containsKey("user") || p.get("user").isEmpty()) {
                throw new IllegalArgumentException("no PostgreSQL user name specified in startup packet");
            }
            return new StartupPacket(minor, p);
        }

        String user() {
            return parameters.get("user");
        }
    }
}
