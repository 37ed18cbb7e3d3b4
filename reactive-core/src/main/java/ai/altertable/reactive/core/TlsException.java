package ai.altertable.reactive.core;

import java.util.Objects;

/**
 * The TLS handshake failed: the server's certificate is not trusted, is not valid for the host name the client
 * connected to, or the server refused the handshake (a client certificate it requires, for example). Never retryable:
 * the same handshake would fail again, so the client fails at once instead of retrying for the length of its retry
 * policy. The request was never sent ({@link #requestSent()} is {@code false}).
 *
 * <p>The message names the server ({@code host:port}) and says how to fix it, for example which
 * {@link TlsOptions} setting makes the client trust a private CA.
 */
public class TlsException extends NetworkException {

    private static final long serialVersionUID = 1L;

    /** What went wrong in the handshake. */
    public enum Reason {
        /** The server's certificate does not chain to a trusted root. */
        UNTRUSTED_CERTIFICATE,
        /** The certificate is trusted but not valid for the host name (or IP address) the client connected to. */
        HOSTNAME_MISMATCH,
        /** The handshake failed otherwise: the server refused it (often: a required client certificate), a protocol
         *  or cipher mismatch, an expired certificate. */
        HANDSHAKE_FAILED
    }

    private final Reason reason;
    private final String peer;

    public TlsException(Reason reason, String peer, String message, ErrorContext context, Throwable cause) {
        super(message, context, false, false, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.peer = peer;
    }

    /** Which part of the handshake failed. */
    public Reason tlsReason() {
        return reason;
    }

    /** The server, {@code host:port}, or {@code null} when unknown. */
    public String peer() {
        return peer;
    }
}
