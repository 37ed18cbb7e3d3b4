package ai.altertable.reactive.kafka.connect;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of the mock's Flight endpoint that holds every byte the client sends until {@link #open()}: a
 * gRPC server that stops answering (and so acknowledging ingests), deterministically. The server's bytes pass at once.
 * Bytes are copied as arrays, so no buffer crosses the two connections.
 */
final class GatedTcpProxy implements AutoCloseable {

    private final Sinks.Empty<Void> gate = Sinks.empty();
    private final AtomicLong held = new AtomicLong();
    private final DisposableServer server;

    GatedTcpProxy(URI target) {
        TcpClient upstream = TcpClient.create().host(target.getHost()).port(target.getPort());
        server = TcpServer.create().host("127.0.0.1").port(0).handle((in, out) -> upstream.connect().flatMap(up ->
                Mono.when(
                        up.outbound().sendByteArray(in.receive().asByteArray().concatMap(bytes -> {
                            held.addAndGet(bytes.length);
                            return gate.asMono().thenReturn(bytes);
                        })).then(),
                        out.sendByteArray(up.inbound().receive().asByteArray()).then())
                        .doFinally(signal -> up.dispose()))).bindNow();
    }

    /** The proxy's Flight location. */
    URI uri() {
        return URI.create("grpc://127.0.0.1:" + server.port());
    }

    /** Bytes the client sent so far (held until {@link #open()}, passed after). */
    long received() {
        return held.get();
    }

    /** Lets every held and later byte through. */
    void open() {
        gate.tryEmitEmpty();
    }

    @Override
    public void close() {
        open();
        server.disposeNow();
    }
}
