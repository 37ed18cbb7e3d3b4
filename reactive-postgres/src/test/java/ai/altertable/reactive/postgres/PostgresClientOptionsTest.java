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
        PostgresClientOptions o = PostgresClientOptions.builder().environment(ENV).build();
        assertThat(o.host()).isEqualTo("postgres.altertable.ai");
        assertThat(o.port()).isEqualTo(443);
        assertThat(o.isTls()).isTrue();
        assertThat(o.database()).isNull();
        assertThat(o.fetchSize()).isEqualTo(PostgresClientOptions.DEFAULT_FETCH_SIZE);
        assertThat(o.preparedStatementCacheQueries()).isEqualTo(64);
        assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.applicationName()).isEqualTo("altertable-reactive/0.1.0");
        assertThat(o.credentials().credentials().block().username()).isEqualTo("alice");
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
    void mutateKeepsEverything() {
        PostgresClientOptions o = PostgresClientOptions.builder().environment(ENV)
                .endpoint("postgresql://db.example:6543/cat").fetchSize(10).preparedStatementCacheQueries(0)
                .maxConnections(3).applicationName("svc").connectTimeout(Duration.ofSeconds(2)).build();
        PostgresClientOptions copy = o.mutate().build();
        assertThat(copy.toString()).isEqualTo(o.toString());
        assertThat(copy.applicationName()).isEqualTo("altertable-reactive/0.1.0 svc");
        assertThat(copy.endpoint()).hasToString("postgresql://db.example:6543/cat");
    }

    @Test
    void toStringNeverShowsTheSecret() {
        PostgresClientOptions o = PostgresClientOptions.builder().environment(ENV).build();
        assertThat(o.toString()).contains("alice").doesNotContain("pw-from-env-123");
    }

    @Test
    void refusesWeakerTlsCredentialsInTheUriAndOtherSchemes() {
        assertThatThrownBy(() -> build("postgresql://h:5432/db?sslmode=require"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("sslmode");
        assertThatThrownBy(() -> build("postgresql://u:hunter2-secret@h:5432/db"))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2-secret"));
        assertThatThrownBy(() -> build("http://h:5432/db")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> build("postgresql://h/db")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("port");
        assertThatThrownBy(() -> PostgresClientOptions.builder().environment(ENV).fetchSize(0).build())
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> PostgresClientOptions.builder().environment(ENV).maxConnections(0).build())
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void noCredentialsFailsAtBuild() {
        assertThatThrownBy(() -> PostgresClientOptions.builder().environment(Map.of()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ALTERTABLE_LAKEHOUSE_USERNAME");
    }

    private static PostgresClientOptions build(String endpoint) {
        return PostgresClientOptions.builder().environment(ENV).endpoint(endpoint).build();
    }
}
