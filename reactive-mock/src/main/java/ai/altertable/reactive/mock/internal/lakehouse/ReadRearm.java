package ai.altertable.reactive.mock.internal.lakehouse;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import reactor.netty.channel.ChannelOperations;

/**
 * Keeps a keep-alive connection reading after Reactor Netty drained a buffered request's trailing content.
 *
 * <p>Reactor Netty 1.3.7 reads on demand. When a client sends its next request before the previous response has
 * fully terminated on the server (for instance right after the last {@code Content-Length} byte of a body written
 * from a worker thread), the request is buffered with its trailing {@code LastHttpContent}. Draining that buffer can
 * end with the trailing content alone, handed on with no request operations attached, and then nothing asks the
 * channel to read again: the connection stays open and the client's next request is never answered (reactor-netty
 * issue 4361, fixed upstream by "Resume the read when the pipelined queue drains without a request"). This handler
 * sits just before Reactor Netty's bridge and asks for a read whenever such orphaned content passes; an extra read
 * request is harmless otherwise. Stateless and shared.
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
        ctx.fireChannelRead(msg);
        if (orphan) {
            ctx.read();
        }
    }
}
