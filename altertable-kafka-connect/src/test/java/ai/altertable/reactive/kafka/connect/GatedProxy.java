package ai.altertable.reactive.kafka.connect;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reverse proxy in front of the mock that holds every {@code POST /append} until {@link #open()}: a server that
 * stops acknowledging writes, deterministically (no delays). Other requests pass at once. Bodies are copied as byte
 * arrays, so no buffer crosses the two connections.
 */
final class GatedProxy implements AutoCloseable {

    private final Sinks.Empty<Void> gate = Sinks.empty();
    private final AtomicInteger held = new AtomicInteger();
    private final DisposableServer server;

    GatedProxy(URI target) {
        HttpClient client = HttpClient.create().baseUrl(target.toString());
        server = HttpServer.create().host("127.0.0.1").port(0).handle((req, res) -> {
            boolean gated = req.uri().startsWith("/append");
            return req.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
                Mono<Void> wait = gated ? gate.asMono().doOnSubscribe(s -> held.incrementAndGet()) : Mono.empty();
                return wait.then(client.headers(h -> h.add(req.requestHeaders())
                                .remove(HttpHeaderNames.HOST).remove(HttpHeaderNames.CONTENT_LENGTH))
                        .request(req.method()).uri(req.uri())
                        .send((r, out) -> out.sendByteArray(Mono.just(body)))
                        .responseSingle((r, b) -> b.asByteArray().defaultIfEmpty(new byte[0])
                                .map(bytes -> new Answer(r.status().code(),
                                        r.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE), bytes))));
            }).flatMap(a -> {
                if (a.contentType() != null) {
                    res.header(HttpHeaderNames.CONTENT_TYPE, a.contentType());
                }
                return res.status(a.status()).sendByteArray(Mono.just(a.body())).then();
            });
        }).bindNow();
    }

    private record Answer(int status, String contentType, byte[] body) {
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** Appends that arrived and wait for the gate. */
    int held() {
        return held.get();
    }

    /** Lets every held and later append through. */
    void open() {
        gate.tryEmitEmpty();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
