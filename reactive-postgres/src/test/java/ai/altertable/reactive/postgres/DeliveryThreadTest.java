package ai.altertable.reactive.postgres;

import ai.altertable.reactive.mock.AltertableMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows arrive on the driver's event loop, where BlockHound (installed for every test) reports blocking; moving the
 * work with {@code publishOn}, as the javadoc says, is the way out.
 */
class DeliveryThreadTest {

    static AltertableMock mock;
    static LakehousePostgresClient client;

    @BeforeAll
    static void start() {
        mock = AltertableMock.builder().user("alice", "s3cret-pw").withoutFlight().start();
        client = LakehousePostgresClient.create(MockPostgres.options(mock).build());
    }

    @AfterAll
    static void stop() {
        client.close();
        mock.close();
    }

    @Test
    void blockingOnTheDeliveryThreadIsReported() {
        StepVerifier.create(client.query("SELECT 1 AS n").map(row -> sleepAndGet(row.getInt("n"))))
                .expectError(BlockingOperationError.class)
                .verify();
    }

    @Test
    void publishOnMovesBlockingWorkOffTheEventLoop() {
        StepVerifier.create(client.query("SELECT 1 AS n").publishOn(Schedulers.boundedElastic())
                        .map(row -> sleepAndGet(row.getInt("n"))))
                .expectNext(1)
                .verifyComplete();
        assertThat(client.openConnections()).isZero();
    }

    private static int sleepAndGet(int value) {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return value;
    }
}
