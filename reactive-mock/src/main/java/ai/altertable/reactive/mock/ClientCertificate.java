package ai.altertable.reactive.mock;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A client certificate for mutual TLS tests, signed by a mock's generated CA ({@link AltertableMock#issueClientCertificate}):
 * the certificate and its private key in memory and as PEM files (the key unencrypted PKCS#8) in the mock's private
 * temporary directory, which {@link AltertableMock#close()} removes.
 */
public final class ClientCertificate {

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final Path certificateFile;
    private final Path privateKeyFile;

    ClientCertificate(X509Certificate certificate, PrivateKey privateKey, Path certificateFile, Path privateKeyFile) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.certificateFile = certificateFile;
        this.privateKeyFile = privateKeyFile;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The certificate as PEM. */
    public Path certificateFile() {
        return certificateFile;
    }

    /** The private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
    public Path privateKeyFile() {
        return privateKeyFile;
    }

    @Override
    public String toString() {
        return "ClientCertificate[" + certificate.getSubjectX500Principal().getName() + ", " + certificateFile + "]";
    }
}
