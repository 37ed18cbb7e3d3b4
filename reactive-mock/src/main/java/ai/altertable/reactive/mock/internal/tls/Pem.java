package ai.altertable.reactive.mock.internal.tls;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** PEM text of certificates and keys (BouncyCastle's writer), and certificates read back (the JDK's reader). */
public final class Pem {

    private Pem() {
    }

    /** The certificates, one PEM block each, in order. */
    public static byte[] certificates(X509Certificate... certificates) {
        return write(w -> {
            for (X509Certificate c : certificates) {
                w.writeObject(c);
            }
        });
    }

    /** {@code key} as unencrypted PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}), which every TLS stack reads. */
    public static byte[] privateKey(PrivateKey key) {
        return write(w -> w.writeObject(new JcaPKCS8Generator(key, null)));
    }

    /**
     * The X.509 certificates of a PEM (or DER) file.
     *
     * @throws IllegalArgumentException if the file cannot be read or holds no certificate
     */
    public static List<X509Certificate> readCertificates(Path file, String what) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            List<X509Certificate> out = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))
                    .forEach(c -> out.add((X509Certificate) c));
            if (out.isEmpty()) {
                throw new IllegalArgumentException(what + ": no certificate in " + file);
            }
            return out;
        } catch (CertificateException e) {
            throw new IllegalArgumentException(what + ": " + file + " holds no readable X.509 certificate ("
                    + e.getMessage() + ")", e);
        }
    }

    private static byte[] write(PemBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JcaPEMWriter w = new JcaPEMWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII))) {
            body.write(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @FunctionalInterface
    private interface PemBody {
        void write(JcaPEMWriter writer) throws IOException;
    }
}
