package ai.altertable.reactive.spring.health;

import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.spring.AltertableAutoConfiguration;
import ai.altertable.reactive.spring.AltertableFlightAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code altertable} health contributor: its conditions, UP against the mock, DOWN once it stops or hangs. */
class AltertableHealthTest {

    /** Generous: UP must not depend on how loaded the machine is. */
    static final Duration LONG = Duration.ofSeconds(60);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AltertableAutoConfiguration.class,
                    AltertableFlightAutoConfiguration.class, AltertableHealthAutoConfiguration.class));

    static String[] pointingAt(AltertableMock mock) {
        return new String[] {"altertable.base-url=" + mock.baseUrl(), "altertable.flight.endpoint=" + mock.flightUri(),
                "altertable.credentials.username=" + AltertableMock.DEFAULT_USERNAME,
                "altertable.credentials.password=" + AltertableMock.DEFAULT_PASSWORD};
    }

    static ReactiveHealthIndicator indicator(ApplicationContext context, String name) {
        CompositeReactiveHealthContributor altertable =
                context.getBean("altertableHealthContributor", CompositeReactiveHealthContributor.class);
        return (ReactiveHealthIndicator) altertable.getContributor(name);
    }

    @Test
    void upWithTheMockThenDownOnceItStopped() {
        AltertableMock mock = AltertableMock.start();
        boolean closed = false;
        try {
            runner.withPropertyValues(pointingAt(mock)).withPropertyValues("altertable.health.timeout=" + LONG)
                    .run(context -> {
                        ReactiveHealthIndicator rest = indicator(context, "rest");
                        ReactiveHealthIndicator flight = indicator(context, "flight");
                        StepVerifier.create(rest.health()).assertNext(h -> {
                            assertThat(h.getStatus()).isEqualTo(Status.UP);
                            assertThat(h.getDetails()).containsEntry("url", mock.baseUrl().toString());
                        }).expectComplete().verify(LONG);
                        StepVerifier.create(flight.health()).assertNext(h -> {
                            assertThat(h.getStatus()).isEqualTo(Status.UP);
                            assertThat(h.getDetails()).containsEntry("endpoint", mock.flightUri().toString());
                        }).expectComplete().verify(LONG);

                        mock.close();

                        // DOWN with the client's own error (the refused connection), not the check's timeout: so
                        // before the timeout.
                        StepVerifier.create(rest.health()).assertNext(AltertableHealthTest::downByTheClient)
                                .expectComplete().verify(LONG);
                        StepVerifier.create(flight.health()).assertNext(AltertableHealthTest::downByTheClient)
                                .expectComplete().verify(LONG);
                    });
            closed = true;
        } finally {
            if (!closed) {
                mock.close();
            }
        }
    }

    static void downByTheClient(Health health) {
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) health.getDetails().get("error")).doesNotStartWith("TimeoutException")
                .doesNotContain(AltertableMock.DEFAULT_PASSWORD);
    }

    @Test
    void downAtTheTimeoutWhenTheServerNeverAnswers() throws IOException {
        // Accepts connections (the kernel's backlog) and never reads or answers.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            runner.withPropertyValues("altertable.base-url=http://127.0.0.1:" + silent.getLocalPort(),
                    "altertable.flight.enabled=false", "altertable.credentials.username=alice",
                    "altertable.credentials.password=pw-of-alice", "altertable.health.timeout=500ms")
                    .run(context -> StepVerifier.create(indicator(context, "rest").health()).assertNext(h -> {
                        assertThat(h.getStatus()).isEqualTo(Status.DOWN);
                        assertThat(h.getDetails()).containsEntry("error",
                                "TimeoutException: no answer within PT0.5S");
                    }).expectComplete().verify(LONG));
        }
    }

    @Test
    void downWithTheTypedErrorOnBadCredentialsWithoutTheSecret() {
        try (AltertableMock mock = AltertableMock.builder().withoutFlight().start()) {
            runner.withPropertyValues("altertable.base-url=" + mock.baseUrl(), "altertable.flight.enabled=false",
                    "altertable.credentials.username=altertable", "altertable.credentials.password=wrong-s3cret",
                    "altertable.health.timeout=" + LONG).run(context -> StepVerifier.create(
                            indicator(context, "rest").health()).assertNext(h -> {
                                assertThat(h.getStatus()).isEqualTo(Status.DOWN);
                                assertThat((String) h.getDetails().get("error")).startsWith("AuthenticationException")
                                        .doesNotContain("wrong-s3cret");
                            }).expectComplete().verify(LONG));
        }
    }

    @Test
    void oneIndicatorPerClientKind() {
        runner.withPropertyValues("altertable.base-url=http://127.0.0.1:1", "altertable.flight.endpoint=grpc://127.0.0.1:1",
                "altertable.credentials.username=a", "altertable.credentials.password=b").run(context -> {
                    CompositeReactiveHealthContributor altertable =
                            context.getBean("altertableHealthContributor", CompositeReactiveHealthContributor.class);
                    assertThat(altertable.stream().map(e -> e.name())).containsExactlyInAnyOrder("rest", "flight");
                });
    }

    @Test
    void offWhenDisabled() {
        runner.withPropertyValues("altertable.base-url=http://127.0.0.1:1", "altertable.flight.enabled=false",
                "altertable.credentials.username=a", "altertable.credentials.password=b",
                "management.health.altertable.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("altertableHealthContributor"));
    }

    @Test
    void offWithoutBootsHealthSupport() {
        runner.withClassLoader(new FilteredClassLoader(ReactiveHealthIndicator.class))
                .withPropertyValues("altertable.base-url=http://127.0.0.1:1", "altertable.flight.enabled=false",
                        "altertable.credentials.username=a", "altertable.credentials.password=b")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("altertableHealthContributor"));
    }

    @Test
    void offWithoutClients() {
        runner.withPropertyValues("altertable.rest.enabled=false", "altertable.flight.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("altertableHealthContributor"));
    }
}
