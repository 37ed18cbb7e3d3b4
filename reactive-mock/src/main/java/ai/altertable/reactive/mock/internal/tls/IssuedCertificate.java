package ai.altertable.reactive.mock.internal.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A certificate the mock's {@link CertificateAuthority} signed, with its private key.
 *
 * @param privateKey  the certificate's key
 * @param certificate the certificate
 * @param issuer      the CA certificate that signed it
 */
public record IssuedCertificate(PrivateKey privateKey, X509Certificate certificate, X509Certificate issuer) {

    /** The chain a server sends: the certificate, then its CA. */
    public byte[] chainPem() {
        return Pem.certificates(certificate, issuer);
    }

    /** The key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
    public byte[] privateKeyPem() {
        return Pem.privateKey(privateKey);
    }
}
