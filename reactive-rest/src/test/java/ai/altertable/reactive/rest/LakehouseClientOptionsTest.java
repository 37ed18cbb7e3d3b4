package ai.altertable.reactive.rest;

import ai.altertable.reactive.core.ConfigurationException;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The REST client's options: defaults, the environment, validation at build, mutate, and no secret in toString. */
class LakehouseClientOptionsTest {

    private static final String SECRET = "s3cret-pw-in-options";
    private static final Credentials ALICE = Credentials.basic("alice", SECRET);
    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void defaultsAreThePublishedConstants() {
        LakehouseClientOptions o = LakehouseClientOptions.builder().environment(NO_ENV).credentials(ALICE).build();
        assertThat(o.baseUrl()).isEqualTo(URI.create(LakehouseClientOptions.DEFAULT_BASE_URL));
        assertThat(o.connectTimeout()).isEqualTo(LakehouseClientOptions.DEFAULT_CONNECT_TIMEOUT);
        assertThat(o.responseTimeout()).isEqualTo(LakehouseClientOptions.DEFAULT_RESPONSE_TIMEOUT);
        assertThat(o.idleTimeout()).isEqualTo(LakehouseClientOptions.DEFAULT_IDLE_TIMEOUT);
        assertThat(o.maxLineBytes()).isEqualTo(LakehouseClientOptions.DEFAULT_MAX_LINE_BYTES);
        assertThat(o.maxConnections()).isEqualTo(LakehouseClientOptions.DEFAULT_MAX_CONNECTIONS);
        assertThat(o.maxIdleTime()).isEqualTo(LakehouseClientOptions.DEFAULT_MAX_IDLE_TIME);
        assertThat(o.maxLifeTime()).isEqualTo(LakehouseClientOptions.DEFAULT_MAX_LIFE_TIME);
        assertThat(o.userAgent()).isEqualTo(LakehouseClientOptions.DEFAULT_USER_AGENT);
        assertThat(o.retryPolicy()).hasToString(RetryPolicy.defaults().toString());
    }

    @Test
    void baseUrlAndCredentialsComeFromTheEnvironmentWhenNotGiven() {
        LakehouseClientOptions o = LakehouseClientOptions.builder()
                .environment(Map.of(LakehouseClientOptions.ENV_BASE_URL, "http://lake.example:8080/",
                        Credentials.ENV_USERNAME, "bob", Credentials.ENV_PASSWORD, "pw-from-env"))
                .build();
        assertThat(o.baseUrl()).isEqualTo(URI.create("http://lake.example:8080"));
        assertThat(o.credentials().credentials().block().username()).isEqualTo("bob");

        LakehouseClientOptions given = LakehouseClientOptions.builder()
                .environment(Map.of(LakehouseClientOptions.ENV_BASE_URL, "http://lake.example:8080"))
                .baseUrl("https://given.example").credentials(ALICE).build();
        assertThat(given.baseUrl()).isEqualTo(URI.create("https://given.example"));
        assertThat(given.credentials().credentials().block().username()).isEqualTo("alice");

        assertThatThrownBy(() -> LakehouseClientOptions.builder().environment(NO_ENV).build())
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void invalidSettingsFailAtBuild() {
        assertInvalid(b -> b.baseUrl("ftp://lake.example"), "http(s)");
        assertInvalid(b -> b.baseUrl("http:///no-host"), "host");
        assertInvalid(b -> b.baseUrl("not a url"), "valid URL");
        assertInvalid(b -> b.maxLineBytes(1023), "maxLineBytes");
        assertInvalid(b -> b.maxConnections(0), "maxConnections");
        assertInvalid(b -> b.connectTimeout(Duration.ZERO), "connectTimeout");
        assertInvalid(b -> b.connectTimeout(Duration.ofDays(30)), "connectTimeout");
        assertInvalid(b -> b.responseTimeout(Duration.ofSeconds(-1)), "responseTimeout");
        assertInvalid(b -> b.idleTimeout(Duration.ofSeconds(-1)), "idleTimeout");
        assertInvalid(b -> b.maxIdleTime(Duration.ZERO), "maxIdleTime");
        assertInvalid(b -> b.maxLifeTime(Duration.ZERO), "maxLifeTime");
        LakehouseClientOptions zeroDisables = builder().responseTimeout(Duration.ZERO).idleTimeout(Duration.ZERO).build();
        assertThat(zeroDisables.idleTimeout()).isZero();
    }

    @Test
    void aUrlWithCredentialsIsRefusedWithoutRepeatingThem() {
        for (String url : new String[]{"http://alice:" + SECRET + "@lake.example", "ftp://alice:" + SECRET + "@x"}) {
            assertThatThrownBy(() -> builder().baseUrl(url).build())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("must not carry credentials")
                    .hasMessageNotContaining(SECRET);
        }
    }

    @Test
    void mutateKeepsEverySettingAndChangesOnlyWhatItIsTold() {
        LakehouseClientOptions o = builder().baseUrl("http://127.0.0.1:9/").connectTimeout(Duration.ofSeconds(2))
                .responseTimeout(Duration.ofSeconds(3)).idleTimeout(Duration.ofSeconds(4)).maxLineBytes(4096)
                .retryPolicy(RetryPolicy.none()).maxConnections(7).maxIdleTime(Duration.ofSeconds(5))
                .maxLifeTime(Duration.ofSeconds(6)).userAgent("svc/1").httpClient(h -> h.compress(true)).build();
        assertThat(o.mutate().build()).hasToString(o.toString());
        assertThat(o.mutate().build().httpClient()).isSameAs(o.httpClient());
        assertThat(o.mutate().build().credentials()).isSameAs(o.credentials());
        LakehouseClientOptions impatient = o.mutate().idleTimeout(Duration.ofMillis(1)).build();
        assertThat(impatient.idleTimeout()).isEqualTo(Duration.ofMillis(1));
        assertThat(impatient.toString().replace("idleTimeout=PT0.001S", "idleTimeout=PT4S")).isEqualTo(o.toString());
        assertThat(o.userAgent()).isEqualTo(LakehouseClientOptions.DEFAULT_USER_AGENT + " svc/1");
    }

    @Test
    void toStringShowsTheSettingsButNoSecret() {
        LakehouseClientOptions o = builder().baseUrl("http://127.0.0.1:9").build();
        assertThat(o.toString()).contains("baseUrl=http://127.0.0.1:9", "maxConnections=256", "httpClient=default")
                .doesNotContain(SECRET);
        assertThat(LakehouseClientOptions.builder().environment(NO_ENV).credentials(Credentials.token(
                java.util.Base64.getEncoder().encodeToString(("alice:" + SECRET).getBytes()))).build().toString())
                .doesNotContain(SECRET)
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(("alice:" + SECRET).getBytes()));
    }

    private static LakehouseClientOptions.Builder builder() {
        return LakehouseClientOptions.builder().environment(NO_ENV).credentials(ALICE);
    }

    private static void assertInvalid(java.util.function.UnaryOperator<LakehouseClientOptions.Builder> change,
                                      String message) {
        assertThatThrownBy(() -> change.apply(builder()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(message);
    }
}
