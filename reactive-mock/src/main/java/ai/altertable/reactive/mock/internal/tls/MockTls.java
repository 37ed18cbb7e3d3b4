package ai.altertable.reactive.mock.internal.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.apache.arrow.flight.FlightServer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The TLS side of one mock, shared by every endpoint it serves (REST, Flight, and any added later): the server's
 * certificate chain and key, and, for mutual TLS, the CA certificates a client certificate must chain to.
 *
 * <p>Either generated ({@link #generate}): a {@link CertificateAuthority} made at start signs a server certificate for
 * the given names, and its certificate is written to {@code ca.pem} in a private temporary directory (removed by
 * {@link #close()}) for clients to trust; or the user's own files ({@link #fromFiles}). Each endpoint builds its TLS
 * context with its stack's own support (Netty's {@link SslContextBuilder}, Arrow's {@code FlightServer.Builder.useTls},
 * which uses gRPC's).
 */
public final class MockTls implements AutoCloseable {

    /** The names of a generated server certificate when none are given. */
    public static final List<String> DEFAULT_NAMES = List.of("localhost", "127.0.0.1", "::1");

    private final byte[] chainPem;
    private final byte[] keyPem;
    private final byte[] clientCaPem;
    private final CertificateAuthority authority;
    private final Path directory;
    private final Path caFile;
    private final SslContext restContext;

    private MockTls(byte[] chainPem, byte[] keyPem, byte[] clientCaPem, CertificateAuthority authority,
                    Path directory, Path caFile) {
        this.chainPem = chainPem;
        this.keyPem = keyPem;
        this.clientCaPem = clientCaPem;
        this.authority = authority;
        this.directory = directory;
        this.caFile = caFile;
        this.restContext = serverContext();
    }

    /**
     * A new CA and a server certificate it signed for {@code names}.
     *
     * @param requireClientCertificates whether clients must present a certificate
     * @param clientCa                  the CA file client certificates must chain to, or {@code null} for the
     *                                  generated CA (when client certificates are required)
     */
    public static MockTls generate(List<String> names, boolean requireClientCertificates, Path clientCa) {
        CertificateAuthority ca = CertificateAuthority.generate("altertable-mock test CA");
        IssuedCertificate server = ca.issueServer(names);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("altertable-mock-tls-"); // owner-only on POSIX systems
            Path caFile = Files.write(dir.resolve("ca.pem"), Pem.certificates(ca.certificate()));
            byte[] clientCaPem = !requireClientCertificates ? null
                    : clientCa != null ? clientCaPem(clientCa) : Pem.certificates(ca.certificate());
            return new MockTls(server.chainPem(), server.privateKeyPem(), clientCaPem, ca, dir, caFile);
        } catch (IOException e) {
            delete(dir);
            throw new UncheckedIOException("cannot write the mock's CA certificate", e);
        } catch (RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    /**
     * The user's certificate chain and key (PEM; the key unencrypted PKCS#8, or PKCS#1/SEC1 with BouncyCastle present,
     * as it is beside the mock).
     *
     * @param clientCa the CA file client certificates must chain to, or {@code null} for no client certificates
     * @throws IllegalArgumentException if a file cannot be read or does not hold what it should
     */
    public static MockTls fromFiles(Path certificateChain, Path privateKey, Path clientCa) {
        Pem.readCertificates(certificateChain, "the TLS certificate"); // a readable message for a wrong file
        byte[] key;
        try {
            key = Files.readAllBytes(privateKey);
        } catch (IOException e) {
            throw new IllegalArgumentException("the TLS key: cannot read " + privateKey + ": " + e.getMessage(), e);
        }
        byte[] chain;
        try {
            chain = Files.readAllBytes(certificateChain);
        } catch (IOException e) {
            throw new IllegalArgumentException("the TLS certificate: cannot read " + certificateChain, e);
        }
        return new MockTls(chain, key, clientCa == null ? null : clientCaPem(clientCa), null, null, null);
    }

    private static byte[] clientCaPem(Path file) {
        return Pem.certificates(Pem.readCertificates(file, "the client CA").toArray(new X509Certificate[0]));
    }

    /** The REST server's context (HTTP/1.1). */
    public SslContext restContext() {
        return restContext;
    }

    /** Makes {@code flight} serve TLS (its location must be {@code grpc+tls}) with the same certificate. */
    public void applyTo(FlightServer.Builder flight) {
        try {
            flight.useTls(new ByteArrayInputStream(chainPem), new ByteArrayInputStream(keyPem));
            if (clientCaPem != null) {
                flight.useMTlsClientVerification(new ByteArrayInputStream(clientCaPem));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams: not expected
        }
    }

    /** Whether clients must present a certificate. */
    public boolean requiresClientCertificates() {
        return clientCaPem != null;
    }

    /** The generated CA's certificate, or {@code null} with the user's own certificate. */
    public X509Certificate caCertificate() {
        return authority == null ? null : authority.certificate();
    }

    /** The generated CA's certificate file ({@code ca.pem}), or {@code null} with the user's own certificate. */
    public Path caFile() {
        return caFile;
    }

    /**
     * A client certificate signed by the generated CA, written beside {@code ca.pem} as {@code <name>.pem} and
     * {@code <name>-key.pem}.
     *
     * @throws IllegalStateException without a generated CA
     */
    public IssuedFiles issueClient(String commonName) {
        if (authority == null) {
            throw new IllegalStateException("client certificates are issued only by the mock's generated CA (tls())");
        }
        IssuedCertificate c = authority.issueClient(commonName);
        String base = commonName.replaceAll("[^A-Za-z0-9_-]", "_");
        try {
            Path cert = Files.write(directory.resolve(base + ".pem"), Pem.certificates(c.certificate()));
            Path key = Files.write(directory.resolve(base + "-key.pem"), c.privateKeyPem());
            return new IssuedFiles(c, cert, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the client certificate", e);
        }
    }

    /** Removes the generated files. */
    @Override
    public void close() {
        delete(directory);
    }

    private SslContext serverContext() {
        try {
            SslContextBuilder b = SslContextBuilder.forServer(new ByteArrayInputStream(chainPem),
                    new ByteArrayInputStream(keyPem));
            if (clientCaPem != null) {
                b.clientAuth(ClientAuth.REQUIRE).trustManager(new ByteArrayInputStream(clientCaPem));
            }
            return b.build();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the TLS certificate and key cannot be used: " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the system cleans it up eventually
        }
    }

    /** A client certificate and the files it was written to. */
    public record IssuedFiles(IssuedCertificate certificate, Path certificateFile, Path privateKeyFile) {
    }
}
