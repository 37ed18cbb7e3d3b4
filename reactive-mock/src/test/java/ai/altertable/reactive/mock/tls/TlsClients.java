package ai.altertable.reactive.mock.tls;

import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.ClientCertificate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** JDK clients (not this project's) for the mock's TLS endpoints: trust roots and client certificates set by hand. */
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
}
