package ai.altertable.reactive.postgres;

import ai.altertable.reactive.core.ConfigurationException;

import java.net.URI;
import java.util.Locale;

/**
 * A parsed Postgres endpoint URI ({@code postgresql://host[:port][/database][?sslmode=...&sslnegotiation=...]}):
 * host, port ({@link PostgresClientOptions#DEFAULT_PORT} when TLS and none is named), database, TLS on or off, and how
 * TLS starts. Every refusal is a {@link ConfigurationException} that never repeats credentials.
 */
final class Endpoint {

    final String host;
    final int port;
    final String database;
    final boolean tls;
    final TlsNegotiation negotiation;

    private Endpoint(String host, int port, String database, boolean tls, TlsNegotiation negotiation) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.tls = tls;
        this.negotiation = negotiation;
    }

    /**
     * @param url        the endpoint
     * @param negotiation set with the builder, or {@code null}; must agree with the URI's {@code sslnegotiation}
     */
    static Endpoint parse(URI url, TlsNegotiation negotiation) {
        if (url.getRawUserInfo() != null) { // checked first: the messages below repeat the URI
            throw new ConfigurationException("the Postgres endpoint must not carry credentials; use credentials(...)");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
            throw new ConfigurationException("the Postgres endpoint must be a postgresql:// URI, was " + url);
        }
        if (url.getHost() == null) {
            throw new ConfigurationException("the Postgres endpoint needs a host, was " + url);
        }
        Parameters parameters = Parameters.of(url);
        TlsNegotiation resolved = negotiation(parameters.negotiation, negotiation);
        if (!parameters.tls && resolved == TlsNegotiation.DIRECT) {
            throw new ConfigurationException("direct TLS negotiation contradicts a plaintext Postgres endpoint: "
                    + url);
        }
        int port = url.getPort();
        if (port <= 0 && !parameters.tls) {
            throw new ConfigurationException("a plaintext Postgres endpoint needs a port (" + PostgresClientOptions
                    .DEFAULT_PORT + ", the default, is the TLS endpoint's), was " + url);
        }
        String path = url.getPath() == null ? "" : url.getPath();
        String database = path.isEmpty() || path.equals("/") ? null : path.substring(1);
        if (database != null && database.contains("/")) {
            throw new ConfigurationException("the Postgres endpoint's path must be one database name, was " + path);
        }
        return new Endpoint(url.getHost(), port > 0 ? port : PostgresClientOptions.DEFAULT_PORT, database,
                parameters.tls, resolved);
    }

    private static TlsNegotiation negotiation(TlsNegotiation fromUri, TlsNegotiation fromBuilder) {
        if (fromUri != null && fromBuilder != null && fromUri != fromBuilder) {
            throw new ConfigurationException("tlsNegotiation(" + fromBuilder
                    + ") contradicts the endpoint's sslnegotiation=" + fromUri.name().toLowerCase(Locale.ROOT));
        }
        return fromUri != null ? fromUri : fromBuilder != null ? fromBuilder : TlsNegotiation.POSTGRES;
    }

    /** The URI's query: {@code sslmode} and {@code sslnegotiation}, nothing else. */
    private static final class Parameters {
        boolean tls = true;
        TlsNegotiation negotiation;

        static Parameters of(URI url) {
            Parameters p = new Parameters();
            String query = url.getRawQuery();
            if (query == null || query.isEmpty()) {
                return p;
            }
            for (String parameter : query.split("&")) {
                int eq = parameter.indexOf('=');
                String name = eq < 0 ? parameter : parameter.substring(0, eq);
                String value = eq < 0 ? "" : parameter.substring(eq + 1).toLowerCase(Locale.ROOT);
                if (name.equals("sslmode")) {
                    p.sslMode(value);
                } else if (name.equals("sslnegotiation")) {
                    p.sslNegotiation(value);
                } else {
                    throw new ConfigurationException("the Postgres endpoint supports only the sslmode and"
                            + " sslnegotiation parameters, was " + url);
                }
            }
            return p;
        }

        private void sslMode(String value) {
            if (value.equals("disable")) {
                tls = false;
            } else if (!value.equals("verify-full")) {
                throw new ConfigurationException("sslmode must be verify-full (the default) or disable, was " + value);
            }
        }

        private void sslNegotiation(String value) {
            if (value.equals("postgres")) {
                negotiation = TlsNegotiation.POSTGRES;
            } else if (value.equals("direct")) {
                negotiation = TlsNegotiation.DIRECT;
            } else {
                throw new ConfigurationException("sslnegotiation must be postgres (the default) or direct, was "
                        + value);
            }
        }
    }
}
