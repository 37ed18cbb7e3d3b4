package ai.altertable.reactive.postgres;

import ai.altertable.reactive.core.ConfigurationException;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.postgres.internal.PgLogin;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresClientOptionsTest {

    private static final Map<String, String> ENV = Map.of("ALTERTABLE_LAKEHOUSE_USERNAME", "alice",
            "ALTERTABLE_LAKEHOUSE_PASSWORD", "pw-from-env-123");

    @Test
    void defaultsSuitTheAltertableEndpoint() {
        PostgresClientOptions o = build("postgresql://db.example");
        assertThat(o.host()).isEqualTo("db.example");
        assertThat(o.port()).isEqualTo(443).isEqualTo(PostgresClientOptions.DEFAULT_PORT);
        assertThat(o.isTls()).isTrue();
        assertThat(o.tlsNegotiation()).isEqualTo(TlsNegotiation.POSTGRES);
        assertThat(o.endpoint()).hasToString("postgresql://db.example:443");
        assertThat(o.database()).isNull();
        assertThat(o.fetchSize()).isEqualTo(PostgresClientOptions.DEFAULT_FETCH_SIZE);
        assertThat(o.preparedStatementCacheQueries()).isEqualTo(64);
        assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.applicationName()).isEqualTo("altertable-reactive/0.1.0");
        assertThat(o.credentials().credentials().block().username()).isEqualTo("alice");
    }

    @Test
    void noEndpointFailsSayingWhatToSet() {
        assertThatThrownBy(() -> PostgresClientOptions.builder().environment(ENV).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ALTERTABLE_POSTGRES_URL")
                .hasMessageContaining("endpoint(")
                .hasMessageContaining("TLS on port 443");
        Map<String, String> blank = new java.util.HashMap<>(ENV);
        blank.put("ALTERTABLE_POSTGRES_URL", "  ");
        assertThatThrownBy(() -> PostgresClientOptions.builder().environment(blank).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ALTERTABLE_POSTGRES_URL");
    }

    @Test
    void aPortNamedIsKeptAndAPlaintextEndpointMustNameOne() {
        assertThat(build("postgresql://db.example:6543/cat").port()).isEqualTo(6543);
        assertThat(build("postgres://db.example/cat").port()).isEqualTo(443);
        assertThatThrownBy(() -> build("postgresql://127.0.0.1/memory?sslmode=disable"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("port");
    }

    @Test
    void endpointAndCredentialsFromTheEnvironment() {
        PostgresClientOptions o = PostgresClientOptions.builder().environment(Map.of(
                "ALTERTABLE_POSTGRES_URL", "postgresql://127.0.0.1:5433/my_catalog?sslmode=disable",
                "ALTERTABLE_BASIC_AUTH_TOKEN", Credentials.basic("bob", "tok:en-pw").basicToken())).build();
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.port()).isEqualTo(5433);
        assertThat(o.database()).isEqualTo("my_catalog");
        assertThat(o.isTls()).isFalse();
        assertThat(o.endpoint()).hasToString("postgresql://127.0.0.1:5433/my_catalog?sslmode=disable");
        PgLogin login = PgLogin.of(o.credentials().credentials().block());
        assertThat(login.username()).isEqualTo("bob");
        assertThat(login.password().toString()).isEqualTo("tok:en-pw");
        assertThat(login.toString()).doesNotContain("tok:en-pw");
    }

    @Test
    void sslnegotiationInTheUri() {
        PostgresClientOptions direct = build("postgresql://db.example/cat?sslnegotiation=direct");
        assertThat(direct.tlsNegotiation()).isEqualTo(TlsNegotiation.DIRECT);
        assertThat(direct.endpoint()).hasToString("postgresql://db.example:443/cat?sslnegotiation=direct");
        assertThat(build("postgresql://db.example/cat?sslmode=verify-full&sslnegotiation=DIRECT").tlsNegotiation())
                .isEqualTo(TlsNegotiation.DIRECT);
        PostgresClientOptions postgres = build("postgresql://db.example/cat?sslnegotiation=postgres");
        assertThat(postgres.tlsNegotiation()).isEqualTo(TlsNegotiation.POSTGRES);
        assertThat(postgres.endpoint()).hasToString("postgresql://db.example:443/cat");
        assertThat(build("postgresql://127.0.0.1:5432/cat?sslmode=disable&sslnegotiation=postgres").isTls()).isFalse();
    }

    @Test
    void tlsNegotiationFromTheBuilder() {
        PostgresClientOptions o = PostgresClientOptions.builder().environment(ENV).endpoint("postgresql://db.example")
                .tlsNegotiation(TlsNegotiation.DIRECT).build();
        assertThat(o.tlsNegotiation()).isEqualTo(TlsNegotiation.DIRECT);
        assertThat(o.endpoint()).hasToString("postgresql://db.example:443?sslnegotiation=direct");
        assertThat(o.mutate().build().tlsNegotiation()).isEqualTo(TlsNegotiation.DIRECT);
        assertThat(o.mutate().endpoint("postgresql://other.example").build().tlsNegotiation())
                .isEqualTo(TlsNegotiation.DIRECT);
        assertThat(PostgresClientOptions.builder().environment(ENV).endpoint("postgresql://db.example?sslnegotiation=direct")
                .tlsNegotiation(TlsNegotiation.DIRECT).build().tlsNegotiation()).isEqualTo(TlsNegotiation.DIRECT);
    }

    @Test
    void refusesUnknownAndContradictoryNegotiation() {
        assertThatThrownBy(() -> build("postgresql://db.example/cat?sslnegotiation=tunnel"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("sslnegotiation")
                .hasMessageContaining("tunnel");
        assertThatThrownBy(() -> build("postgresql://db.example/cat?sslnegotiation="))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("sslnegotiation");
        assertThatThrownBy(() -> build("postgresql://127.0.0.1:5432/cat?sslmode=disable&sslnegotiation=direct"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("plaintext");
        assertThatThrownBy(() -> PostgresClientOptions.builder().environment(ENV).plaintext("127.0.0.1", 5432)
                .tlsNegotiation(TlsNegotiation.DIRECT).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("plaintext");
        assertThatThrownBy(() -> PostgresClientOptions.builder().environment(ENV)
                .endpoint("postgresql://db.example?sslnegotiation=postgres").tlsNegotiation(TlsNegotiation.DIRECT)
                .build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("contradicts");
    }

    @Test
    void mutateKeepsEverything() {
        PostgresClientOptions o = PostgresClientOptions.builder().environment(ENV)
                .endpoint("postgresql://db.example:6543/cat").fetchSize(10).preparedStatementCacheQueries(0)
                .maxConnections(3).applicationName("svc").connectTimeout(Duration.ofSeconds(2)).build();
        PostgresClientOptions copy = o.mutate().build();
        assertThat(copy.toString()).isEqualTo(o.toString());
        assertThat(copy.applicationName()).isEqualTo("altertable-reactive/0.1.0 svc");
        assertThat(copy.endpoint()).hasToString("postgresql://db.example:6543/cat");
        PostgresClientOptions plain = PostgresClientOptions.builder().environment(ENV).plaintext("127.0.0.1", 5432)
                .build();
        assertThat(plain.mutate().build().endpoint()).isEqualTo(plain.endpoint());
    }

    @Test
    void toStringNeverShowsTheSecret() {
        PostgresClientOptions o = build("postgresql://db.example/cat?sslnegotiation=direct");
        assertThat(o.toString()).contains("alice").contains("tlsNegotiation=DIRECT").doesNotContain("pw-from-env-123");
    }

    @Test
    void refusesWeakerTlsCredentialsInTheUriAndOtherSchemes() {
        assertThatThrownBy(() -> build("postgresql://h:5432/db?sslmode=require"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("sslmode");
        assertThatThrownBy(() -> build("postgresql://u:hunter2-secret@h:5432/db"))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2-secret"));
        assertThatThrownBy(() -> build("http://h:5432/db")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> build("postgresql:///db")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("host");
        assertThatThrownBy(() -> build("postgresql://h/db?application_name=x"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("sslnegotiation");
        assertThatThrownBy(() -> PostgresClientOptions.builder().environment(ENV).endpoint("postgresql://h")
                .fetchSize(0).build())
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> PostgresClientOptions.builder().environment(ENV).endpoint("postgresql://h")
                .maxConnections(0).build())
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void noCredentialsFailsAtBuild() {
        assertThatThrownBy(() -> PostgresClientOptions.builder().environment(Map.of()).endpoint("postgresql://h")
                .build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ALTERTABLE_LAKEHOUSE_USERNAME");
    }

    private static PostgresClientOptions build(String endpoint) {
        return PostgresClientOptions.builder().environment(ENV).endpoint(endpoint).build();
    }
}
