package ai.altertable.reactive.core.internal;

import ai.altertable.reactive.core.ErrorContext;
import ai.altertable.reactive.core.TlsException;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Recognises a failed TLS handshake in a transport's failure (its cause chain) and words it as a {@link TlsException}.
 * JDK types only, so that the REST (Reactor Netty) and Flight (gRPC) transports classify alike.
 */
public final class TlsFailures {

    private static final int MAX_DEPTH = 12;

    private TlsFailures() {
    }

    /**
     * The {@link TlsException} for {@code failure}, or {@code null} when it is not a failed handshake. A handshake
     * that timed out is not classified here: a timeout may be transient.
     *
     * @param peer the server, {@code host:port}, for the message; {@code null} when unknown
     */
    public static TlsException classify(Throwable failure, String peer, ErrorContext context) {
        Throwable handshake = null;
        Throwable certificate = null;
        Throwable c = failure;
        for (int i = 0; c != null && i < MAX_DEPTH; i++, c = c.getCause() == c ? null : c.getCause()) {
            if (c.getClass().getSimpleName().contains("HandshakeTimeout")) {
                return null;
            }
            if (handshake == null && (c instanceof SSLHandshakeException || c instanceof SSLPeerUnverifiedException)) {
                handshake = c;
            }
            if (certificate == null && (c instanceof CertificateException || c instanceof CertPathBuilderException
                    || c instanceof CertPathValidatorException)) {
                certificate = c;
            }
        }
        if (handshake == null && certificate == null) {
            return null;
        }
        Throwable cause = handshake != null ? handshake : certificate;
        String server = peer == null ? "the server" : peer;
        String detail = detail(certificate != null ? certificate : handshake);
        if (isHostnameMismatch(certificate)) {
            return new TlsException(TlsException.Reason.HOSTNAME_MISMATCH, peer, "TLS: the certificate of " + server
                    + " is not valid for that host name (" + detail + "); connect with a name the certificate lists "
                    + "(host name verification is always on)", context, cause);
        }
        if (certificate != null) {
            return new TlsException(TlsException.Reason.UNTRUSTED_CERTIFICATE, peer, "TLS: the certificate of "
                    + server + " is not trusted (" + detail + "); if the server uses a private CA, trust it with "
                    + "TlsOptions.builder().trustedCertificates(...) (a PEM file, certificates or a KeyStore) in the "
                    + "client's options", context, cause);
        }
        return new TlsException(TlsException.Reason.HANDSHAKE_FAILED, peer, "TLS: the handshake with " + server
                + " failed (" + detail + "); if the server requires a client certificate, set "
                + "TlsOptions.builder().clientCertificate(...)", context, cause);
    }

    private static boolean isHostnameMismatch(Throwable certificate) {
        if (!(certificate instanceof CertificateException) || certificate.getMessage() == null) {
            return false;
        }
        String m = certificate.getMessage().toLowerCase(Locale.ROOT);
        return m.contains("no subject alternative") || m.contains("no name matching") || m.contains("doesn't match")
                || m.contains("does not match");
    }

    private static String detail(Throwable t) {
        String m = t.getMessage();
        return Redaction.excerpt(m == null || m.isBlank() ? t.getClass().getSimpleName() : m, 200);
    }
}
