package ai.altertable.reactive.postgres;

import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.NetworkException;
import ai.altertable.reactive.core.TlsException;
import ai.altertable.reactive.core.TlsOptions;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.postgres.internal.ConnectionFactories;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.client.SSLConfig;
import io.r2dbc.postgresql.client.SSLMode;
import io.r2dbc.postgresql.client.SSLNegotiation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** How a TLS connection starts: what r2dbc-postgresql is configured with, and the first bytes it sends. */
class TlsNegotiationTest {

    /** {@code SSLRequest}: length 8, code 80877103. */
    private static final byte[] SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f};

    @Test
    void theDriverIsConfiguredWithTheNegotiation() throws Exception {
        SSLConfig byDefault = sslConfig(options("postgresql://db.example/cat"));
        assertThat(byDefault.getSslMode()).isEqualTo(SSLMode.VERIFY_FULL);
        assertThat(byDefault.getSslNegotiation()).isEqualTo(SSLNegotiation.POSTGRES);

        SSLConfig direct = sslConfig(options("postgresql://db.example/cat?sslnegotiation=direct"));
        assertThat(direct.getSslMode()).isEqualTo(SSLMode.VERIFY_FULL);
        assertThat(direct.getSslNegotiation()).isEqualTo(SSLNegotiation.DIRECT);
        // direct TLS announces the protocol by ALPN, and SNI still names the host
        assertThat(direct.getSslParametersFactory().apply(InetSocketAddress.createUnresolved("db.example", 443))
                .getApplicationProtocols()).containsExactly("postgresql");

        SSLConfig plaintext = sslConfig(options("postgresql://127.0.0.1:5432/cat?sslmode=disable"));
        assertThat(plaintext.getSslMode()).isEqualTo(SSLMode.DISABLE);
    }

    @Test
    void postgresNegotiationStartsWithAnSslRequest() throws Exception {
        byte[] first = firstBytesSent(TlsNegotiation.POSTGRES);
        assertThat(first).containsExactly(SSL_REQUEST);
    }

    @Test
    void directNegotiationStartsWithATlsHandshake() throws Exception {
        byte[] first = firstBytesSent(TlsNegotiation.DIRECT);
        assertThat(first[0]).as("TLS record type handshake").isEqualTo((byte) 0x16);
        assertThat(first[1]).as("TLS major version").isEqualTo((byte) 0x03);
        assertThat(first[5]).as("handshake type ClientHello").isEqualTo((byte) 0x01);
    }

    @Test
    void trustRootsFromAFileAreReadWhenTheClientIsCreatedNotAtConnect(@TempDir Path dir) throws Exception {
        // r2dbc-postgresql builds the SslContext in the channel initializer, on the event loop, for every connection:
        // a trust file read there is blocking I/O on the event loop. Read at create, the file may go before connecting.
        try (AltertableMock withCa = AltertableMock.builder().user("alice", "s3cret-pw").withoutFlight().tls()
                .start()) {
            Path ca = Files.copy(withCa.caCertificateFile(), dir.resolve("ca.pem"));
            TlsOptions trust = TlsOptions.builder().trustedCertificates(ca).build();
            byte[] first = firstBytesSent(TlsNegotiation.DIRECT, trust, () -> Files.delete(ca));
            assertThat(first[0]).as("TLS record type handshake").isEqualTo((byte) 0x16);
        }
    }

    @Test
    void directNegotiationAgainstAPlaintextServerFailsWithoutFallingBack() {
        // the mock speaks plaintext Postgres: it reads the ClientHello as a startup packet that is far too long and
        // closes with an error that is no TLS record, so the handshake fails; the client must not go on in plaintext
        try (AltertableMock mock = AltertableMock.builder().user("alice", "s3cret-pw").withoutFlight().start();
             LakehousePostgresClient client = LakehousePostgresClient.create(MockPostgres.options(mock)
                     .endpoint("postgresql://" + mock.postgresUri().getHost() + ":" + mock.postgresPort()
                             + "/memory?sslnegotiation=direct")
                     .build())) {
            assertThat(client.options().tlsNegotiation()).isEqualTo(TlsNegotiation.DIRECT);
            StepVerifier.create(client.query("SELECT 1"))
                    .expectErrorSatisfies(TlsNegotiationTest::failedOnTheWire)
                    .verify();
            assertThat(client.openConnections()).isZero();
        }
    }

    /** The first 8 bytes a client with {@code negotiation} sends to a TLS endpoint (the server then hangs up). */
    private static byte[] firstBytesSent(TlsNegotiation negotiation) throws Exception {
        return firstBytesSent(negotiation, TlsOptions.systemDefault(), () -> { });
    }

    /** Something done between creating the client and its first connect. */
    private interface BeforeConnect {
        void run() throws Exception;
    }

    private static byte[] firstBytesSent(TlsNegotiation negotiation, TlsOptions tls, BeforeConnect beforeConnect)
            throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> received = new CompletableFuture<>();
            Thread acceptor = new Thread(() -> {
                try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
                    received.complete(in.readNBytes(8));
                } catch (Exception e) {
                    received.completeExceptionally(e);
                }
            }, "first-bytes-server");
            acceptor.start();
            try (LakehousePostgresClient client = LakehousePostgresClient.create(PostgresClientOptions.builder()
                    .endpoint("postgresql://127.0.0.1:" + server.getLocalPort() + "/memory")
                    .tlsNegotiation(negotiation)
                    .tls(tls)
                    .credentials(Credentials.basic("alice", "s3cret-pw"))
                    .build())) {
                beforeConnect.run();
                StepVerifier.create(client.query("SELECT 1"))
                        .expectErrorSatisfies(TlsNegotiationTest::failedOnTheWire)
                        .verify();
            }
            // the client fails only after the server hung up, so a client that sent anything was accepted by now;
            // closing the server ends an accept that is still waiting (the client failed before it connected)
            server.close();
            byte[] first = received.get(1, TimeUnit.MINUTES);
            acceptor.join();
            return first;
        }
    }

    /** A network or TLS failure, not one the client caused itself (a blocking call on the event loop fails too). */
    private static void failedOnTheWire(Throwable e) {
        assertThat(e).isInstanceOfAny(NetworkException.class, TlsException.class);
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(t.toString()).doesNotContain("BlockingOperationError");
        }
    }

    private static PostgresClientOptions options(String endpoint) {
        return PostgresClientOptions.builder().endpoint(endpoint).credentials(Credentials.basic("alice", "pw"))
                .build();
    }

    /** r2dbc-postgresql keeps its TLS settings behind a package-private getter. */
    private static SSLConfig sslConfig(PostgresClientOptions options) throws Exception {
        PostgresqlConnectionConfiguration configuration = ConnectionFactories.configuration(options);
        Method getter = PostgresqlConnectionConfiguration.class.getDeclaredMethod("getSslConfig");
        getter.setAccessible(true);
        return (SSLConfig) getter.invoke(configuration);
    }
}
