package ai.altertable.reactive.postgres.internal;

import ai.altertable.reactive.core.CredentialsProvider;
import ai.altertable.reactive.core.TlsOptions;
import ai.altertable.reactive.postgres.PostgresClientOptions;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.client.SSLMode;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.KeyManagerFactory;

/**
 * Builds the r2dbc-postgresql {@link PostgresqlConnectionFactory} of a {@link PostgresClientOptions}: endpoint,
 * credentials resolved per connection, TLS ({@code verify-full} with SNI) or plaintext, and the defaults described
 * there. The one place that knows r2dbc-postgresql's configuration.
 */
public final class ConnectionFactories {

    private ConnectionFactories() {
    }

    /** A connection factory for {@code options}; creates nothing until a connection is asked for. */
    public static PostgresqlConnectionFactory create(PostgresClientOptions options) {
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
            TlsOptions tls = options.tls();
            b.sslMode(SSLMode.VERIFY_FULL)
                    .sslSni(true)
                    .sslContextBuilderCustomizer(context -> trust(context, tls));
        } else {
            b.sslMode(SSLMode.DISABLE);
        }
        return new PostgresqlConnectionFactory(b.build());
    }

    private static SslContextBuilder trust(SslContextBuilder context, TlsOptions tls) {
        if (!tls.usesSystemTrust()) {
            context.trustManager(tls.trustManagerFactory());
        }
        KeyManagerFactory keys = tls.keyManagerFactory();
        return keys == null ? context : context.keyManager(keys);
    }
}
