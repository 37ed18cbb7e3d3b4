package ai.altertable.reactive.examples;

import ai.altertable.reactive.core.TlsOptions;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.ClientCertificate;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.LakehouseClientOptions;
import ai.altertable.reactive.testsupport.ConnectProxy;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's TLS examples run against the mock serving TLS, as production is reached. */
class TlsClientsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void bothClientsQueryOverMutualTlsThroughTheProxy() throws Exception {
        try (AltertableMock mock = AltertableMock.builder().tls().requireClientCertificates().start();
             ConnectProxy proxy = ConnectProxy.withCredentials("proxy-user", "proxy-secret-1")) {
            ClientCertificate cert = mock.issueClientCertificate("events-service");
            try (TlsClients.Secured clients = TlsClients.connect(mock.baseUrl(), mock.flightUri(),
                    mock.credentials(), mock.caCertificateFile(), cert.certificateFile(), cert.privateKeyFile(),
                    proxy.host(), proxy.port(), "proxy-secret-1")) {
                StepVerifier.create(clients.rest().query("SELECT 'over-rest' AS via").map(r -> r.getString(0)))
                        .expectNext("over-rest").expectComplete().verify(WAIT);
                StepVerifier.create(clients.flight().query("SELECT 'over-flight' AS via").map(r -> r.getString(0)))
                        .expectNext("over-flight").expectComplete().verify(WAIT);
            }
            assertThat(proxy.targets()).contains("127.0.0.1:" + mock.lakehousePort())
                    .anyMatch(t -> t.endsWith(":" + mock.flightPort()));
            assertThat(proxy.sawPlaintext("over-rest")).isFalse();
            assertThat(proxy.sawPlaintext("over-flight")).isFalse();
        }
    }

    @Test
    void aClientTrustsTheMocksGeneratedCa() {
        // --8<-- [start:mock-tls]
        try (AltertableMock mock = AltertableMock.builder().tls().start()) {
            TlsOptions trustTheMock = TlsOptions.builder().trustedCertificates(mock.caCertificateFile()).build();
            try (LakehouseClient client = LakehouseClient.create(LakehouseClientOptions.builder()
                    .baseUrl(mock.baseUrl()).credentials(mock.credentials()).tls(trustTheMock).build())) {
                StepVerifier.create(client.query("SELECT 42").map(r -> r.getInt(0))).expectNext(42)
                        .expectComplete().verify(Duration.ofSeconds(30));
            }
        }
        // --8<-- [end:mock-tls]
    }
}
