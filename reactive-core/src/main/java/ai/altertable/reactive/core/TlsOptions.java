package ai.altertable.reactive.core;

import ai.altertable.reactive.core.internal.PemFiles;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a client verifies the server and proves who it is over TLS, the same for every transport: the trust roots (the
 * JVM's default ones, a PEM file of CA certificates, certificates, or a {@link KeyStore}) and, for mutual TLS, a client
 * certificate (PEM files, a key and its chain, or a {@code KeyStore}). Host name verification is always on: the
 * server's certificate must be valid for the host of the URL or endpoint. There is no switch that turns verification
 * off: behind a TLS-inspecting proxy, trust that proxy's CA instead.
 *
 * <p>Immutable; files are read when a client is created (a missing or unreadable file fails
 * {@code LakehouseClient.create} or {@code LakehouseFlightClient.create} with a {@link ConfigurationException}).
 * {@link #toString()} names files and counts, never a key or a password.
 */
public final class TlsOptions {

    private static final TlsOptions SYSTEM = builder().build();

    private final Path trustFile;
    private final List<X509Certificate> trustCertificates;
    private final KeyStore trustStore;
    private final Path clientCertificateFile;
    private final Path clientKeyFile;
    private final PrivateKey clientKey;
    private final List<X509Certificate> clientChain;
    private final KeyStore keyStore;
    private final char[] keyStorePassword;

    private TlsOptions(Builder b) {
        this.trustFile = b.trustFile;
        this.trustCertificates = b.trustCertificates;
        this.trustStore = b.trustStore;
        this.clientCertificateFile = b.clientCertificateFile;
        this.clientKeyFile = b.clientKeyFile;
        this.clientKey = b.clientKey;
        this.clientChain = b.clientChain;
        this.keyStore = b.keyStore;
        this.keyStorePassword = b.keyStorePassword;
    }

    /** The JVM's default trust roots, no client certificate: what production needs. */
    public static TlsOptions systemDefault() {
        return SYSTEM;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder mutate() {
        Builder b = new Builder();
        b.trustFile = trustFile;
        b.trustCertificates = trustCertificates;
        b.trustStore = trustStore;
        b.clientCertificateFile = clientCertificateFile;
        b.clientKeyFile = clientKeyFile;
        b.clientKey = clientKey;
        b.clientChain = clientChain;
        b.keyStore = keyStore;
        b.keyStorePassword = keyStorePassword;
        return b;
    }

    /** Whether the JVM's default trust roots are used (no other trust setting was given). */
    public boolean usesSystemTrust() {
        return trustFile == null && trustCertificates == null && trustStore == null;
    }

    /** Whether a client certificate is configured. */
    public boolean hasClientCertificate() {
        return clientCertificateFile != null || clientKey != null || keyStore != null;
    }

    /**
     * The trust roots as a JDK {@link TrustManagerFactory}, for the transports' TLS stacks.
     *
     * @throws ConfigurationException if a file cannot be read or holds no certificate
     */
    public TrustManagerFactory trustManagerFactory() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (trustStore != null) {
                tmf.init(trustStore);
            } else if (trustFile != null || trustCertificates != null) {
                List<X509Certificate> roots = trustFile != null
                        ? PemFiles.certificates(trustFile, "trustedCertificates") : trustCertificates;
                tmf.init(PemFiles.trustStore(roots));
            } else {
                tmf.init((KeyStore) null);
            }
            return tmf;
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("the TLS trust roots cannot be used: " + e.getMessage(), e);
        }
    }

    /**
     * The client certificate as a JDK {@link KeyManagerFactory}, or {@code null} when none is configured.
     *
     * @throws ConfigurationException if a file cannot be read or does not hold what it should
     */
    public KeyManagerFactory keyManagerFactory() {
        if (!hasClientCertificate()) {
            return null;
        }
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            if (keyStore != null) {
                kmf.init(keyStore, keyStorePassword);
            } else {
                PrivateKey key = clientKey != null ? clientKey : PemFiles.privateKey(clientKeyFile);
                List<X509Certificate> chain = clientChain != null ? clientChain
                        : PemFiles.certificates(clientCertificateFile, "clientCertificate");
                char[] password = PemFiles.randomPassword();
                kmf.init(PemFiles.keyStore(key, chain, password), password);
            }
            return kmf;
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("the TLS client certificate cannot be used: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        String trust = trustStore != null ? "KeyStore" : trustFile != null ? "file " + trustFile
                : trustCertificates != null ? trustCertificates.size() + " certificate(s)" : "system";
        String client = keyStore != null ? "KeyStore" : clientCertificateFile != null ? "file " + clientCertificateFile
                : clientKey != null ? "key and " + clientChain.size() + " certificate(s)" : "none";
        return "TlsOptions[trust=" + trust + ", clientCertificate=" + client + ", hostnameVerification=on]";
    }

    /** Builder for {@link TlsOptions}; each trust setting replaces the others, and so does each client setting. */
    public static final class Builder {
        private Path trustFile;
        private List<X509Certificate> trustCertificates;
        private KeyStore trustStore;
        private Path clientCertificateFile;
        private Path clientKeyFile;
        private PrivateKey clientKey;
        private List<X509Certificate> clientChain;
        private KeyStore keyStore;
        private char[] keyStorePassword;

        private Builder() {
        }

        /** Trust only the CA certificates in this PEM (or DER) file, for example a private or a test CA. */
        public Builder trustedCertificates(Path caFile) {
            clearTrust();
            this.trustFile = Objects.requireNonNull(caFile, "caFile");
            return this;
        }

        /** Trust only these CA certificates. */
        public Builder trustedCertificates(X509Certificate... certificates) {
            if (certificates.length == 0) {
                throw new IllegalArgumentException("trustedCertificates needs at least one certificate");
            }
            clearTrust();
            this.trustCertificates = List.copyOf(Arrays.asList(certificates));
            return this;
        }

        /** Trust the certificates of this {@link KeyStore} (its trusted-certificate entries). */
        public Builder trustStore(KeyStore trustStore) {
            clearTrust();
            this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
            return this;
        }

        /** The JVM's default trust roots (the default). */
        public Builder systemTrust() {
            clearTrust();
            return this;
        }

        /**
         * Mutual TLS: present this certificate chain (PEM) and its private key (PEM, unencrypted PKCS#8,
         * {@code -----BEGIN PRIVATE KEY-----}; convert others with {@code openssl pkcs8 -topk8 -nocrypt}).
         */
        public Builder clientCertificate(Path certificateChain, Path privateKey) {
            clearClient();
            this.clientCertificateFile = Objects.requireNonNull(certificateChain, "certificateChain");
            this.clientKeyFile = Objects.requireNonNull(privateKey, "privateKey");
            return this;
        }

        /** Mutual TLS with a key and its certificate chain (the client's certificate first). */
        public Builder clientCertificate(PrivateKey privateKey, X509Certificate... chain) {
            if (chain.length == 0) {
                throw new IllegalArgumentException("clientCertificate needs the certificate chain");
            }
            clearClient();
            this.clientKey = Objects.requireNonNull(privateKey, "privateKey");
            this.clientChain = List.copyOf(Arrays.asList(chain));
            return this;
        }

        /** Mutual TLS with the key entry of a {@link KeyStore} and its password. */
        public Builder keyStore(KeyStore keyStore, char[] password) {
            clearClient();
            this.keyStore = Objects.requireNonNull(keyStore, "keyStore");
            this.keyStorePassword = password == null ? null : password.clone();
            return this;
        }

        private void clearTrust() {
            trustFile = null;
            trustCertificates = null;
            trustStore = null;
        }

        private void clearClient() {
            clientCertificateFile = null;
            clientKeyFile = null;
            clientKey = null;
            clientChain = null;
            keyStore = null;
            keyStorePassword = null;
        }

        public TlsOptions build() {
            return new TlsOptions(this);
        }
    }
}
