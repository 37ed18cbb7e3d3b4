package ai.altertable.reactive.postgres;

/**
 * How a TLS connection to the Postgres endpoint starts ({@link PostgresClientOptions.Builder#tlsNegotiation}, or the
 * libpq 17 URI parameter {@code sslnegotiation=postgres|direct}). Which of the two Altertable's endpoint expects is not
 * documented; {@link #POSTGRES} is the default because every Postgres client (psql, pgjdbc, r2dbc-postgresql, libpq
 * before 17) starts that way, so a server that speaks the Postgres protocol has to accept it.
 */
public enum TlsNegotiation {

    /**
     * The client sends {@code SSLRequest} in plaintext, the server answers {@code S}, then the TLS handshake starts
     * (the server answering {@code N} fails the connection: there is no plaintext fallback). The default.
     */
    POSTGRES,

    /**
     * The TLS handshake starts at once (a TLS {@code ClientHello} is the first thing sent, with ALPN
     * {@code postgresql}), as PostgreSQL 17 servers accept ({@code sslnegotiation=direct} in libpq 17). Choose it for
     * an endpoint that is TLS first, such as one behind a TLS-terminating proxy or load balancer on port 443 that
     * does not understand {@code SSLRequest}; it saves one round trip. A server that expects {@code SSLRequest} fails
     * the handshake.
     */
    DIRECT
}
