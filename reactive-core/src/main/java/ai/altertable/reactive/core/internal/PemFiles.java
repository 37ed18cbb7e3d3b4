package ai.altertable.reactive.core.internal;

import ai.altertable.reactive.core.ConfigurationException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and keys from PEM files with the JDK alone: certificates through its X.509 {@link CertificateFactory}
 * (PEM or DER), an unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY}) through {@link KeyFactory}, and the in-memory
 * key stores the JDK's TLS factories take.
 */
public final class PemFiles {

    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final List<String> KEY_ALGORITHMS = List.of("EC", "RSA", "Ed25519", "Ed448", "DSA");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PemFiles() {
    }

    /** The certificates in {@code file}; {@code setting} names the option in the error. */
    public static List<X509Certificate> certificates(Path file, String setting) {
        byte[] bytes = read(file, setting);
        try {
            List<X509Certificate> out = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))
                    .forEach(c -> out.add((X509Certificate) c));
            if (out.isEmpty()) {
                throw new ConfigurationException(setting + ": no certificate in " + file);
            }
            return out;
        } catch (CertificateException e) {
            throw new ConfigurationException(setting + ": " + file + " holds no readable X.509 certificate", e);
        }
    }

    /** The unencrypted PKCS#8 key in {@code file}. */
    public static PrivateKey privateKey(Path file) {
        String text = new String(read(file, "clientCertificate"), StandardCharsets.US_ASCII);
        Matcher m = PKCS8.matcher(text);
        if (!m.find()) {
            throw new ConfigurationException("clientCertificate: " + file + " holds no unencrypted PKCS#8 key "
                    + "(-----BEGIN PRIVATE KEY-----); convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.p8");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(m.group(1)));
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
                // not this algorithm: try the next one
            }
        }
        throw new ConfigurationException("clientCertificate: the key in " + file + " is of no algorithm this JVM reads");
    }

    /** A key store holding {@code roots} as trusted certificates. */
    public static KeyStore trustStore(List<X509Certificate> roots) throws GeneralSecurityException {
        KeyStore ks = empty();
        for (int i = 0; i < roots.size(); i++) {
            ks.setCertificateEntry("root-" + i, roots.get(i));
        }
        return ks;
    }

    /** A key store holding one key entry. */
    public static KeyStore keyStore(PrivateKey key, List<X509Certificate> chain, char[] password)
            throws GeneralSecurityException {
        KeyStore ks = empty();
        ks.setKeyEntry("client", key, password, chain.toArray(new X509Certificate[0]));
        return ks;
    }

    /** A password for an in-memory key store that never leaves the process. */
    public static char[] randomPassword() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().withoutPadding().encodeToString(b).toCharArray();
    }

    private static KeyStore empty() throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return ks;
    }

    private static byte[] read(Path file, String setting) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigurationException(setting + ": cannot read " + file + " (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }
}
