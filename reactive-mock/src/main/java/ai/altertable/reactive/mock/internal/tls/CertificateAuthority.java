package ai.altertable.reactive.mock.internal.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A certificate authority made at start, in memory only (its private key is never written): it signs the mock's
 * server certificate and, for mutual TLS tests, client certificates. Keys are EC P-256, signed with SHA-256; the
 * certificates are built with BouncyCastle's PKIX API and signed by the JDK's own providers (no provider is
 * registered).
 */
public final class CertificateAuthority {

    /** How long the certificates are valid; also one hour back, for clocks that differ a little. */
    static final Duration VALIDITY = Duration.ofDays(365);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keys;
    private final X509Certificate certificate;

    private CertificateAuthority(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new self-signed CA named {@code CN=<name>}. */
    public static CertificateAuthority generate(String name) {
        KeyPair keys = newKeys();
        X500Name subject = new X500Name("CN=" + name);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = builder(subject, subject, keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(keys, sign(b, keys));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create the mock's certificate authority", e);
        }
    }

    /** The CA's certificate: what a client trusts. */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * A server certificate for {@code names}: host names ({@code localhost}) and IP addresses ({@code 127.0.0.1},
     * {@code ::1}), all in its subject alternative names; the first is also its common name.
     */
    public IssuedCertificate issueServer(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one name");
        }
        GeneralName[] alt = names.stream().map(CertificateAuthority::generalName).toArray(GeneralName[]::new);
        return issue(names.get(0), KeyPurposeId.id_kp_serverAuth, new GeneralNames(alt));
    }

    /** A client certificate for mutual TLS, {@code CN=<commonName>}. */
    public IssuedCertificate issueClient(String commonName) {
        return issue(commonName, KeyPurposeId.id_kp_clientAuth, null);
    }

    private IssuedCertificate issue(String commonName, KeyPurposeId purpose, GeneralNames alternativeNames) {
        KeyPair leaf = newKeys();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = builder(X500Name.getInstance(certificate.getSubjectX500Principal()
                    .getEncoded()), new X500Name("CN=" + commonName.replace(",", "\\,")), leaf)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(leaf.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(certificate));
            if (alternativeNames != null) {
                b.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
            }
            return new IssuedCertificate(leaf.getPrivate(), sign(b, keys), certificate);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + commonName, e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair subjectKeys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(63, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject,
                subjectKeys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make EC P-256 keys", e);
        }
    }

    /** An IP address literal becomes an IP entry (clients match IPs only against those), anything else a DNS one. */
    static GeneralName generalName(String name) {
        boolean ip = IPV4.matcher(name).matches() || name.indexOf(':') >= 0;
        return new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name);
    }
}
