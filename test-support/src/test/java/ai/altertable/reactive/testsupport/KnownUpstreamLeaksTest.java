package ai.altertable.reactive.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KnownUpstreamLeaksTest {

    private static final String SERVER_DEFRAMER = """
            Recent access records:
            #1:
            \tio.grpc.netty.NettyReadableBuffer.close(NettyReadableBuffer.java:130)
            \tio.grpc.internal.CompositeReadableBuffer.advanceBuffer(CompositeReadableBuffer.java:316)
            \tio.grpc.internal.MessageDeframer.processHeader(MessageDeframer.java:387)
            \tio.grpc.internal.AbstractStream$TransportState$1RequestRunnable.run(AbstractStream.java:269)
            \tio.grpc.netty.NettyServerStream$TransportState$1.run(NettyServerStream.java:174)
            #2:
            \tio.netty.handler.codec.http2.DefaultHttp2FrameReader.readFrame(DefaultHttp2FrameReader.java:169)
            """;

    @Test
    void onlyTheGrpcServerDeframerSignatureIsTolerated() {
        assertThat(KnownUpstreamLeaks.isGrpcServerInboundFrame(SERVER_DEFRAMER)).isTrue();
    }

    @Test
    void anyFrameOfOursOrArrowsOrTheClientSideMakesItARealLeak() {
        for (String frame : new String[] {"\tai.altertable.reactive.flight.internal.Something.run(Something.java:1)",
                "\torg.apache.arrow.flight.ArrowMessage.frame(ArrowMessage.java:322)",
                "\tio.grpc.netty.NettyClientStream$TransportState.run(NettyClientStream.java:1)",
                "\tio.grpc.internal.ClientCallImpl$ClientStreamListenerImpl.run(ClientCallImpl.java:1)"}) {
            assertThat(KnownUpstreamLeaks.isGrpcServerInboundFrame(SERVER_DEFRAMER + frame + "\n")).as(frame).isFalse();
        }
    }

    @Test
    void otherLeaksAreNotTolerated() {
        assertThat(KnownUpstreamLeaks.isGrpcServerInboundFrame("""
                #1:
                \tio.netty.buffer.AdvancedLeakAwareByteBuf.readSlice(AdvancedLeakAwareByteBuf.java:119)
                \treactor.netty.channel.FluxReceive.drainReceiver(FluxReceive.java:1)
                """)).isFalse();
        assertThat(KnownUpstreamLeaks.isGrpcServerInboundFrame(
                "\tio.grpc.internal.MessageDeframer.processHeader(MessageDeframer.java:387)\n")).isFalse();
    }
}
