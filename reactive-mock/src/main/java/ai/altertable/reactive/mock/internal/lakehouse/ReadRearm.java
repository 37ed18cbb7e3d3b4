package ai.altertable.reactive.mock.internal.lakehouse;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import reactor.netty.channel.ChannelOperations;

/**
 * Keeps a keep-alive connection reading after Reactor Netty (1.3.7) replayed a buffered request.
 *
 * <p>When a client sends its next request before the previous response has fully terminated on the server (for
 * instance right after the last {@code Content-Length} byte of a body written from a worker thread, or when it
 * pipelines), Reactor Netty buffers that request and its body, then replays them once the previous response ends.
 * Two paths of that replay leave the channel reading nothing, so the connection hangs until the client gives up:
 * <ul>
 *   <li>the replay ends with trailing content and no request operations left to take it (the request was already
 *       answered): nothing asks for a read again (reactor-netty issue 4361, fixed upstream by "Resume the read when the
 *       pipelined queue drains without a request");</li>
 *   <li>the replayed request's body reader asks for a read while 32 or more buffered messages are still queued, and
 *       that read request is swallowed; with auto-read on and no read pending, the rest of the body is never read
 *       (seen with bodies of a few MiB, such as a 2 MiB {@code /query} answered 413).</li>
 * </ul>
 * This handler sits just before Reactor Netty's bridge. It asks for a read whenever orphaned content passes, and,
 * after a request has been handed on, once the replay is over if auto-read is on (the body reader wants data). Extra
 * read requests are harmless; a reader applying backpressure has turned auto-read off and is left alone.
 * Stateless and shared.
 */
@ChannelHandler.Sharable
final class ReadRearm extends ChannelInboundHandlerAdapter {

    static final String NAME = "altertable.mock.readRearm";
    static final ReadRearm INSTANCE = new ReadRearm();

    private ReadRearm() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        boolean orphan = msg instanceof HttpContent && ChannelOperations.get(ctx.channel()) == null;
        boolean request = msg instanceof HttpRequest;
        ctx.fireChannelRead(msg);
        if (orphan) {
            ctx.read();
        }
        if (request) {
            // after the current event-loop task, i.e. after a replay has drained Reactor Netty's buffer
            ctx.executor().execute(() -> {
                Channel ch = ctx.channel();
                if (ch.isActive() && ch.config().isAutoRead()) {
                    ctx.read();
                }
            });
        }
    }
}
