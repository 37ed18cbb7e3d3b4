package ai.altertable.reactive.flight.mock;

import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.core.ProxyOptions;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.TlsException;
import ai.altertable.reactive.core.TlsOptions;
import ai.altertable.reactive.core.batch.BatchResult;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.flight.ArrowRowEncoder;
import ai.altertable.reactive.flight.FlightClientOptions;
import ai.altertable.reactive.flight.IngestOptions;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.ClientCertificate;
import ai.altertable.reactive.mock.ObservedFlightStream;
import ai.altertable.reactive.testsupport.ConnectProxy;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Flight client over TLS (gRPC over h2 negotiated with ALPN), as production is reached: the mock's CA as trust
 * root, the JVM's roots (a typed error at once), a certificate for another host, mutual TLS, and a CONNECT proxy.
 */
class FlightTlsAndProxyTest {

    private static final RetryPolicy SLOW_RETRIES = RetryPolicy.builder().maxAttempts(10)
            .initialBackoff(Duration.ofMinutes(5)).maxBackoff(Duration.ofMinutes(5)).maxElapsed(Duration.ofHours(1))
            .build();
    private static final Duration SAFETY = Duration.ofSeconds(60);

    static AltertableMock mock;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().tls().user("alice", "s3cr3t-alice").start();
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    record Event(long id, String name) {
    }

    private static FlightClientOptions.Builder options(AltertableMock m, RootAllocator allocator) {
        return FlightClientOptions.builder().endpoint(m.flightUri()).credentials(m.credentials())
                .environment(Map.of()).allocator(allocator)
                .tls(TlsOptions.builder().trustedCertificates(m.caCertificateFile()).build());
    }

    @Test
    void queryIngestAndCancelWorkOverTlsWithTheMocksCa() {
        assertThat(mock.flightUri().getScheme()).isEqualTo("grpc+tls");
        try (RootAllocator allocator = new RootAllocator()) {
            try (LakehouseFlightClient client = LakehouseFlightClient.create(options(mock, allocator).build())) {
                StepVerifier.create(client.query("SELECT 42 AS answer").map(r -> r.getInt(0))).expectNext(42)
                        .verifyComplete();
                StepVerifier.create(client.update("CREATE TABLE tls_flight (id BIGINT, name VARCHAR)"))
                        .expectNextCount(1).verifyComplete();
                StepVerifier.create(client.ingestRows(IngestOptions.builder(TableRef.of("memory", "main", "tls_flight")).build(),
                        Flux.just(new Event(1, "a"), new Event(2, "b")), ArrowRowEncoder.forRecord(Event.class))
                                .map(BatchResult::ack))
                        .expectNext(2L).verifyComplete();
                StepVerifier.create(client.query("SELECT count(*) FROM tls_flight").map(r -> r.getLong(0)))
                        .expectNext(2L).verifyComplete();
                String sql = "SELECT i FROM range(50000000) t(i)";
                StepVerifier.create(client.query(sql).take(3).map(r -> r.getLong(0)))
                        .expectNext(0L, 1L, 2L).verifyComplete();
                await().atMost(30, TimeUnit.SECONDS).until(() -> mock.flightStreams().stream()
                        .filter(s -> sql.equals(s.description())).anyMatch(ObservedFlightStream::cancelled));
                StepVerifier.create(client.query("SELECT 7").map(r -> r.getInt(0))).expectNext(7).verifyComplete();
            }
        }
    }

    @Test
    void theJvmsTrustRootsFailFastWithATypedErrorThatIsNotRetried() {
        try (RootAllocator allocator = new RootAllocator();
             LakehouseFlightClient client = LakehouseFlightClient.create(options(mock, allocator)
                     .tls(TlsOptions.systemDefault()).retryPolicy(SLOW_RETRIES).build())) {
            StepVerifier.create(client.query("SELECT 1"))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(TlsException.class);
                        TlsException tls = (TlsException) e;
                        assertThat(tls.tlsReason()).isEqualTo(TlsException.Reason.UNTRUSTED_CERTIFICATE);
                        assertThat(tls.isRetryable()).isFalse();
                        assertThat(tls.getMessage()).contains("127.0.0.1:" + mock.flightPort()).contains("not trusted")
                                .contains("trustedCertificates").doesNotContain("s3cr3t-alice");
                    })
                    .verify(SAFETY); // a retry would wait 5 minutes first
        }
    }

    @Test
    void aCertificateForAnotherHostFailsHostNameVerification() {
        try (AltertableMock other = AltertableMock.builder().tlsNames("db.example.test").start();
             RootAllocator allocator = new RootAllocator();
             LakehouseFlightClient client = LakehouseFlightClient.create(options(other, allocator)
                     .retryPolicy(SLOW_RETRIES).build())) {
            StepVerifier.create(client.query("SELECT 1"))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(TlsException.class,
                            t -> assertThat(t.tlsReason()).isEqualTo(TlsException.Reason.HOSTNAME_MISMATCH)))
                    .verify(SAFETY);
        }
    }

    @Test
    void mutualTlsNeedsTheClientCertificate() {
        try (AltertableMock mtls = AltertableMock.builder().tls().requireClientCertificates().start();
             RootAllocator allocator = new RootAllocator()) {
            ClientCertificate cert = mtls.issueClientCertificate("reactive-flight-test");
            try (LakehouseFlightClient without = LakehouseFlightClient.create(options(mtls, allocator)
                    .retryPolicy(RetryPolicy.none()).build())) {
                StepVerifier.create(without.query("SELECT 1"))
                        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(NetworkException.class))
                        .verify(SAFETY);
            }
            TlsOptions withCert = TlsOptions.builder().trustedCertificates(mtls.caCertificate())
                    .clientCertificate(cert.privateKey(), cert.certificate()).build();
            try (LakehouseFlightClient client = LakehouseFlightClient.create(options(mtls, allocator).tls(withCert)
                    .build())) {
                StepVerifier.create(client.query("SELECT 42").map(r -> r.getInt(0))).expectNext(42).verifyComplete();
            }
        }
    }

    @Test
    void aConnectProxyCarriesTheTrafficAndSeesOnlyCiphertext() throws Exception {
        try (ConnectProxy proxy = ConnectProxy.withCredentials("proxy-user", "proxy-pass");
             RootAllocator allocator = new RootAllocator();
             LakehouseFlightClient client = LakehouseFlightClient.create(options(mock, allocator)
                     .proxy(ProxyOptions.builder().host(proxy.host()).port(proxy.port())
                             .credentials("proxy-user", "proxy-pass").build()).build())) {
            assertThat(client.options().toString()).doesNotContain("proxy-pass");
            StepVerifier.create(client.query("SELECT 'tunnelled-secret-text' AS s").map(r -> r.getString(0)))
                    .expectNext("tunnelled-secret-text").verifyComplete();
            assertThat(proxy.connects()).isPositive();
            assertThat(proxy.targets()).allMatch(t -> t.endsWith(":" + mock.flightPort()));
            assertThat(proxy.sawPlaintext("tunnelled-secret-text")).isFalse();
            assertThat(proxy.sawPlaintext("PRI * HTTP/2.0")).as("the h2 preface is inside TLS").isFalse();
        }
    }

    /** The control of the test above: the same proxy does capture what a plaintext endpoint sends through it. */
    @Test
    void theProxySeesThePlaintextOfAnEndpointWithoutTls() throws Exception {
        try (AltertableMock plain = AltertableMock.builder().user("alice", "s3cr3t-alice").start();
             ConnectProxy proxy = ConnectProxy.start();
             RootAllocator allocator = new RootAllocator();
             LakehouseFlightClient client = LakehouseFlightClient.create(FlightClientOptions.builder()
                     .endpoint(plain.flightUri()).credentials(plain.credentials()).environment(Map.of())
                     .allocator(allocator).proxy(ProxyOptions.http(proxy.host(), proxy.port())).build())) {
            StepVerifier.create(client.query("SELECT 'tunnelled-secret-text' AS s").map(r -> r.getString(0)))
                    .expectNext("tunnelled-secret-text").verifyComplete();
            assertThat(proxy.connects()).isPositive();
            assertThat(proxy.sawPlaintext("tunnelled-secret-text")).isTrue();
            assertThat(proxy.sawPlaintext("PRI * HTTP/2.0")).isTrue();
        }
    }
}
