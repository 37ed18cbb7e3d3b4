package ai.altertable.reactive.spring.internal;

import ai.altertable.reactive.core.Credentials;
import ai.altertable.reactive.flight.LakehouseFlightClient;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Flight client is closed when the context closes, whichever thread closes it. (That the non-blocking path does not
 * block is by construction, not proven here: closing an idle client blocks too briefly for BlockHound to see.)
 */
class FlightClientCloserTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void closesWhenDestroyedOnANonBlockingThread() {
        LakehouseFlightClient client = LakehouseFlightClient.create("grpc://127.0.0.1:1", Credentials.basic("a", "b"));
        FlightClientCloser closer = new FlightClientCloser(client);

        StepVerifier.create(Mono.fromRunnable(closer::destroy).subscribeOn(Schedulers.parallel()))
                .expectComplete().verify(WAIT);

        await().atMost(WAIT).untilAsserted(() -> StepVerifier.create(client.query("SELECT 1"))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("closed")).verify(WAIT));
    }

    @Test
    void closesDirectlyOnAThreadThatMayBlock() {
        LakehouseFlightClient client = LakehouseFlightClient.create("grpc://127.0.0.1:1", Credentials.basic("a", "b"));

        new FlightClientCloser(client).destroy();

        StepVerifier.create(client.query("SELECT 1"))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("closed")).verify(WAIT);
    }
}
