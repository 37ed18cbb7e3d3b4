package ai.altertable.reactive.spring;

import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.core.model.ComputeSize;
import ai.altertable.reactive.flight.FlightClientOptions;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.spring.internal.FlightClientCloser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.net.URI;
import java.time.Duration;

import static ai.altertable.reactive.spring.AltertableAutoConfigurationTest.assertFailure;
import static org.assertj.core.api.Assertions.assertThat;

/** The Flight client's beans: each condition, each property, the environment fallback, the failures. */
class AltertableFlightAutoConfigurationTest {

    static final String ENDPOINT = "grpc://127.0.0.1:1";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AltertableAutoConfiguration.class,
                    AltertableFlightAutoConfiguration.class))
            .withPropertyValues("altertable.rest.enabled=false");

    private final ApplicationContextRunner configured = runner.withPropertyValues(
            "altertable.flight.endpoint=" + ENDPOINT, "altertable.credentials.username=alice",
            "altertable.credentials.password=s3cret-pw");

    @Test
    void clientFromProperties() {
        configured.run(context -> {
            assertThat(context).hasSingleBean(LakehouseFlightClient.class).hasSingleBean(FlightClientCloser.class)
                    .doesNotHaveBean(LakehouseClient.class);
            FlightClientOptions options = context.getBean(LakehouseFlightClient.class).options();
            assertThat(options.endpoint()).isEqualTo(URI.create(ENDPOINT));
            assertThat(options.credentials().credentials().block()).isEqualTo(Credentials.basic("alice", "s3cret-pw"));
            assertThat(options.callTimeout()).isEqualTo(FlightClientOptions.DEFAULT_CALL_TIMEOUT);
            assertThat(options.prefetch()).isEqualTo(FlightClientOptions.DEFAULT_PREFETCH);
            assertThat(options.sessionOptions().isEmpty()).isTrue();
        });
    }

    @Test
    void everyFlightProperty() {
        configured.withPropertyValues("altertable.flight.call-timeout=7s", "altertable.flight.idle-timeout=8s",
                "altertable.flight.prefetch=3", "altertable.flight.threads=2",
                "altertable.flight.max-inbound-message-size=4MB", "altertable.flight.max-memory=256MB",
                "altertable.flight.session.catalog=memory", "altertable.flight.session.schema=main",
                "altertable.flight.session.compute-size=xl", "altertable.retry.max-attempts=1").run(context -> {
                    FlightClientOptions options = context.getBean(FlightClientOptions.class);
                    assertThat(options.callTimeout()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(options.idleTimeout()).isEqualTo(Duration.ofSeconds(8));
                    assertThat(options.prefetch()).isEqualTo(3);
                    assertThat(options.threads()).isEqualTo(2);
                    assertThat(options.maxInboundMessageBytes()).isEqualTo(4 * 1024 * 1024);
                    assertThat(options.maxMemory()).isEqualTo(256L * 1024 * 1024);
                    assertThat(options.sessionOptions().catalog()).isEqualTo("memory");
                    assertThat(options.sessionOptions().schema()).isEqualTo("main");
                    assertThat(options.sessionOptions().computeSize()).isEqualTo(ComputeSize.XL);
                    assertThat(options.retryPolicy().maxAttempts()).isEqualTo(1);
                });
    }

    @Test
    void endpointAndCredentialsFromTheAltertableEnvironment() {
        runner.withPropertyValues("ALTERTABLE_FLIGHT_URL=grpc+tls://flight.internal:443",
                "ALTERTABLE_BASIC_AUTH_TOKEN=" + Credentials.basic("dave", "pw-of-dave").basicToken()).run(context -> {
                    FlightClientOptions options = context.getBean(FlightClientOptions.class);
                    assertThat(options.endpoint()).isEqualTo(URI.create("grpc+tls://flight.internal:443"));
                    assertThat(options.credentials().credentials().block())
                            .isEqualTo(Credentials.basic("dave", "pw-of-dave"));
                });
    }

    @Test
    void customizersApplyAfterTheProperties() {
        configured.withBean(FlightClientOptionsCustomizer.class, () -> b -> b.prefetch(5))
                .run(context -> assertThat(context.getBean(FlightClientOptions.class).prefetch()).isEqualTo(5));
    }

    @Test
    void backsOffFromTheApplicationsClient() {
        runner.withBean("ownFlight", LakehouseFlightClient.class,
                () -> LakehouseFlightClient.create(ENDPOINT, Credentials.basic("own", "pw")),
                d -> d.setDestroyMethodName("close")).run(context -> assertThat(context).hasNotFailed()
                        .hasSingleBean(LakehouseFlightClient.class).doesNotHaveBean(FlightClientOptions.class)
                        .doesNotHaveBean(FlightClientCloser.class));
    }

    @Test
    void disabledByProperty() {
        configured.withPropertyValues("altertable.flight.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(LakehouseFlightClient.class));
    }

    @Test
    void nothingWithoutReactiveFlightOnTheClassPath() {
        configured.withClassLoader(new FilteredClassLoader(LakehouseFlightClient.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(FlightClientOptions.class));
    }

    @Test
    void bothClientsShareCredentialsAndRetry() {
        configured.withPropertyValues("altertable.rest.enabled=true", "altertable.base-url=http://127.0.0.1:1")
                .run(context -> assertThat(context).hasSingleBean(LakehouseClient.class)
                        .hasSingleBean(LakehouseFlightClient.class));
    }

    @Test
    void malformedEndpoint() {
        configured.withPropertyValues("altertable.flight.endpoint=http://flight.internal:443")
                .run(context -> assertFailure(context, "altertable.flight.endpoint"));
    }

    @Test
    void endpointWithoutPort() {
        configured.withPropertyValues("altertable.flight.endpoint=grpc://flight.internal")
                .run(context -> assertFailure(context, "altertable.flight.endpoint"));
    }

    @Test
    void unknownComputeSize() {
        configured.withPropertyValues("altertable.flight.session.compute-size=auto")
                .run(context -> assertFailure(context, "altertable.flight.session"));
    }

    @Test
    void missingCredentials() {
        runner.withPropertyValues("altertable.flight.endpoint=" + ENDPOINT)
                .run(context -> assertFailure(context, "altertable.credentials.username"));
    }
}
