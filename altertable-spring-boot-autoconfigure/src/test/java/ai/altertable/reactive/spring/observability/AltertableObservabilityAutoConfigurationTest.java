package ai.altertable.reactive.spring.observability;

import ai.altertable.reactive.core.model.AppendOptions;
import ai.altertable.reactive.core.model.TableRef;
import ai.altertable.reactive.core.observe.ClientObservability;
import ai.altertable.reactive.flight.FlightClientOptions;
import ai.altertable.reactive.micrometer.DefaultAltertableObservationConvention;
import ai.altertable.reactive.micrometer.MicrometerObservability;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.rest.LakehouseClientOptions;
import ai.altertable.reactive.spring.AltertableAutoConfiguration;
import ai.altertable.reactive.spring.AltertableFlightAutoConfiguration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clients' Micrometer observability: one test per condition (registries present or absent, the property, the
 * class, the application's own bean), the properties, and the ordering after Boot's registry auto-configurations.
 * Operations run against a closed port ({@code 127.0.0.1:1}) without retries: they fail at once, and are recorded.
 */
class AltertableObservabilityAutoConfigurationTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AltertableObservabilityAutoConfiguration.class,
                    AltertableAutoConfiguration.class, AltertableFlightAutoConfiguration.class))
            .withPropertyValues("altertable.base-url=http://127.0.0.1:1", "altertable.flight.endpoint=grpc://127.0.0.1:1",
                    "altertable.credentials.username=alice", "altertable.credentials.password=s3cret-pw",
                    "altertable.retry.max-attempts=1");

    @Test
    void aMeterRegistryAloneReachesBothClients() {
        runner.withBean(SimpleMeterRegistry.class).run(context -> {
            assertThat(context).hasSingleBean(MicrometerObservability.class);
            ClientObservability bean = context.getBean(ClientObservability.class);
            assertThat(context.getBean(LakehouseClientOptions.class).observability()).isSameAs(bean);
            assertThat(context.getBean(FlightClientOptions.class).observability()).isSameAs(bean);
            assertThat(bean.toString()).contains("meters=true", "observations=false");
            failQuery(context);
            assertThat(operationDuration(context).count()).isEqualTo(1);
        });
    }

    @Test
    void anObservationRegistryAloneReachesTheClients() {
        runner.withBean(TestObservationRegistry.class, TestObservationRegistry::create).run(context -> {
            assertThat(context).hasSingleBean(MicrometerObservability.class).doesNotHaveBean(MeterRegistry.class);
            failQuery(context);
            TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                    .hasObservationWithNameEqualTo(DefaultAltertableObservationConvention.NAME).that()
                    .hasLowCardinalityKeyValue("operation", "query")
                    .doesNotHaveHighCardinalityKeyValueWithKey("db.statement");
        });
    }

    @Test
    void noRegistryNoObservability() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(ClientObservability.class);
            assertThat(context.getBean(LakehouseClientOptions.class).observability()).isSameAs(ClientObservability.none());
            assertThat(context.getBean(FlightClientOptions.class).observability()).isSameAs(ClientObservability.none());
        });
    }

    @Test
    void turnedOffByProperty() {
        runner.withBean(SimpleMeterRegistry.class).withPropertyValues("altertable.observability.enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(ClientObservability.class);
                    assertThat(context.getBean(LakehouseClientOptions.class).observability())
                            .isSameAs(ClientObservability.none());
                    failQuery(context);
                    assertThat(context.getBean(MeterRegistry.class).find("altertable.client.operation.duration")
                            .timers()).isEmpty();
                });
    }

    @Test
    void backsOffWithoutReactiveMicrometer() {
        runner.withBean(SimpleMeterRegistry.class).withClassLoader(new FilteredClassLoader(MicrometerObservability.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(ClientObservability.class);
                    assertThat(context.getBean(LakehouseClientOptions.class).observability())
                            .isSameAs(ClientObservability.none());
                });
    }

    @Test
    void theApplicationsOwnObservabilityWins() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        runner.withBean(SimpleMeterRegistry.class)
                .withBean("ownObservability", ClientObservability.class,
                        () -> MicrometerObservability.builder().meterRegistry(own).tableTag(true).build())
                .run(context -> {
                    assertThat(context).hasSingleBean(ClientObservability.class).hasBean("ownObservability");
                    ClientObservability mine = context.getBean("ownObservability", ClientObservability.class);
                    assertThat(context.getBean(LakehouseClientOptions.class).observability()).isSameAs(mine);
                    assertThat(context.getBean(FlightClientOptions.class).observability()).isSameAs(mine);
                    failQuery(context);
                    assertThat(own.get("altertable.client.operation.duration").timer().count()).isEqualTo(1);
                    assertThat(context.getBean(MeterRegistry.class).find("altertable.client.operation.duration")
                            .timers()).isEmpty();
                });
    }

    @Test
    void sqlTextAndHistogramsByProperty() {
        runner.withBean(SimpleMeterRegistry.class, AltertableObservabilityAutoConfigurationTest::recordingHistograms)
                .withBean(TestObservationRegistry.class, TestObservationRegistry::create)
                .withPropertyValues("altertable.observability.sql-text=true",
                        "altertable.observability.percentile-histograms=true")
                .run(context -> {
                    failQuery(context);
                    TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                            .hasObservationWithNameEqualTo(DefaultAltertableObservationConvention.NAME).that()
                            .hasHighCardinalityKeyValue("db.statement", "SELECT 42");
                    assertThat(histogramRequested(context)).isTrue();
                });
    }

    @Test
    void histogramsOffByDefault() {
        runner.withBean(SimpleMeterRegistry.class, AltertableObservabilityAutoConfigurationTest::recordingHistograms)
                .run(context -> {
                    failQuery(context);
                    assertThat(histogramRequested(context)).isFalse();
                });
    }

    @Test
    void tableTagByProperty() {
        runner.withBean(SimpleMeterRegistry.class).withPropertyValues("altertable.observability.table-tag=true")
                .run(context -> {
                    failAppend(context);
                    assertThat(tagsOfAppendDurations(context)).containsEntry("table", "memory.main.events");
                });
        runner.withBean(SimpleMeterRegistry.class).run(context -> {
            failAppend(context);
            assertThat(tagsOfAppendDurations(context)).doesNotContainKey("table").containsKey("operation");
        });
    }

    @Test
    void anObservationConventionBeanNamesTheObservations() {
        runner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
                .withBean(DefaultAltertableObservationConvention.class, () -> new DefaultAltertableObservationConvention() {
                    @Override
                    public String getName() {
                        return "lakehouse.calls";
                    }
                })
                .run(context -> {
                    failQuery(context);
                    TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                            .hasObservationWithNameEqualTo("lakehouse.calls");
                });
    }

    /** Spring Boot's registry auto-configurations, listed after ours (which must be ordered after them). */
    private final ApplicationContextRunner withBoot = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AltertableObservabilityAutoConfiguration.class,
                    AltertableAutoConfiguration.class, ObservationAutoConfiguration.class,
                    MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class))
            .withPropertyValues("altertable.base-url=http://127.0.0.1:1", "altertable.credentials.token=YTpi",
                    "altertable.retry.max-attempts=1");

    /** With Boot's own registry auto-configurations: ours is ordered after them and finds their beans. */
    @Test
    void orderedAfterBootsRegistryAutoConfigurations() {
        withBoot.run(context -> {
            assertThat(context).hasSingleBean(MeterRegistry.class).hasSingleBean(ObservationRegistry.class)
                    .hasSingleBean(MicrometerObservability.class);
            assertThat(context.getBean(MeterRegistry.class)).isInstanceOf(SimpleMeterRegistry.class);
            assertThat(context.getBean(ClientObservability.class).toString()).contains("meters=true", "observations=true");
            failQuery(context);
            assertThat(operationDuration(context).count()).isEqualTo(1);
            assertThat(context.getBean(MeterRegistry.class).find(DefaultAltertableObservationConvention.NAME).timer())
                    .as("Boot's meter observation handler times the observation too").isNotNull();
        });
    }

    /** Boot's per-prefix switch turns the observations off; the clients' meters stay. */
    @Test
    void bootsObservationSwitchKeepsTheMeters() {
        withBoot.withPropertyValues("management.observations.enable.altertable=false").run(context -> {
            failQuery(context);
            assertThat(operationDuration(context).count()).isEqualTo(1);
            assertThat(context.getBean(MeterRegistry.class).find(DefaultAltertableObservationConvention.NAME).timer())
                    .isNull();
        });
    }

    /**
     * A SimpleMeterRegistry (which ignores percentile histograms) whose filter records whether the query timer asked
     * for one: a gauge {@code test.histogram.requested} of 1 or 0.
     */
    private static SimpleMeterRegistry recordingHistograms() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicInteger requested = new AtomicInteger(-1);
        Gauge.builder("test.histogram.requested", requested, AtomicInteger::get).strongReference(true).register(registry);
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals("altertable.client.operation.duration")) {
                    requested.set(Boolean.TRUE.equals(config.isPercentileHistogram()) ? 1 : 0);
                }
                return config;
            }
        });
        return registry;
    }

    private static boolean histogramRequested(AssertableApplicationContext context) {
        double requested = context.getBean(MeterRegistry.class).get("test.histogram.requested").gauge().value();
        assertThat(requested).as("the filter saw the timer").isNotNegative();
        return requested == 1;
    }

    private static void failQuery(AssertableApplicationContext context) {
        StepVerifier.create(context.getBean(LakehouseClient.class).query("SELECT 42")).expectError().verify(WAIT);
    }

    private static void failAppend(AssertableApplicationContext context) {
        AppendOptions events = AppendOptions.of(TableRef.of("memory", "main", "events"));
        StepVerifier.create(context.getBean(LakehouseClient.class).appendAll(events, Flux.just(Map.of("a", 1)))
                .onErrorComplete().then()).expectComplete().verify(WAIT);
    }

    private static Timer operationDuration(AssertableApplicationContext context) {
        return context.getBean(MeterRegistry.class).get("altertable.client.operation.duration")
                .tags("operation", "query").timer();
    }

    private static Map<String, String> tagsOfAppendDurations(AssertableApplicationContext context) {
        Timer timer = context.getBean(MeterRegistry.class).get("altertable.client.operation.duration")
                .tags("operation", "append").timer();
        return timer.getId().getTags().stream().collect(Collectors.toMap(t -> t.getKey(), t -> t.getValue()));
    }
}
