package ai.altertable.reactive.spring;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.RetryPolicy;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.LakehouseClientOptions;
import ai.altertable.reactive.spring.diagnostics.AltertableFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST client's beans: each condition, each property, the environment fallback, the failures. */
class AltertableAutoConfigurationTest {

    static final String URL = "http://127.0.0.1:1";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AltertableAutoConfiguration.class))
            .withClassLoader(new FilteredClassLoader(LakehouseFlightClient.class));

    private final ApplicationContextRunner configured = runner.withPropertyValues("altertable.base-url=" + URL,
            "altertable.credentials.username=alice", "altertable.credentials.password=s3cret-pw");

    @Test
    void clientFromProperties() {
        configured.run(context -> {
            assertThat(context).hasSingleBean(LakehouseClient.class).hasSingleBean(TableAppenders.class)
                    .hasSingleBean(AppendersShutdown.class);
            LakehouseClientOptions options = context.getBean(LakehouseClient.class).options();
            assertThat(options.baseUrl()).isEqualTo(URI.create(URL));
            assertThat(options.credentials().credentials().block()).isEqualTo(Credentials.basic("alice", "s3cret-pw"));
        });
    }

    @Test
    void unsetPropertiesKeepTheLibraryDefaults() {
        configured.run(context -> {
            LakehouseClientOptions options = context.getBean(LakehouseClientOptions.class);
            assertThat(options.connectTimeout()).isEqualTo(LakehouseClientOptions.DEFAULT_CONNECT_TIMEOUT);
            assertThat(options.responseTimeout()).isEqualTo(LakehouseClientOptions.DEFAULT_RESPONSE_TIMEOUT);
            assertThat(options.idleTimeout()).isEqualTo(LakehouseClientOptions.DEFAULT_IDLE_TIMEOUT);
            assertThat(options.maxLineBytes()).isEqualTo(LakehouseClientOptions.DEFAULT_MAX_LINE_BYTES);
            assertThat(options.maxConnections()).isEqualTo(LakehouseClientOptions.DEFAULT_MAX_CONNECTIONS);
            assertThat(options.maxIdleTime()).isEqualTo(LakehouseClientOptions.DEFAULT_MAX_IDLE_TIME);
            assertThat(options.maxLifeTime()).isEqualTo(LakehouseClientOptions.DEFAULT_MAX_LIFE_TIME);
            assertThat(options.userAgent()).isEqualTo(LakehouseClientOptions.DEFAULT_USER_AGENT);
            assertThat(options.retryPolicy().toString()).isEqualTo(RetryPolicy.defaults().toString());
        });
    }

    @Test
    void everyRestProperty() {
        configured.withPropertyValues("altertable.rest.connect-timeout=2s", "altertable.rest.response-timeout=3s",
                "altertable.rest.idle-timeout=0", "altertable.rest.max-line-size=2MB", "altertable.rest.max-connections=7",
                "altertable.rest.max-idle-time=11s", "altertable.rest.max-life-time=5m",
                "altertable.user-agent=events-service").run(context -> {
                    LakehouseClientOptions options = context.getBean(LakehouseClientOptions.class);
                    assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(options.responseTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(options.idleTimeout()).isEqualTo(Duration.ZERO);
                    assertThat(options.maxLineBytes()).isEqualTo(2 * 1024 * 1024);
                    assertThat(options.maxConnections()).isEqualTo(7);
                    assertThat(options.maxIdleTime()).isEqualTo(Duration.ofSeconds(11));
                    assertThat(options.maxLifeTime()).isEqualTo(Duration.ofMinutes(5));
                    assertThat(options.userAgent()).endsWith(" events-service");
                });
    }

    @Test
    void everyRetryProperty() {
        configured.withPropertyValues("altertable.retry.max-attempts=2", "altertable.retry.initial-backoff=10ms",
                "altertable.retry.max-backoff=20ms", "altertable.retry.jitter=0", "altertable.retry.max-elapsed=1s",
                "altertable.retry.honour-retry-after=false", "altertable.retry.max-retry-after=3s").run(context -> {
                    RetryPolicy retry = context.getBean(LakehouseClientOptions.class).retryPolicy();
                    assertThat(retry.maxAttempts()).isEqualTo(2);
                    assertThat(retry.initialBackoff()).isEqualTo(Duration.ofMillis(10));
                    assertThat(retry.maxBackoff()).isEqualTo(Duration.ofMillis(20));
                    assertThat(retry.jitter()).isZero();
                    assertThat(retry.maxElapsed()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(retry.honourRetryAfter()).isFalse();
                    assertThat(retry.maxRetryAfter()).isEqualTo(Duration.ofSeconds(3));
                });
    }

    @Test
    void tokenCredentials() {
        String token = Credentials.basic("bob", "pw-of-bob").basicToken();
        runner.withPropertyValues("altertable.base-url=" + URL, "altertable.credentials.token=" + token)
                .run(context -> assertThat(context.getBean(LakehouseClientOptions.class).credentials().credentials()
                        .block()).isEqualTo(Credentials.basic("bob", "pw-of-bob")));
    }

    @Test
    void urlAndCredentialsFromTheAltertableEnvironment() {
        runner.withPropertyValues("ALTERTABLE_BASE_URL=http://lakehouse.internal:8080",
                "ALTERTABLE_LAKEHOUSE_USERNAME=carol", "ALTERTABLE_LAKEHOUSE_PASSWORD=pw-of-carol").run(context -> {
                    LakehouseClientOptions options = context.getBean(LakehouseClientOptions.class);
                    assertThat(options.baseUrl()).isEqualTo(URI.create("http://lakehouse.internal:8080"));
                    assertThat(options.credentials().credentials().block())
                            .isEqualTo(Credentials.basic("carol", "pw-of-carol"));
                });
    }

    @Test
    void propertiesBeatTheEnvironment() {
        configured.withPropertyValues("ALTERTABLE_LAKEHOUSE_USERNAME=carol", "ALTERTABLE_LAKEHOUSE_PASSWORD=pw")
                .run(context -> assertThat(context.getBean(LakehouseClientOptions.class).credentials().credentials()
                        .block().username()).isEqualTo("alice"));
    }

    @Test
    void customizersApplyAfterTheProperties() {
        configured.withPropertyValues("altertable.rest.max-connections=7")
                .withBean(LakehouseClientOptionsCustomizer.class, () -> b -> b.maxConnections(9))
                .run(context -> assertThat(context.getBean(LakehouseClientOptions.class).maxConnections()).isEqualTo(9));
    }

    @Test
    void backsOffFromTheApplicationsClient() {
        configured.withUserConfiguration(OwnClient.class).run(context -> {
            assertThat(context).hasSingleBean(LakehouseClient.class).doesNotHaveBean(LakehouseClientOptions.class);
            assertThat(context.getBean(LakehouseClient.class)).isSameAs(context.getBean("ownClient"));
        });
    }

    @Test
    void applicationsClientNeedsNoProperties() {
        runner.withUserConfiguration(OwnClient.class).run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(LakehouseClient.class).hasSingleBean(TableAppenders.class));
    }

    @Test
    void usesTheApplicationsOptions() {
        runner.withBean(LakehouseClientOptions.class, () -> LakehouseClientOptions.builder().baseUrl("http://own:1")
                .credentials(Credentials.basic("own", "pw")).build()).run(context -> assertThat(
                        context.getBean(LakehouseClient.class).options().baseUrl()).isEqualTo(URI.create("http://own:1")));
    }

    @Test
    void disabledByProperty() {
        configured.withPropertyValues("altertable.rest.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(LakehouseClient.class).doesNotHaveBean(TableAppenders.class));
    }

    @Test
    void nothingWithoutTheRestClientOnTheClassPath() {
        configured.withClassLoader(new FilteredClassLoader(LakehouseClient.class, LakehouseFlightClient.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AppendersShutdown.class)
                        .doesNotHaveBean(TableAppenders.class));
    }

    @Test
    void appenderSharesTheShutdownOrderOfBoot() {
        assertThat(AppendersShutdown.PHASE)
                .isLessThan(org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE)
                .isGreaterThan(Integer.MAX_VALUE - 2048);
    }

    @Test
    void declaredAppenders() {
        configured.withPropertyValues("altertable.batching.max-rows=500", "altertable.batching.linger=20ms",
                "altertable.appenders.events.table=memory.main.events", "altertable.appenders.events.capacity=100",
                "altertable.appenders.events.overflow=fail", "altertable.appenders.events.batching.max-rows=50",
                "altertable.appenders.clicks.table=memory.main.clicks").run(context -> {
                    TableAppenders appenders = context.getBean(TableAppenders.class);
                    assertThat(appenders.names()).containsExactlyInAnyOrder("events", "clicks");
                    assertThat(appenders.get("events")).isNotNull();
                });
    }

    @Test
    void batchingDefaultsOverTheLibrarys() {
        AltertableProperties.Batching batching = new AltertableProperties.Batching(500, null,
                Duration.ofMillis(20), null, null, null);
        BatchingOptions merged = ai.altertable.reactive.spring.internal.CommonSettings.batching(
                BatchingOptions.defaults(), batching, "altertable.batching");
        assertThat(merged.maxRows()).isEqualTo(500);
        assertThat(merged.linger()).isEqualTo(Duration.ofMillis(20));
        assertThat(merged.maxBytes()).isEqualTo(BatchingOptions.DEFAULT_MAX_BYTES);
        assertThat(merged.maxInFlight()).isEqualTo(BatchingOptions.DEFAULT_MAX_IN_FLIGHT);
    }

    // ------------------------------------------------------------------ failures name the property to set

    @Test
    void missingCredentialsNameTheProperties() {
        runner.withPropertyValues("altertable.base-url=" + URL).run(context -> {
            FailureAnalysis analysis = assertFailure(context,
                    "altertable.credentials.username and altertable.credentials.password");
            // As the README quotes it.
            assertThat(analysis.getDescription()).isEqualTo("The Altertable client could not be configured: "
                    + "altertable.credentials.username and altertable.credentials.password "
                    + "(or altertable.credentials.token): not set, and the environment has no Altertable credentials "
                    + "either (ALTERTABLE_LAKEHOUSE_USERNAME and ALTERTABLE_LAKEHOUSE_PASSWORD, or "
                    + "ALTERTABLE_BASIC_AUTH_TOKEN).");
            assertThat(analysis.getAction()).isEqualTo("Set altertable.credentials.username and "
                    + "altertable.credentials.password (or altertable.credentials.token) in the application's "
                    + "properties (or its environment).");
        });
    }

    @Test
    void incompleteEnvironmentCredentials() {
        runner.withPropertyValues("altertable.base-url=" + URL, "ALTERTABLE_LAKEHOUSE_USERNAME=carol")
                .run(context -> assertThat(assertFailure(context, "altertable.credentials.username")
                        .getDescription()).contains("incomplete").contains("ALTERTABLE_LAKEHOUSE_PASSWORD"));
    }

    @Test
    void usernameWithoutPassword() {
        runner.withPropertyValues("altertable.base-url=" + URL, "altertable.credentials.username=alice")
                .run(context -> assertFailure(context, "altertable.credentials.password"));
    }

    @Test
    void malformedBaseUrl() {
        configured.withPropertyValues("altertable.base-url=lakehouse.internal:8080/x y")
                .run(context -> assertFailure(context, "altertable.base-url"));
    }

    @Test
    void baseUrlWithCredentialsIsRefusedWithoutRepeatingThem() {
        configured.withPropertyValues("altertable.base-url=http://alice:leaked-pw@host:1").run(context -> {
            FailureAnalysis analysis = assertFailure(context, "altertable.base-url");
            assertThat(analysis.getDescription()).doesNotContain("leaked-pw");
        });
    }

    @Test
    void valueOutOfRangeNamesItsGroup() {
        configured.withPropertyValues("altertable.rest.max-connections=0")
                .run(context -> assertFailure(context, "altertable.rest"));
    }

    @Test
    void malformedAppenderTable() {
        configured.withPropertyValues("altertable.appenders.events.table=events")
                .run(context -> assertFailure(context, "altertable.appenders.events.table"));
    }

    @Test
    void appenderCapacityBelowItsBatch() {
        configured.withPropertyValues("altertable.appenders.events.table=memory.main.events",
                "altertable.appenders.events.capacity=10", "altertable.appenders.events.batching.max-rows=100")
                .run(context -> assertFailure(context, "altertable.appenders.events"));
    }

    @Test
    void propertiesNeverShowSecrets() {
        configured.run(context -> assertThat(context.getBean(AltertableProperties.class).toString())
                .contains("alice").doesNotContain("s3cret-pw"));
        assertThat(new AltertableProperties.CredentialProperties(null, null, "dG9rZW4tc2VjcmV0OnB3").toString())
                .doesNotContain("dG9rZW4tc2VjcmV0OnB3");
    }

    static FailureAnalysis assertFailure(AssertableApplicationContext context, String property) {
        assertThat(context).hasFailed();
        FailureAnalysis analysis = new AltertableFailureAnalyzer().analyze(context.getStartupFailure());
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains(property);
        assertThat(analysis.getAction()).startsWith("Set " + property);
        assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("s3cret-pw");
        return analysis;
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnClient {
        @Bean(destroyMethod = "close")
        LakehouseClient ownClient() {
            return LakehouseClient.create(URL, Credentials.basic("own", "pw"));
        }
    }
}
