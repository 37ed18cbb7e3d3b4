package ai.altertable.reactive.rest;

import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.core.ProxyOptions;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.core.TlsException;
import ai.altertable.reactive.core.TlsOptions;
import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.QueryRequest;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.core.model.UploadMode;
import ai.altertable.reactive.core.model.UploadOptions;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.ClientCertificate;
import ai.altertable.reactive.testsupport.ConnectProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The REST client over TLS, as production is reached: the mock's generated CA as trust root, the JVM's roots (a typed
 * error at once), a certificate for another host, mutual TLS, and an HTTP CONNECT proxy that sees only ciphertext.
 */
class TlsAndProxyTest {

    /** Long enough that a retried handshake could not finish within the tests' safety timeouts. */
    private static final RetryPolicy SLOW_RETRIES = RetryPolicy.builder().maxAttempts(10)
            .initialBackoff(Duration.ofMinutes(5)).maxBackoff(Duration.ofMinutes(5)).maxElapsed(Duration.ofHours(1))
            .build();
    private static final Duration SAFETY = Duration.ofSeconds(60);

    static AltertableMock mock;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().tls().user("alice", "s3cr3t-alice").withoutFlight().start();
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    private static LakehouseClientOptions.Builder options(AltertableMock m) {
        return LakehouseClientOptions.builder().baseUrl(m.baseUrl()).credentials(m.credentials())
                .environment(Map.of()).tls(TlsOptions.builder().trustedCertificates(m.caCertificateFile()).build());
    }

    @Test
    void queryAppendUploadAndCancelWorkOverTlsWithTheMocksCa() {
        assertThat(mock.baseUrl().getScheme()).isEqualTo("https");
        try (LakehouseClient client = LakehouseClient.create(options(mock).build())) {
            StepVerifier.create(client.query("SELECT 42 AS answer").map(r -> r.getInt(0))).expectNext(42)
                    .verifyComplete();
            client.query("CREATE TABLE tls_events (id BIGINT, name VARCHAR)").blockLast(SAFETY);
            TableRef t = TableRef.of("memory", "main", "tls_events");
            StepVerifier.create(client.append(AppendOptions.of(t, true), List.of(Map.of("id", 1, "name", "a"))))
                    .assertNext(r -> assertThat(r.ok()).isTrue()).verifyComplete();
            byte[] csv = "id,name\n2,b\n3,c\n".getBytes(StandardCharsets.UTF_8);
            StepVerifier.create(client.upload(UploadOptions.of(t, UploadMode.APPEND),
                    Flux.just(ByteBuffer.wrap(csv)), "text/csv")).verifyComplete();
            StepVerifier.create(client.query("SELECT count(*) FROM tls_events").map(r -> r.getLong(0)))
                    .expectNext(3L).verifyComplete();
            String queryId = "aaaaaaaa-0000-4000-8000-0000000000f1";
            StepVerifier.create(client.query(QueryRequest.builder().statement("SELECT i FROM range(10000000) t(i)")
                            .queryId(queryId).build()).take(3).map(r -> r.getLong(0)))
                    .expectNext(0L, 1L, 2L).verifyComplete();
            await().atMost(30, TimeUnit.SECONDS).until(() -> mock.cancelRequests().contains(queryId));
            StepVerifier.create(client.query("SELECT 7").map(r -> r.getInt(0))).expectNext(7).verifyComplete();
        }
    }

    @Test
    void theJvmsTrustRootsFailFastWithATypedErrorThatIsNotRetried() {
        long before = mock.requestCount("/query");
        try (LakehouseClient client = LakehouseClient.create(options(mock).tls(TlsOptions.systemDefault())
                .retryPolicy(SLOW_RETRIES).build())) {
            StepVerifier.create(client.query("SELECT 1"))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(TlsException.class);
                        TlsException tls = (TlsException) e;
                        assertThat(tls.tlsReason()).isEqualTo(TlsException.Reason.UNTRUSTED_CERTIFICATE);
                        assertThat(tls.isRetryable()).isFalse();
                        assertThat(tls.getMessage()).contains("127.0.0.1:" + mock.lakehousePort())
                                .contains("not trusted").contains("trustedCertificates")
                                .doesNotContain("s3cr3t-alice");
                        assertThat(tls.getSuppressed()).as("no earlier attempt").isEmpty();
                    })
                    .verify(SAFETY); // a retry would wait 5 minutes first
        }
        assertThat(mock.requestCount("/query")).isEqualTo(before);
    }

    @Test
    void aCertificateForAnotherHostFailsHostNameVerification() {
        try (AltertableMock other = AltertableMock.builder().tlsNames("db.example.test").withoutFlight().start();
             LakehouseClient client = LakehouseClient.create(options(other).retryPolicy(SLOW_RETRIES).build())) {
            StepVerifier.create(client.query("SELECT 1"))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(TlsException.class,
                            t -> assertThat(t.tlsReason()).isEqualTo(TlsException.Reason.HOSTNAME_MISMATCH)))
                    .verify(SAFETY);
        }
    }

    @Test
    void mutualTlsNeedsTheClientCertificate() {
        try (AltertableMock mtls = AltertableMock.builder().tls().requireClientCertificates().withoutFlight().start()) {
            ClientCertificate cert = mtls.issueClientCertificate("reactive-rest-test");
            try (LakehouseClient without = LakehouseClient.create(options(mtls).retryPolicy(RetryPolicy.none())
                    .build())) {
                StepVerifier.create(without.query("SELECT 1"))
                        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(NetworkException.class))
                        .verify(SAFETY);
            }
            TlsOptions withCert = TlsOptions.builder().trustedCertificates(mtls.caCertificate())
                    .clientCertificate(cert.certificateFile(), cert.privateKeyFile()).build();
            try (LakehouseClient client = LakehouseClient.create(options(mtls).tls(withCert).build())) {
                StepVerifier.create(client.query("SELECT 42").map(r -> r.getInt(0))).expectNext(42).verifyComplete();
            }
        }
    }

    @Test
    void aConnectProxyCarriesTheTrafficAndSeesOnlyCiphertext() throws Exception {
        try (ConnectProxy proxy = ConnectProxy.withCredentials("proxy-user", "proxy-pass");
             LakehouseClient client = LakehouseClient.create(options(mock)
                     .proxy(ProxyOptions.builder().host(proxy.host()).port(proxy.port())
                             .credentials("proxy-user", "proxy-pass").build()).build())) {
            assertThat(client.options().toString()).doesNotContain("proxy-pass");
            StepVerifier.create(client.query("SELECT 'tunnelled-secret-text' AS s").map(r -> r.getString(0)))
                    .expectNext("tunnelled-secret-text").verifyComplete();
            assertThat(proxy.connects()).isPositive();
            assertThat(proxy.targets()).allMatch(t -> t.equals("127.0.0.1:" + mock.lakehousePort()));
            assertThat(proxy.sawPlaintext("tunnelled-secret-text")).isFalse();
            assertThat(proxy.sawPlaintext("POST /query")).isFalse();
            assertThat(proxy.sawPlaintext("HTTP/1.1")).isFalse();
        }
    }

    /** The control of the test above: the same proxy does capture what a plaintext endpoint sends through it. */
    @Test
    void theProxySeesThePlaintextOfAnEndpointWithoutTls() throws Exception {
        try (AltertableMock plain = AltertableMock.builder().user("alice", "s3cr3t-alice").withoutFlight().start();
             ConnectProxy proxy = ConnectProxy.start();
             LakehouseClient client = LakehouseClient.create(LakehouseClientOptions.builder().baseUrl(plain.baseUrl())
                     .credentials(plain.credentials()).environment(Map.of())
                     .proxy(ProxyOptions.http(proxy.host(), proxy.port())).build())) {
            StepVerifier.create(client.query("SELECT 'tunnelled-secret-text' AS s").map(r -> r.getString(0)))
                    .expectNext("tunnelled-secret-text").verifyComplete();
            assertThat(proxy.connects()).isPositive();
            assertThat(proxy.sawPlaintext("tunnelled-secret-text")).isTrue();
            assertThat(proxy.sawPlaintext("POST /query")).isTrue();
        }
    }

    @Test
    void theProxyComesFromTheEnvironmentForHttpsAndNoProxyIsHonoured() throws Exception {
        try (ConnectProxy proxy = ConnectProxy.start()) {
            String url = "http://" + proxy.host() + ":" + proxy.port();
            try (LakehouseClient client = LakehouseClient.create(options(mock)
                    .environment(Map.of("HTTPS_PROXY", url)).build())) {
                StepVerifier.create(client.query("SELECT 1").map(r -> r.getInt(0))).expectNext(1).verifyComplete();
            }
            assertThat(proxy.connects()).isEqualTo(1);
            try (LakehouseClient direct = LakehouseClient.create(options(mock)
                    .environment(Map.of("HTTPS_PROXY", url, "NO_PROXY", "localhost,127.0.0.1")).build())) {
                StepVerifier.create(direct.query("SELECT 1").map(r -> r.getInt(0))).expectNext(1).verifyComplete();
            }
            assertThat(proxy.connects()).isEqualTo(1);
        }
    }
}
