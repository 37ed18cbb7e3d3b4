package ai.altertable.reactive.examples;

import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.ProxyOptions;
import ai.altertable.reactive.core.TlsOptions;
import ai.altertable.reactive.flight.FlightClientOptions;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.LakehouseClientOptions;

import java.net.URI;
import java.nio.file.Path;

/**
 * The README's TLS and proxy example: a REST and a Flight client that trust a private CA, present a client certificate
 * (mutual TLS), and reach the server through an HTTP {@code CONNECT} proxy, with the same {@link TlsOptions} and
 * {@link ProxyOptions}.
 */
public final class TlsClients {

    private TlsClients() {
    }

    /**
     * Both clients of a service, closed together.
     *
     * @param rest   the REST client
     * @param flight the Flight SQL client
     */
    public record Secured(LakehouseClient rest, LakehouseFlightClient flight) implements AutoCloseable {
        @Override
        public void close() {
            try {
                flight.close();
            } finally {
                rest.close();
            }
        }
    }

    /**
     * The two clients for {@code https} and {@code grpc+tls} endpoints whose certificates {@code caFile} signed, with
     * the client certificate of {@code certificateFile}/{@code keyFile}, through the proxy at
     * {@code proxyHost:proxyPort}; the caller closes them.
     */
    public static Secured connect(URI baseUrl, URI flightEndpoint, Credentials credentials, Path caFile,
                                  Path certificateFile, Path keyFile, String proxyHost, int proxyPort,
                                  String proxyPassword) {
        // --8<-- [start:tls-and-proxy]
        TlsOptions tls = TlsOptions.builder()
                .trustedCertificates(caFile)               // PEM CA certificates; or X509Certificate..., or a KeyStore
                .clientCertificate(certificateFile, keyFile) // mutual TLS: PEM chain and PKCS#8 key; or a KeyStore
                .build();
        ProxyOptions proxy = ProxyOptions.builder().host(proxyHost).port(proxyPort)
                .credentials("proxy-user", proxyPassword)  // without proxy(...): HTTPS_PROXY and NO_PROXY
                .build();
        LakehouseClientOptions restOptions = LakehouseClientOptions.builder()
                .baseUrl(baseUrl).credentials(credentials).tls(tls).proxy(proxy).build();
        FlightClientOptions flightOptions = FlightClientOptions.builder()
                .endpoint(flightEndpoint).credentials(credentials).tls(tls).proxy(proxy).build();
        // --8<-- [end:tls-and-proxy]
        LakehouseClient rest = LakehouseClient.create(restOptions); // reads the PEM files: a bad one fails here
        try {
            return new Secured(rest, LakehouseFlightClient.create(flightOptions));
        } catch (RuntimeException e) {
            rest.close();
            throw e;
        }
    }
}
