package ai.altertable.reactive.examples;

import ai.altertable.reactive.flight.LakehouseFlightClient;
import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.mock.AltertableMockExtension;
import ai.altertable.reactive.rest.LakehouseClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's configuration examples work against the mock, with the settings they say. */
@ExtendWith(AltertableMockExtension.class)
class ConfiguredClientsTest {

    @Test
    void theRestClientAndItsVariantQueryWithTheirSettings(AltertableMock mock) {
        try (LakehouseClient client = ConfiguredClients.rest(mock.baseUrl(), mock.credentials())) {
            assertThat(client.options().maxConnections()).isEqualTo(64);
            assertThat(client.options().responseTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(client.options().userAgent()).endsWith(" events-service");
            try (LakehouseClient patient = ConfiguredClients.patient(client)) {
                assertThat(patient.options().idleTimeout()).isEqualTo(Duration.ofMinutes(5));
                assertThat(patient.options().maxConnections()).isEqualTo(64);
                StepVerifier.create(patient.query("SELECT 1").map(r -> r.getLong(0))).expectNext(1L)
                        .expectComplete().verify(Duration.ofSeconds(30));
            }
            StepVerifier.create(client.query("SELECT 2").map(r -> r.getLong(0))).expectNext(2L)
                    .expectComplete().verify(Duration.ofSeconds(30)); // closing the variant left the pool open
        }
    }

    @Test
    void theFlightClientQueriesInItsSessionsCatalog(AltertableMock mock) {
        try (LakehouseFlightClient flight = ConfiguredClients.flight(mock.flightUri(), mock.credentials())) {
            assertThat(flight.options().callTimeout()).isEqualTo(Duration.ofSeconds(30));
            StepVerifier.create(flight.query("SELECT current_database() AS db").map(r -> r.getString("db")))
                    .expectNext("memory").expectComplete().verify(Duration.ofSeconds(30));
        }
    }
}
