package ai.altertable.reactive.postgres.internal;

import ai.altertable.reactive.core.CredentialsProvider;
import ai.altertable.reactive.core.TlsOptions;
import ai.altertable.reactive.postgres.PostgresClientOptions;
import ai.altertable.reactive.postgres.TlsNegotiation;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.client.SSLMode;
import io.r2dbc.postgresql.client.SSLNegotiation;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the r2dbc-postgresql {@link PostgresqlConnectionFactory} of a {@link PostgresClientOptions}: endpoint,
 * credentials resolved per connection, TLS ({@code verify-full} with SNI; {@code SSLRequest} first or direct, as
 * {@link PostgresClientOptions#tlsNegotiation()} says) or plaintext, and the defaults described
 * there. The one place that knows r2dbc-postgresql's configuration.
 */
public final class ConnectionFactories {

    private ConnectionFactories() {
    }

    /** A connection factory for {@code options}; creates nothing until a connection is asked for. */
    public static PostgresqlConnectionFactory create(PostgresClientOptions options) {
        return new PostgresqlConnectionFactory(configuration(options));
    }

    /** The r2dbc-postgresql configuration of {@code options}. */
    public static PostgresqlConnectionConfiguration configuration(PostgresClientOptions options) {
        CredentialsProvider credentials = options.credentials();
        PostgresqlConnectionConfiguration.Builder b = PostgresqlConnectionConfiguration.builder()
                .host(options.host())
                .port(options.port())
                .username(credentials.credentials().map(c -> PgLogin.of(c).username()))
                .password(credentials.credentials().map(c -> PgLogin.of(c).password()))
                .applicationName(options.applicationName())
                .connectTimeout(options.connectTimeout())
                .autodetectExtensions(false)
                .preparedStatementCacheQueries(options.preparedStatementCacheQueries())
                .fetchSize(options.fetchSize());
        if (options.database() != null) {
            b.database(options.database());
        }
        if (options.isTls()) {
            // read now, on the caller's thread: r2dbc-postgresql builds the SslContext in the channel initializer, on
            // the event loop, for every connection; without a trust manager Netty loads the JDK trust store there
            TlsOptions tls = options.tls();
            TrustManagerFactory trust = tls.trustManagerFactory();
            KeyManagerFactory keys = tls.keyManagerFactory();
            b.sslMode(SSLMode.VERIFY_FULL)
                    .sslSni(true)
                    .sslNegotiation(options.tlsNegotiation() == TlsNegotiation.DIRECT ? SSLNegotiation.DIRECT
                            : SSLNegotiation.POSTGRES)
                    .sslContextBuilderCustomizer(context -> keys == null ? context.trustManager(trust)
                            : context.trustManager(trust).keyManager(keys));
        } else {
            b.sslMode(SSLMode.DISABLE);
        }
        return b.build();
    }
}
