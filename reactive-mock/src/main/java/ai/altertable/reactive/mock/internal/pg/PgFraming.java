package ai.altertable.reactive.mock.internal.pg;

import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Framing with Netty's {@link LengthFieldBasedFrameDecoder}. Before startup completes, a message is an Int32 length
 * (counting itself) and a body, with no type byte (StartupMessage, SSLRequest, GSSENCRequest, CancelRequest); after,
 * each message is a type byte, then the Int32 length, then the body. Frames keep their header.
 */
final class PgFraming {

    /** The largest startup packet accepted, as PostgreSQL limits it. */
    static final int MAX_STARTUP = 10_000;
    /** The largest regular message accepted: larger ones are refused and the connection closed. */
    static final int MAX_MESSAGE = 16 * 1024 * 1024;

    private PgFraming() {
    }

    static LengthFieldBasedFrameDecoder startup() {
        // the length counts its own 4 bytes: adjust by -4 so that the frame is length + body
        return new LengthFieldBasedFrameDecoder(MAX_STARTUP, 0, 4, -4, 0, true);
    }

    static LengthFieldBasedFrameDecoder messages() {
        return new LengthFieldBasedFrameDecoder(MAX_MESSAGE + 1, 1, 4, -4, 0, true);
    }
}
