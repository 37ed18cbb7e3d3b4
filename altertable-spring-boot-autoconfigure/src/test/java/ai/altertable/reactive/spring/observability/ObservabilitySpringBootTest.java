package ai.altertable.reactive.spring.observability;

import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.rest.LakehouseClient;
import ai.altertable.reactive.spring.test.AutoConfigureAltertableMock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import reactor.test.StepVerifier;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole application with Spring Boot's metrics auto-configuration and no observability code: queries through the
 * auto-configured clients show up as {@code altertable.client.*} meters in the context's {@code MeterRegistry} (the
 * {@code SimpleMeterRegistry} Boot makes when no other registry is configured).
 */
@SpringBootTest
@AutoConfigureAltertableMock(seed = "CREATE TABLE events (user_id VARCHAR)")
class ObservabilitySpringBootTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    @Autowired
    MeterRegistry meters;

    @Autowired
    LakehouseClient client;

    @Autowired
    LakehouseFlightClient flight;

    @Test
    void queriesOfBothClientsAreMetered() {
        assertThat(meters).isInstanceOf(SimpleMeterRegistry.class);
        StepVerifier.create(client.query("SELECT * FROM range(3)")).expectNextCount(3).expectComplete().verify(WAIT);
        StepVerifier.create(flight.query("SELECT * FROM range(5)")).expectNextCount(5).expectComplete().verify(WAIT);

        assertThat(meters.get("altertable.client.operation.duration").tags("transport", "rest", "operation", "query",
                "outcome", "success").timer().count()).isEqualTo(1);
        assertThat(meters.get("altertable.client.rows.received").tags("transport", "rest").counter().count())
                .isEqualTo(3);
        assertThat(meters.get("altertable.client.rows.received").tags("transport", "flight").counter().count())
                .isEqualTo(5);
    }
}
