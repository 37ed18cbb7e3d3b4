package ai.altertable.reactive.mock.tls;

import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.ClientCertificate;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.RootAllocator;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Clients that are not this project's (the JDK's HTTP client, Arrow's Flight SQL client) for the mock's TLS endpoints:
 * trust roots and client certificates set by hand.
 */
final class TlsClients {

    private TlsClients() {
    }

    /** A JDK SSL context trusting {@code ca} (or the system's roots when {@code null}), with an optional client cert. */
    static SSLContext context(X509Certificate ca, ClientCertificate client) throws GeneralSecurityException, IOException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (ca == null) {
            tmf.init((KeyStore) null);
        } else {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            tmf.init(trust);
        }
        KeyManagerFactory kmf = null;
        if (client != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] pw = "test".toCharArray();
            keys.setKeyEntry("client", client.privateKey(), pw, new X509Certificate[] {client.certificate()});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, pw);
        }
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ssl;
    }

    /** {@code SELECT 42} over REST; the body. */
    static String select42(AltertableMock mock, SSLContext ssl) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        URI url = mock.baseUrl().resolve("/query");
        HttpRequest req = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Authorization", mock.credentials().authorizationHeader())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"statement\":\"SELECT 42 AS answer\"}")).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * Arrow's own client over {@code grpc+tls} at {@link AltertableMock#flightUri()}: Basic handshake, then
     * {@code SELECT 42}; the answer.
     */
    static long flightSelect42(AltertableMock mock, InputStream trust, ClientCertificate client) throws Exception {
        try (RootAllocator allocator = new RootAllocator()) {
            FlightClient.Builder b = FlightClient.builder(allocator, new Location(mock.flightUri()))
                    .trustedCertificates(trust);
            FlightClient built;
            if (client == null) {
                built = b.build();
            } else {
                try (InputStream cert = Files.newInputStream(client.certificateFile());
                     InputStream key = Files.newInputStream(client.privateKeyFile())) {
                    built = b.clientCertificate(cert, key).build();
                }
            }
            try (FlightClient flight = built) {
                String[] user = userAndPassword(mock);
                CredentialCallOption token = flight.authenticateBasicToken(user[0], user[1]).orElseThrow();
                FlightSqlClient sql = new FlightSqlClient(flight);
                FlightInfo info = sql.execute("SELECT 42 AS answer", token);
                try (FlightStream stream = sql.getStream(info.getEndpoints().get(0).getTicket(), token)) {
                    if (!stream.next()) {
                        throw new AssertionError("no batch");
                    }
                    return ((Number) stream.getRoot().getVector(0).getObject(0)).longValue();
                }
            }
        }
    }

    /** The first user's name and password, from its Basic credentials. */
    private static String[] userAndPassword(AltertableMock mock) {
        String header = mock.credentials().authorizationHeader().substring("Basic ".length());
        String decoded = new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
